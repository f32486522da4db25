"""The audit log in the API: /api/v1/audit-events/, read-only."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.authentication import SessionAuthentication

from portfolio.accounts.tokens import ExpiringTokenAuthentication
from portfolio.api_docs import operation_doc
from portfolio.audit import audit_kind_label
from portfolio.audit_log.filters import AuditEventFilter
from portfolio.audit_log.permissions import MayViewAuditLog
from portfolio.audit_log.selectors import audit_event_list
from portfolio.models import AuditEvent

WHO_MAY_CALL = _(
    "Only superusers, users with the permission portfolio.view_auditevent and members of the "
    "coordinator group; other users get 403."
)


class AuditEventOutputSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(
        source="actor_label",
        read_only=True,
        help_text=_('User name of who acted, as it was then; "system" for background work.'),
    )
    ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        allow_null=True,
        help_text=_("Abbreviation of the ministry the event concerns, or null."),
    )
    kind_label = serializers.SerializerMethodField(
        help_text=_("The kind of event in words, in the language of the request.")
    )
    model = serializers.SerializerMethodField(
        help_text=_("The type of the object as app_label.model, e.g. forums.proposal.")
    )

    object_id = serializers.CharField(
        source="target_id", read_only=True, help_text=_("Identifier of the object, as text.")
    )
    object_label = serializers.CharField(
        source="target_label",
        read_only=True,
        help_text=_("The object's name when the event was recorded."),
    )

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor",
            "ministry",
            "kind",
            "kind_label",
            "channel",
            "request_id",
            "model",
            "object_id",
            "object_label",
            "before",
            "after",
            "note",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Identifier of the event.")},
            "occurred_at": {"help_text": _("When the event happened.")},
            "kind": {"help_text": _("The kind of event, a dotted name such as proposal.opened.")},
            "channel": {"help_text": _("Through which channel the change came.")},
            "request_id": {
                "help_text": _("The request that caused it; events of one request share it.")
            },
            "before": {"help_text": _("Values before the change, or null.")},
            "after": {"help_text": _("Values after the change, or null.")},
            "note": {"help_text": _("Free text recorded with the event.")},
        }

    def get_kind_label(self, event: AuditEvent) -> str:
        return audit_kind_label(event.kind)

    def get_model(self, event: AuditEvent) -> str:
        return f"{event.target_type.app_label}.{event.target_type.model}"


@extend_schema_view(
    list=operation_doc(
        summary=_("List audit events"),
        description=_(
            "The global audit log: every domain event, newest first, filtered by the "
            "query parameters."
        ),
        permissions=WHO_MAY_CALL,
    ),
    retrieve=operation_doc(
        summary=_("Read one audit event"),
        description=_("One domain event of the global audit log."),
        permissions=WHO_MAY_CALL,
    ),
)
class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The domain events of the audit trail. Nothing can be written here (405)."""

    serializer_class = AuditEventOutputSerializer
    permission_classes = [MayViewAuditLog]
    # Token first: an unauthenticated request gets 401 with a WWW-Authenticate header
    # instead of the 403 that session authentication alone would give.
    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]
    filterset_class = AuditEventFilter
    queryset = audit_event_list()
