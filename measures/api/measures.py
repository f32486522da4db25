import django_filters
from rest_framework import serializers, viewsets

from measures.models import Measure, Rag
from measures.selectors import measure_overview


class MeasureOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    lead_ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    target_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    rag = serializers.ChoiceField(
        choices=Rag.choices,
        source="latest_rag",
        read_only=True,
        allow_null=True,
        help_text="Overall RAG of the latest status report, or null.",
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "name",
            "name_nb",
            "name_en",
            "lead_ministry",
            "target_areas",
            "status",
            "rag",
        ]


class MeasureFilter(django_filters.FilterSet):
    target_area = django_filters.CharFilter(field_name="target_areas__code")
    lead_ministry = django_filters.CharFilter(field_name="lead_ministry__abbreviation")
    rag = django_filters.ChoiceFilter(field_name="latest_rag", choices=Rag.choices)

    class Meta:
        model = Measure
        fields = ["target_area", "lead_ministry", "status", "rag"]


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """The measures of the portfolio, with the RAG of the latest report. Readable by every
    logged-in user."""

    serializer_class = MeasureOutputSerializer
    lookup_field = "code"
    filterset_class = MeasureFilter

    def get_queryset(self):
        # No distinct(): one target-area code matches a measure at most once.
        return measure_overview().order_by("position", "code")
