import django_filters
from rest_framework import serializers, viewsets

from measures.models import Measure
from measures.selectors import measure_list


class MeasureOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    lead_ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    target_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    rag = serializers.SerializerMethodField()

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

    def get_rag(self, obj: Measure) -> str | None:
        # No status reports exist yet; the latest report's rating goes here when they do.
        return None


class MeasureFilter(django_filters.FilterSet):
    target_area = django_filters.CharFilter(field_name="target_areas__code")
    lead_ministry = django_filters.CharFilter(field_name="lead_ministry__abbreviation")

    class Meta:
        model = Measure
        fields = ["target_area", "lead_ministry", "status"]


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """The measures of the portfolio. Readable by every logged-in user."""

    serializer_class = MeasureOutputSerializer
    lookup_field = "code"
    filterset_class = MeasureFilter

    def get_queryset(self):
        return measure_list().distinct()
