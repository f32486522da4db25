"""API for the follow-up: reporting periods, status reports, assessments, risks, milestones.

Everyone logged in reads everything (lists are never filtered by permission). Writes go
through the same services, and so the same permission rules, as the web pages.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from measures.api.errors import service_errors
from measures.models import (
    CoreGroup,
    CriteriaAssessment,
    Measure,
    Milestone,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from measures.services.assessments import assessment_record
from measures.services.delivery import MILESTONE_FIELDS, RISK_FIELDS, milestone_save, risk_save
from measures.services.periods import period_close, period_open
from measures.services.reports import REPORT_FIELDS, status_report_submit
from portfolio.api_fields import SlugRelatedField
from portfolio.models import Criterion, Ministry


class WriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; no delete (the history stays)."""


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "sequence", "starts_on", "ends_on", "due_on", "meeting", "status"]
        read_only_fields = ["status"]
        validators = []  # the service validates uniqueness, with translated messages

    def create(self, validated_data):
        with service_errors():
            return period_open(actor=self.context["request"].user, **validated_data)


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

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        with service_errors():
            period = period_close(actor=request.user, period=self.get_object())
        return Response(self.get_serializer(period).data)


class StatusReportSerializer(serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code", queryset=Measure.objects.all(), required=False, allow_null=True
    )
    core_group = SlugRelatedField(
        slug_field="code", queryset=CoreGroup.objects.all(), required=False, allow_null=True
    )
    ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

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
        ]
        validators = []  # one report per subject and period: the service revises instead

    def validate(self, attrs):
        if self.instance is None and bool(attrs.get("measure")) == bool(attrs.get("core_group")):
            raise serializers.ValidationError(
                {"measure": [_("Give either a measure or a core group.")]}
            )
        return attrs

    def create(self, validated_data):
        values = {name: validated_data[name] for name in REPORT_FIELDS if name in validated_data}
        with service_errors():
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
        with service_errors():
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


class StatusReportViewSet(WriteViewSet):
    """Status reports. POST stores the report of a measure (or core group) for a period,
    revising it if it exists; only the lead ministry writes, only while the period is open."""

    serializer_class = StatusReportSerializer
    filterset_class = StatusReportFilter
    queryset = StatusReport.objects.select_related(
        "period", "measure", "core_group", "ministry"
    ).order_by("-period__year", "-period__sequence", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        code = status.HTTP_201_CREATED if serializer.context.get("created") else status.HTTP_200_OK
        return Response(serializer.data, status=code)

    def get_serializer(self, *args, **kwargs):
        if self.action in ("update", "partial_update"):
            kwargs["partial"] = True  # a revision changes only what it names
        return super().get_serializer(*args, **kwargs)


class AssessmentSerializer(serializers.ModelSerializer):
    measure = SlugRelatedField(slug_field="code", queryset=Measure.objects.all())
    criterion = SlugRelatedField(slug_field="code", queryset=Criterion.objects.all())
    ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

    class Meta:
        model = CriteriaAssessment
        fields = [
            "id",
            "measure",
            "criterion",
            "period",
            "ministry",
            "score",
            "comment",
            "updated_at",
        ]
        validators = []

    def create(self, validated_data):
        with service_errors():
            assessment, created = assessment_record(
                actor=self.context["request"].user, **validated_data
            )
        self.context["created"] = created
        return assessment


class AssessmentFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")
    criterion = django_filters.CharFilter(field_name="criterion__code")
    ministry = django_filters.CharFilter(field_name="ministry__abbreviation")

    class Meta:
        model = CriteriaAssessment
        fields = ["measure", "criterion", "ministry", "period"]


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Criteria assessments. POST gives the caller's ministry's score (the coordinator's, for
    the coordinating ministry) in an open period; giving it again revises it."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    queryset = CriteriaAssessment.objects.select_related(
        "measure", "criterion", "ministry", "period"
    ).order_by("-period__year", "-period__sequence", "measure__code", "criterion__code", "id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        code = status.HTTP_201_CREATED if serializer.context.get("created") else status.HTTP_200_OK
        return Response(serializer.data, status=code)


class RiskSerializer(serializers.ModelSerializer):
    measure = SlugRelatedField(slug_field="code", queryset=Measure.objects.all())
    owner_ministry = SlugRelatedField(slug_field="abbreviation", queryset=Ministry.objects.all())

    class Meta:
        model = Risk
        fields = ["id", "measure", *RISK_FIELDS, "updated_at"]

    def create(self, validated_data):
        measure = validated_data.pop("measure")
        with service_errors():
            return risk_save(actor=self.context["request"].user, measure=measure, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("measure", None)  # a risk stays with its measure
        with service_errors():
            return risk_save(
                actor=self.context["request"].user,
                measure=instance.measure,
                risk=instance,
                **validated_data,
            )


class RiskFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")
    owner_ministry = django_filters.CharFilter(field_name="owner_ministry__abbreviation")

    class Meta:
        model = Risk
        fields = ["measure", "owner_ministry", "status"]


class RiskViewSet(WriteViewSet):
    """Risks of measures; the measure's lead ministry writes them."""

    serializer_class = RiskSerializer
    filterset_class = RiskFilter
    queryset = Risk.objects.select_related("measure__lead_ministry", "owner_ministry").order_by(
        "measure__code", "id"
    )


class MilestoneSerializer(serializers.ModelSerializer):
    measure = SlugRelatedField(slug_field="code", queryset=Measure.objects.all())

    class Meta:
        model = Milestone
        fields = ["id", "measure", *MILESTONE_FIELDS, "updated_at"]

    def create(self, validated_data):
        measure = validated_data.pop("measure")
        with service_errors():
            return milestone_save(
                actor=self.context["request"].user, measure=measure, **validated_data
            )

    def update(self, instance, validated_data):
        validated_data.pop("measure", None)
        with service_errors():
            return milestone_save(
                actor=self.context["request"].user,
                measure=instance.measure,
                milestone=instance,
                **validated_data,
            )


class MilestoneFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")

    class Meta:
        model = Milestone
        fields = ["measure"]


class MilestoneViewSet(WriteViewSet):
    """Milestones of measures; the measure's lead ministry writes them."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    queryset = Milestone.objects.select_related("measure__lead_ministry").order_by(
        "measure__code", "planned_on", "id"
    )
