"""API for the criteria assessments: each ministry's score of a measure against a criterion."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from measures.api.corrections import CorrectionMixin, CorrectionReasonInput
from measures.api.follow_up import (
    MEASURE_CODE,
    ONE_TO_FIVE,
    PERIOD_CLOSED,
    MayWrite,
    StoreOrReviseMixin,
)
from measures.api.strategy_lists import StrategyListMixin
from measures.models import CriteriaAssessment, Measure
from measures.permissions import can_assess, can_revise_assessment, may_correct_some_measure
from measures.services.assessments import assessment_record, assessment_revise
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, SlugRelatedField
from portfolio.models import Criterion


class AssessmentSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code", queryset=Measure.objects.all(), help_text=MEASURE_CODE
    )
    criterion = SlugRelatedField(
        slug_field="code",
        queryset=Criterion.objects.all(),
        help_text=_("Code of the criterion: A (useful), B (balanced portfolio), C (feasible)."),
    )
    ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=_("Abbreviation of the assessing ministry, the caller's; set by the server."),
    )

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
            "correction_reason",
        ]
        validators = []
        extra_kwargs = {
            "period": {"help_text": _("Numeric id of the reporting period; it must be open.")},
            "score": {"help_text": ONE_TO_FIVE},
        }

    def create(self, validated_data):
        assessment, created = assessment_record(
            actor=self.context["request"].user, **validated_data
        )
        self.context["created"] = created
        return assessment

    def update(self, instance, validated_data):
        values = {
            name: validated_data[name] for name in ("score", "comment") if name in validated_data
        }
        return assessment_revise(actor=self.context["request"].user, assessment=instance, **values)


class AssessmentFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")
    criterion = django_filters.CharFilter(field_name="criterion__code")
    ministry = django_filters.CharFilter(field_name="ministry__abbreviation")

    class Meta:
        model = CriteriaAssessment
        fields = ["measure", "criterion", "ministry", "period"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List criteria assessments"),
        description=_(
            "Every ministry's scores of the measures against the portfolio criteria, per "
            "period. Filter by measure, criterion, ministry and period, and choose the strategy "
            "period (the current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a criteria assessment"),
        description=_("One ministry's score of one measure against one criterion in a period."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Give an assessment"),
        description=_(
            "Stores the caller's ministry's score of a measure against a criterion in an open "
            "period: 201 when it is new, 200 when it revises the score already given."
        ),
        permissions=_(
            "Admin heads, for their own ministry, and the coordinator, for the coordinating "
            "ministry; others get 403."
        ),
        responses={
            201: OpenApiResponse(AssessmentSerializer, description=_("The score was stored.")),
            200: OpenApiResponse(AssessmentSerializer, description=_("The score was revised.")),
            409: PERIOD_CLOSED,
        },
    ),
    partial_update=operation_doc(
        summary=_("Revise an assessment"),
        description=_(
            "Changes the score or comment given; the measure, criterion, period and ministry "
            "stay as they are. Only while the period is open, save for the secretariat's "
            "correction of a closed strategy period (with correction_reason)."
        ),
        permissions=_(
            "The assessing ministry's admin head, or the coordinator for the coordinating "
            "ministry; for a measure of a closed strategy period only the secretariat. Others "
            "get 403, or 409 when the strategy period is closed."
        ),
        responses={200: AssessmentSerializer, 409: PERIOD_CLOSED},
    ),
)
class AssessmentViewSet(
    StrategyListMixin,
    CorrectionMixin,
    StoreOrReviseMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Criteria assessments. POST gives the caller's ministry's score (the coordinator's, for
    the coordinating ministry) in an open period; giving it again revises it. PATCH revises
    one given, and is how the secretariat corrects one of a closed strategy period."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    permission_classes = [IsAuthenticated, MayWrite]

    def may_write(self, user) -> bool:
        if self.action == "partial_update":
            return can_assess(user=user) or may_correct_some_measure(user)
        return can_assess(user=user)

    def may_write_object(self, user, obj) -> bool:
        return can_revise_assessment(user=user, assessment=obj)

    def partial_update(self, request, pk=None):
        assessment = self.get_object()  # 403 for whoever may not revise it, before the input
        serializer = self.get_serializer(assessment, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(serializer.data)

    queryset = CriteriaAssessment.objects.select_related(
        "measure", "criterion", "ministry", "period"
    ).order_by("-period__year", "-period__sequence", "measure__code", "criterion__code", "id")
