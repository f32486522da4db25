from rest_framework import serializers, viewsets

from portfolio.models import Ministry


class MinistryOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Ministry
        fields = ["abbreviation", "name", "name_nb", "name_en", "kind", "valid_from", "valid_to"]


class MinistryViewSet(viewsets.ReadOnlyModelViewSet):
    """Ministries, the Prime Minister's Office and DSS. Readable by every logged-in user."""

    serializer_class = MinistryOutputSerializer
    lookup_field = "abbreviation"
    queryset = Ministry.objects.order_by("abbreviation")
    filterset_fields = ["kind"]
