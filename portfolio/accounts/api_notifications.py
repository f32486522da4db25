"""The user's own notifications: list them, mark one or all as read, as the bell's page does.

Each user sees and marks only their own; another's notification is not found (404).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from portfolio.api_docs import operation_doc
from portfolio.models import Notification
from portfolio.notifications import notification_read, notifications_read_all

OWN = _("Any logged-in user, for their own notifications only; another's is not found (404).")


class NotificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "url", "created_at", "read_at"]
        extra_kwargs = {
            "kind": {"help_text": _("The kind of notification, e.g. meeting.")},
            "url": {"help_text": _("The page in the portal it points to; may be empty.")},
            "read_at": {"help_text": _("When it was read; null while unread.")},
        }


class MarkedOutput(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were marked read."))


@extend_schema_view(
    list=operation_doc(
        summary=_("List my notifications"),
        description=_("The notifications of the user who asks, newest first, read or not."),
        permissions=OWN,
    ),
    retrieve=operation_doc(
        summary=_("Get one of my notifications"),
        description=_("One notification of the user who asks."),
        permissions=OWN,
    ),
)
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = NotificationOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, without a user
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user).order_by(
            "-created_at", "-pk"
        )

    @operation_doc(
        summary=_("Mark one of my notifications read"),
        description=_(
            "Marks the notification read, as opening it from the bell does; one already read "
            "keeps its time. Answers with the notification."
        ),
        permissions=OWN,
        request=None,
        responses={200: NotificationOutput},
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_read(actor=request.user, notification=self.get_object())
        return Response(NotificationOutput(notification).data)

    @operation_doc(
        summary=_("Mark all my notifications read"),
        description=_(
            "Marks every unread notification of the user who asks read, as the button on the "
            "page of notifications does."
        ),
        permissions=_("Any logged-in user, for their own notifications only."),
        request=None,
        responses={200: MarkedOutput},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        marked = notifications_read_all(actor=request.user)
        return Response(MarkedOutput({"marked": marked}).data)
