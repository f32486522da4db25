"""API for the core groups: their mandate and status, with their status reports.

The reports themselves are written through /api/v1/status-reports/ (naming the core group),
as the core group's report page writes them through the same service.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from measures.api.follow_up import MayWrite
from measures.forms import MANDATE_MAX
from measures.models import CoreGroup, StatusReport
from measures.permissions import (
    can_coordinate_follow_up,
    can_write_core_group,
    may_write_follow_up,
)
from measures.selectors import LATEST_FIRST
from measures.services.core_groups import FIELDS, core_group_update
from portfolio.api import LOCALIZED_NAME
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import refuse_nul

GROUP_WRITERS = _(
    "Users of the core group's lead ministry in the measure lead or admin head role, the "
    "coordinator and portal administrators; others get 403."
)


class CoreGroupReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusReport
        fields = ["id", "period", "rag", "submitted_at", "updated_at"]
        extra_kwargs = {
            "id": {"help_text": _("Numeric id of the status report (see status-reports).")},
            "period": {"help_text": _("Numeric id of the reporting period.")},
            "rag": {"help_text": _("Overall status: green, amber or red.")},
        }


class CoreGroupSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=LOCALIZED_NAME)
    measure = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        help_text=_("Code of the measure the core group belongs to."),
    )
    lead_ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        allow_null=True,
        help_text=_("Abbreviation of the ministry that leads the core group, or null."),
    )
    participating_ministries = serializers.SlugRelatedField(
        slug_field="abbreviation",
        many=True,
        read_only=True,
        help_text=_("Abbreviations of the ministries that take part."),
    )
    mandate_nb = serializers.CharField(
        max_length=MANDATE_MAX,
        required=False,
        allow_blank=True,
        validators=[refuse_nul],
        help_text=_("The mandate in bokmål."),
    )
    mandate_en = serializers.CharField(
        max_length=MANDATE_MAX,
        required=False,
        allow_blank=True,
        validators=[refuse_nul],
        help_text=_("The mandate in English."),
    )
    reports = CoreGroupReportSerializer(
        many=True, read_only=True, help_text=_("The core group's status reports, newest first.")
    )

    class Meta:
        model = CoreGroup
        fields = [
            "code",
            "short_name",
            "name",
            "name_nb",
            "name_en",
            "full_name_nb",
            "measure",
            "lead_ministry",
            "participating_ministries",
            "started",
            *FIELDS,
            "reports",
        ]
        read_only_fields = ["code", "short_name", "name_nb", "name_en", "full_name_nb", "started"]
        extra_kwargs = {
            "code": {"help_text": _("Code of the core group, e.g. KG1.")},
            "status": {"help_text": _("Status of the core group, as of a measure.")},
        }

    def update(self, instance, validated_data):
        values = {name: validated_data[name] for name in FIELDS if name in validated_data}
        return core_group_update(actor=self.context["request"].user, group=instance, **values)


WRITE = _(
    "Changes the mandate (in bokmål and English) and the status of the core group; the fields "
    "left out stay as they are."
)


@extend_schema_view(
    list=operation_doc(
        summary=_("List core groups"),
        description=_(
            "The core groups of the core-group trial with their lead and participating "
            "ministries, mandate, status and status reports."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get a core group"),
        description=_("One core group, by its code."),
        permissions=ANY_USER,
    ),
    update=operation_doc(
        summary=_("Change a core group"), description=WRITE, permissions=GROUP_WRITERS
    ),
    partial_update=operation_doc(
        summary=_("Change part of a core group"), description=WRITE, permissions=GROUP_WRITERS
    ),
)
class CoreGroupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Core groups by code; their lead ministry or the coordinator changes mandate and status."""

    serializer_class = CoreGroupSerializer
    lookup_field = "code"
    permission_classes = [IsAuthenticated, MayWrite]
    queryset = (
        CoreGroup.objects.select_related("lead_ministry", "measure")
        .prefetch_related(
            "participating_ministries",
            Prefetch(
                "reports",
                queryset=StatusReport.objects.select_related("period").order_by(*LATEST_FIRST),
            ),
        )
        .order_by("code")
    )

    def may_write(self, user) -> bool:
        return may_write_follow_up(user) or can_coordinate_follow_up(user)

    def may_write_object(self, user, obj) -> bool:
        return can_write_core_group(user=user, group=obj) or can_coordinate_follow_up(user)

    def get_serializer(self, *args, **kwargs):
        if self.action in ("update", "partial_update"):
            kwargs["partial"] = True  # a change names only what it changes
        return super().get_serializer(*args, **kwargs)

    def perform_update(self, serializer):
        serializer.save()
        # Answer with the group as it is now, reports included.
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)
