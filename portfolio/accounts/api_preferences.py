"""The user's own notification preferences: read them, change them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.accounts.preferences import notification_preferences, notification_preferences_set
from portfolio.api_docs import ErrorDetailSerializer, FieldErrorsSerializer, operation_doc
from portfolio.models import UserProfile
from portfolio.notification_kinds import Delivery


class KindChoiceSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("The kind of notification, e.g. meeting."))
    name = serializers.CharField(
        source="label", help_text=_("Its name, in the language of the request.")
    )
    description = serializers.CharField(help_text=_("What it covers."))
    delivery = serializers.ChoiceField(
        choices=Delivery.choices,
        help_text=_("email: at once; digest: in the daily digest; none: no e-mail."),
    )
    default = serializers.ChoiceField(
        choices=Delivery.choices, help_text=_("The delivery until the user chooses.")
    )


class PreferencesOutputSerializer(serializers.Serializer):
    language = serializers.CharField(
        allow_null=True,
        help_text=_("Language of e-mails (nb, en, …); null for users without a ministry."),
    )
    kinds = KindChoiceSerializer(many=True)


class FlatDictField(serializers.DictField):
    """A mapping whose errors name the key in a flat list, as the error schema promises."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError(
                [
                    f"{key}: {message}"
                    for key, messages in exc.detail.items()
                    for message in (messages if isinstance(messages, list) else [messages])
                ]
            ) from exc


class PreferencesInputSerializer(serializers.Serializer):
    deliveries = FlatDictField(
        child=serializers.CharField(max_length=20),
        required=False,
        help_text=_(
            "Kind → email, digest or none; only the kinds given change. Notifications are "
            "kept in the portal whatever is chosen."
        ),
    )
    language = serializers.CharField(
        max_length=10, required=False, help_text=_("Language of e-mails: one the portal offers.")
    )


def _output(user) -> dict:
    profile = UserProfile.objects.filter(user=user).first()
    return PreferencesOutputSerializer(
        {"language": profile.language if profile else None, "kinds": notification_preferences(user)}
    ).data


class NotificationPreferencesView(APIView):
    """GET reads, PATCH changes the notification preferences of the user who asks."""

    permission_classes = [IsAuthenticated]

    @operation_doc(
        operation_id="own_notification_preferences_get",
        summary=_("Get my notification preferences"),
        description=_(
            "For each kind of notification, whether the user who asks gets an e-mail at once, "
            "a daily digest or no e-mail, and the language of the e-mails. Every notification "
            "is kept in the portal whatever is chosen."
        ),
        permissions=_("Any logged-in user; each user sees only their own preferences."),
        responses={200: PreferencesOutputSerializer},
    )
    def get(self, request):
        return Response(_output(request.user))

    @operation_doc(
        operation_id="own_notification_preferences_update",
        summary=_("Change my notification preferences"),
        description=_(
            "Changes the delivery of the kinds given and, if given, the language of the "
            "e-mails of the user who asks. An unknown kind, delivery or language changes "
            "nothing."
        ),
        permissions=_("Any logged-in user, for their own preferences only."),
        request=PreferencesInputSerializer,
        responses={
            200: PreferencesOutputSerializer,
            400: OpenApiResponse(FieldErrorsSerializer, description=_("Bad input.")),
            401: OpenApiResponse(ErrorDetailSerializer, description=_("Not logged in.")),
        },
    )
    def patch(self, request):
        serializer = PreferencesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notification_preferences_set(
            actor=request.user,
            user=request.user,
            deliveries=serializer.validated_data.get("deliveries", {}),
            language=serializer.validated_data.get("language"),
        )
        return Response(_output(request.user))


own_notification_preferences = NotificationPreferencesView.as_view()
