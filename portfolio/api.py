from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portfolio.api_docs import ANY_USER, conflict, operation_doc
from portfolio.dashboard.owed import owed_remind
from portfolio.models import Ministry
from portfolio.permissions import ensure, is_coordinator, is_secretariat

LOCALIZED_NAME = _("The name in the language of the request (nb, nn or en), else in bokmål.")


class MinistryOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=LOCALIZED_NAME)

    class Meta:
        model = Ministry
        fields = [
            "abbreviation",
            "name",
            "name_nb",
            "name_nn",
            "name_en",
            "kind",
            "valid_from",
            "valid_to",
        ]
        extra_kwargs = {
            "abbreviation": {"help_text": _("Short name, e.g. FIN; identifies it in the API.")},
            "valid_to": {"help_text": _("Empty: still exists.")},
        }


class OwedReminderOutput(serializers.Serializer):
    ministry = serializers.CharField(help_text=_("Abbreviation of the ministry reminded."))
    recipients = serializers.IntegerField(help_text=_("How many people the reminder went to."))


@extend_schema_view(
    list=operation_doc(
        summary=_("List ministries"),
        description=_(
            "The ministries, the Prime Minister's Office (SMK) and DSS, by abbreviation; "
            "filter by kind. Ministries that were merged or renamed are listed with the dates "
            "they were valid."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get a ministry"),
        description=_("One ministry, the Prime Minister's Office or DSS, by abbreviation."),
        permissions=ANY_USER,
    ),
)
class MinistryViewSet(viewsets.ReadOnlyModelViewSet):
    """Ministries, the Prime Minister's Office and DSS. Readable by every logged-in user."""

    serializer_class = MinistryOutputSerializer
    lookup_field = "abbreviation"
    queryset = Ministry.objects.order_by("abbreviation")
    filterset_fields = ["kind"]

    @operation_doc(
        summary=_("Remind a ministry of what it owes"),
        description=_(
            "Sends the ministry's admin heads (and their deputies) one reminder of everything "
            "it owes: positions, status reports and follow-up actions, as the page of what is "
            "owed does. At most once in 24 hours per ministry; the reminder is audited. Only a "
            "ministry or the Prime Minister's Office existing today."
        ),
        permissions=_("Only the coordinator and the secretariat; others get 403."),
        request=None,
        responses={
            201: OwedReminderOutput,
            409: conflict(_("The ministry was reminded less than 24 hours ago, or owes nothing.")),
        },
    )
    @action(detail=True, methods=["post"], url_path="owed-reminder")
    def owed_reminder(self, request, abbreviation=None):
        ensure(
            is_coordinator(request.user) or is_secretariat(request.user),
            _("Only the coordinator and the secretariat send reminders."),
        )
        ministry = get_object_or_404(
            Ministry.objects.owners().active_on(timezone.localdate()),
            abbreviation__iexact=abbreviation,
        )
        sent = owed_remind(actor=request.user, ministry=ministry)
        body = {"ministry": ministry.abbreviation, "recipients": sent}
        return Response(OwedReminderOutput(body).data, status=status.HTTP_201_CREATED)
