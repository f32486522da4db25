"""API for the delivery of measures: risks and milestones, written by the lead ministry."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from measures.api.corrections import CorrectionReasonInput
from measures.api.follow_up import LEAD_MINISTRY, ONE_TO_FIVE, WriteViewSet
from measures.api.strategy_lists import StrategyListMixin
from measures.models import Measure, Milestone, Risk
from measures.services.delivery import MILESTONE_FIELDS, RISK_FIELDS, milestone_save, risk_save
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, SlugRelatedField
from portfolio.models import Ministry

MEASURE_FIXED = _("Code of the measure, e.g. T1; a change later is ignored.")


class RiskSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code", queryset=Measure.objects.all(), help_text=MEASURE_FIXED
    )
    owner_ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviation of the ministry that owns the risk."),
    )

    class Meta:
        model = Risk
        fields = ["id", "measure", *RISK_FIELDS, "updated_at", "correction_reason"]
        extra_kwargs = {
            "probability": {"help_text": ONE_TO_FIVE},
            "impact": {"help_text": ONE_TO_FIVE},
            "response": {"help_text": _("How the risk is met.")},
        }

    def create(self, validated_data):
        measure = validated_data.pop("measure")
        return risk_save(actor=self.context["request"].user, measure=measure, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("measure", None)  # a risk stays with its measure
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


@extend_schema_view(
    list=operation_doc(
        summary=_("List risks"),
        description=_(
            "The risks of the measures with probability, impact, owner ministry and status. "
            "Filter by measure, owner ministry and status, and choose the strategy period (the "
            "current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a risk"), description=_("One risk of a measure."), permissions=ANY_USER
    ),
    create=operation_doc(
        summary=_("Add a risk"),
        description=_("Adds a risk to a measure."),
        permissions=LEAD_MINISTRY,
    ),
    update=operation_doc(
        summary=_("Change a risk"),
        description=_("Changes a risk; it stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
    partial_update=operation_doc(
        summary=_("Change part of a risk"),
        description=_("Changes the fields given; the risk stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
)
class RiskViewSet(StrategyListMixin, WriteViewSet):
    """Risks of measures; the measure's lead ministry writes them."""

    serializer_class = RiskSerializer
    filterset_class = RiskFilter
    queryset = Risk.objects.select_related("measure__lead_ministry", "owner_ministry").order_by(
        "measure__code", "id"
    )


class MilestoneSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code", queryset=Measure.objects.all(), help_text=MEASURE_FIXED
    )

    class Meta:
        model = Milestone
        fields = ["id", "measure", *MILESTONE_FIELDS, "updated_at", "correction_reason"]
        extra_kwargs = {
            "forecast_on": {
                "help_text": _("The date now expected, when it differs from the plan.")
            },
            "actual_on": {"help_text": _("The date it was reached; empty until then.")},
        }

    def create(self, validated_data):
        measure = validated_data.pop("measure")
        return milestone_save(actor=self.context["request"].user, measure=measure, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("measure", None)
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


@extend_schema_view(
    list=operation_doc(
        summary=_("List milestones"),
        description=_(
            "The milestones of the measures, by planned date. Filter by measure, and choose the "
            "strategy period (the current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a milestone"),
        description=_("One milestone of a measure."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Add a milestone"),
        description=_("Adds a milestone to a measure."),
        permissions=LEAD_MINISTRY,
    ),
    update=operation_doc(
        summary=_("Change a milestone"),
        description=_("Changes a milestone; it stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
    partial_update=operation_doc(
        summary=_("Change part of a milestone"),
        description=_("Changes the fields given; the milestone stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
)
class MilestoneViewSet(StrategyListMixin, WriteViewSet):
    """Milestones of measures; the measure's lead ministry writes them."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    queryset = Milestone.objects.select_related("measure__lead_ministry").order_by(
        "measure__code", "planned_on", "id"
    )
