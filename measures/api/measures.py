import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets

from measures.api.manage import MeasureManageActions
from measures.models import Measure, Rag
from measures.selectors import measure_overview, measures_in_strategy
from portfolio.api import LOCALIZED_NAME
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, strategy_parameter
from portfolio.caching import CachedListMixin


class MeasureOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=LOCALIZED_NAME)
    lead_ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=_("Abbreviation of the ministry that leads the measure."),
    )
    target_areas = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("Codes of the strategy's target areas the measure serves, e.g. MO1."),
    )
    rag = serializers.ChoiceField(
        choices=Rag.choices,
        source="latest_rag",
        read_only=True,
        allow_null=True,
        help_text=_("Overall status (RAG) of the latest status report, or null."),
    )
    predecessor = serializers.CharField(
        source="predecessor_code",
        read_only=True,
        allow_null=True,
        help_text=_(
            "Code of the measure of an earlier strategy this one carries on (e.g. T1), or null."
        ),
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "name",
            "name_nb",
            "name_nn",
            "name_en",
            "lead_ministry",
            "target_areas",
            "status",
            "rag",
            "predecessor",
        ]
        extra_kwargs = {"code": {"help_text": _("Code of the measure, e.g. T1.")}}


class MeasureFilter(django_filters.FilterSet):
    target_area = django_filters.CharFilter(field_name="target_areas__code")
    lead_ministry = django_filters.CharFilter(field_name="lead_ministry__abbreviation")
    rag = django_filters.ChoiceFilter(field_name="latest_rag", choices=Rag.choices)

    class Meta:
        model = Measure
        fields = ["target_area", "lead_ministry", "status", "rag"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List measures"),
        description=_(
            "The measures of the portfolio in their order, each with the overall status (RAG) "
            "of its latest status report. Filter by target area, lead ministry, status and RAG, "
            "and choose the strategy period (the current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a measure"),
        description=_("One measure of the portfolio, by its code."),
        permissions=ANY_USER,
    ),
)
class MeasureViewSet(CachedListMixin, MeasureManageActions, viewsets.ReadOnlyModelViewSet):
    """The measures of the portfolio, with the RAG of the latest report. Readable by every
    logged-in user; the coordinator creates them and moves them along (`MeasureManageActions`)."""

    serializer_class = MeasureOutputSerializer
    lookup_field = "code"
    filterset_class = MeasureFilter

    def get_queryset(self):
        # No distinct(): one target-area code matches a measure at most once.
        measures = measure_overview().order_by("position", "code")
        fake = getattr(self, "swagger_fake_view", False)  # the schema reads no strategy
        if self.action == "list" and not fake:  # found by its code whatever its strategy
            measures = measures_in_strategy(measures, strategy_parameter(self.request))
        return measures
