from rest_framework import serializers, viewsets

from forums.models import Forum


class ForumOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    measures = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Forum
        fields = ["slug", "code", "kind", "name", "name_nb", "name_en", "advisory_only", "measures"]


class ForumViewSet(viewsets.ReadOnlyModelViewSet):
    """Strategisk forum and the service forums. Readable by every logged-in user."""

    serializer_class = ForumOutputSerializer
    lookup_field = "slug"
    queryset = Forum.objects.prefetch_related("measures")
