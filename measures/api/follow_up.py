"""API for the follow-up: reporting periods and status reports; assessments and the
delivery (risks, milestones) are in their own modules beside this one.

Everyone logged in reads everything (lists are never filtered by permission). Writes go
through the same services, and so the same permission rules, as the web pages.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from measures.api.corrections import CorrectionMixin, CorrectionReasonInput
from measures.api.strategy_lists import StrategyListMixin
from measures.models import (
    CoreGroup,
    Measure,
    ReportingPeriod,
    StatusReport,
)
from measures.permissions import (
    can_coordinate_follow_up,
    can_write_core_group,
    can_write_measure,
    may_correct_some_measure,
    may_write_follow_up,
)
from measures.services.periods import period_close, period_open
from measures.services.reports import REPORT_FIELDS, status_report_submit
from portfolio.api_docs import ANY_USER, conflict, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, SlugRelatedField

COORDINATOR_ONLY = _(
    "Only the coordinator (coordinator role in the coordinating ministry) and portal "
    "administrators; others get 403."
)
LEAD_MINISTRY = _(
    "Users of the lead ministry of the measure (or core group) in the measure lead or admin "
    "head role, and portal administrators; others get 403. A measure of a closed strategy "
    "period only the secretariat corrects, with a reason (correction_reason); others get 409."
)
PERIOD_CLOSED = conflict(_("The reporting period is closed; its reports are read-only."))
MEASURE_CODE = _("Code of the measure, e.g. T1.")
ONE_TO_FIVE = _("From 1 (low) to 5 (high).")


class MayWrite(BasePermission):
    """Refuses a write (403) before its input is read: whoever may write none of this follow-up,
    and, for a change, whoever may not write the object. The service asks again with the input.
    """

    message = _("You may not make this change.")
    refuses_reads = False  # every logged-in user reads the follow-up

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or view.may_write(request.user)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or view.may_write_object(request.user, obj)


class WriteViewSet(
    CorrectionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; no delete (the history stays). The measure's lead
    ministry writes."""

    permission_classes = [IsAuthenticated, MayWrite]

    def may_write(self, user) -> bool:
        return may_write_follow_up(user) or may_correct_some_measure(user)

    def may_write_object(self, user, obj) -> bool:
        return can_write_measure(user=user, measure=obj.measure)


class StoreOrReviseMixin:
    """POST stores the object (201), or revises the one already given (200): the serializer's
    create() puts the service's `created` into its context."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        code = status.HTTP_201_CREATED if serializer.context.get("created") else status.HTTP_200_OK
        return Response(serializer.data, status=code)


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "sequence", "starts_on", "ends_on", "due_on", "meeting", "status"]
        read_only_fields = ["status"]
        validators = []  # the service validates uniqueness, with translated messages
        extra_kwargs = {
            "sequence": {"help_text": _("Number of the period within the year, from 1.")},
            "due_on": {"help_text": _("The day the status reports are due.")},
            "meeting": {
                "help_text": _("Free text: the meeting of the annual wheel that discusses them.")
            },
        }

    def create(self, validated_data):
        return period_open(actor=self.context["request"].user, **validated_data)


@extend_schema_view(
    list=operation_doc(
        summary=_("List reporting periods"),
        description=_("The rounds of status reporting, newest first. Filter by year and status."),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get a reporting period"),
        description=_("One round of status reporting."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Open a reporting period"),
        description=_(
            "Opens a new round of status reporting; year and sequence together are unique. "
            "The lead ministries can then submit their status reports and the ministries their "
            "assessments."
        ),
        permissions=COORDINATOR_ONLY,
    ),
)
class ReportingPeriodViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Reporting periods. The coordinator opens them (POST) and closes them (POST …/close/)."""

    serializer_class = ReportingPeriodSerializer
    queryset = ReportingPeriod.objects.all()
    filterset_fields = ["year", "status"]
    permission_classes = [IsAuthenticated, MayWrite]

    def may_write(self, user) -> bool:
        return can_coordinate_follow_up(user)

    def may_write_object(self, user, obj) -> bool:
        return can_coordinate_follow_up(user)

    @operation_doc(
        summary=_("Close a reporting period"),
        description=_("Closes the period; its status reports and assessments become read-only."),
        permissions=COORDINATOR_ONLY,
        request=None,
        responses={
            200: ReportingPeriodSerializer,
            409: conflict(_("The reporting period is already closed.")),
        },
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        period = period_close(actor=request.user, period=self.get_object())
        return Response(self.get_serializer(period).data)


class StatusReportSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code",
        queryset=Measure.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Code of the measure reported on; give either this or core_group."),
    )
    core_group = SlugRelatedField(
        slug_field="code",
        queryset=CoreGroup.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Code of the core group reported on; give either this or measure."),
    )
    ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=_("Abbreviation of the reporting (lead) ministry; set by the server."),
    )

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "period",
            "measure",
            "core_group",
            *REPORT_FIELDS,
            "ministry",
            "submitted_at",
            "updated_at",
            "correction_reason",
        ]
        validators = []  # one report per subject and period: the service revises instead
        extra_kwargs = {
            "period": {"help_text": _("Numeric id of the reporting period; it must be open.")},
            "rag": {"help_text": _("Overall status: green, amber or red.")},
            "confidence": {"help_text": _("How confident the ministry is that it will deliver.")},
            "progress": {"help_text": _("Status of the progress.")},
            "schedule": {"help_text": _("Status of the schedule.")},
            "cost": {"help_text": _("Status of the cost.")},
            "risk": {"help_text": _("Status of the risks.")},
            "submitted_at": {"help_text": _("When the report was first submitted.")},
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and bool(attrs.get("measure")) == bool(attrs.get("core_group")):
            raise serializers.ValidationError(
                {"measure": [_("Give either a measure or a core group.")]}
            )
        return attrs

    def create(self, validated_data):
        values = {name: validated_data[name] for name in REPORT_FIELDS if name in validated_data}
        report, created = status_report_submit(
            actor=self.context["request"].user,
            period=validated_data["period"],
            measure=validated_data.get("measure"),
            core_group=validated_data.get("core_group"),
            **values,
        )
        self.context["created"] = created
        return report

    def update(self, instance, validated_data):
        values = {name: validated_data[name] for name in REPORT_FIELDS if name in validated_data}
        report, _ = status_report_submit(
            actor=self.context["request"].user,
            period=instance.period,
            measure=instance.measure,
            core_group=instance.core_group,
            **values,
        )
        return report


class StatusReportFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")
    core_group = django_filters.CharFilter(field_name="core_group__code")

    class Meta:
        model = StatusReport
        fields = ["measure", "core_group", "period", "rag"]


REPORT_SAVED = {
    200: OpenApiResponse(StatusReportSerializer, description=_("The report was revised.")),
    409: PERIOD_CLOSED,
}
REVISE_REPORT = _(
    "Changes the fields given and keeps the others; the measure, core group and period of a "
    "report stay as they are. Only while the period is open."
)


@extend_schema_view(
    list=operation_doc(
        summary=_("List status reports"),
        description=_(
            "The status reports of measures and core groups, newest period first. Filter by "
            "measure, core group, period and overall status, and choose the strategy period "
            "(the current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a status report"),
        description=_("One status report."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Submit a status report"),
        description=_(
            "Stores the report of a measure or a core group (give exactly one) for an open "
            "period: 201 when it is new, 200 when it revises the report already given. The "
            "reporting ministry is the subject's lead ministry."
        ),
        permissions=LEAD_MINISTRY,
        responses={
            201: OpenApiResponse(StatusReportSerializer, description=_("The report was stored.")),
            **REPORT_SAVED,
        },
    ),
    update=operation_doc(
        summary=_("Revise a status report"),
        description=REVISE_REPORT,
        permissions=LEAD_MINISTRY,
        responses=REPORT_SAVED,
    ),
    partial_update=operation_doc(
        summary=_("Revise part of a status report"),
        description=REVISE_REPORT,
        permissions=LEAD_MINISTRY,
        responses=REPORT_SAVED,
    ),
)
class StatusReportViewSet(StrategyListMixin, StoreOrReviseMixin, WriteViewSet):
    """Status reports. POST stores the report of a measure (or core group) for a period,
    revising it if it exists; only the lead ministry writes, only while the period is open."""

    serializer_class = StatusReportSerializer
    filterset_class = StatusReportFilter
    strategy_through = ("measure", "core_group__measure")
    queryset = StatusReport.objects.select_related(
        "period", "measure", "core_group", "ministry"
    ).order_by("-period__year", "-period__sequence", "id")

    def may_write_object(self, user, obj) -> bool:
        if obj.core_group_id:
            return can_write_core_group(user=user, group=obj.core_group)
        return can_write_measure(user=user, measure=obj.measure)

    def get_serializer(self, *args, **kwargs):
        if self.action in ("update", "partial_update"):
            kwargs["partial"] = True  # a revision changes only what it names
        return super().get_serializer(*args, **kwargs)
