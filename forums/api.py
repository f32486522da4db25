"""API of the forums app: forums and meetings (minutes, proposals and search beside it)."""

import django_filters
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets

from forums.api_forum_admin import FORUM_SETTINGS_DOCS, ForumSettingsMixin
from forums.models import Forum, Meeting
from forums.selectors.meetings import meeting_list
from portfolio.api import LOCALIZED_NAME
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, strategy_parameter


class ForumOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=LOCALIZED_NAME)
    measures = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text=gettext_lazy("Codes of the measures the forum follows."),
    )
    chair_ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Abbreviation of the chairing ministry, or null."),
    )
    chair_title = serializers.CharField(
        read_only=True, help_text=gettext_lazy("The post that chairs, in the caller's language.")
    )
    mandate = serializers.CharField(
        read_only=True, help_text=gettext_lazy("The forum's mandate, in the caller's language.")
    )

    class Meta:
        model = Forum
        fields = [
            "slug",
            "code",
            "kind",
            "name",
            "name_nb",
            "name_nn",
            "name_en",
            "advisory_only",
            "measures",
            "chair_ministry",
            "chair_title",
            "mandate",
        ]
        extra_kwargs = {
            "slug": {"help_text": gettext_lazy("Identifies the forum in the API and in URLs.")},
            "code": {"help_text": gettext_lazy("Short code used in register numbers, e.g. SF.")},
        }


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List forums"),
        description=gettext_lazy(
            "Strategisk forum, the service forums and the core groups, with the measures each "
            "follows, its chair and mandate. Service forums and core groups are advisory only: "
            "they give input, never decisions or endorsement."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get a forum"),
        description=gettext_lazy("One forum, by its slug."),
        permissions=ANY_USER,
    ),
    **FORUM_SETTINGS_DOCS,
)
class ForumViewSet(ForumSettingsMixin, viewsets.ReadOnlyModelViewSet):
    """The forums and core groups. Readable by every logged-in user; the secretariat sets
    the chair and the mandate."""

    serializer_class = ForumOutputSerializer
    lookup_field = "slug"
    queryset = Forum.objects.select_related("chair_ministry").prefetch_related("measures")


class MeetingFilter(django_filters.FilterSet):
    forum = django_filters.CharFilter(field_name="forum__slug")
    year = django_filters.NumberFilter(field_name="year")

    class Meta:
        model = Meeting
        fields = ["forum", "year", "status"]


class MeetingOutputSerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=gettext_lazy("Slug of the forum.")
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "forum",
            "year",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_link",
            "status",
            "sequence",
        ]
        extra_kwargs = {
            "sequence": {
                "help_text": gettext_lazy(
                    "Revision of the calendar entry; it goes up each time the meeting changes."
                )
            },
        }


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List meetings"),
        description=gettext_lazy(
            "The meetings of the forums, from the annual wheel and as planned by the "
            "secretariat. Filter by forum, year and status, and choose the strategy period "
            "(the current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get a meeting"),
        description=gettext_lazy("One meeting of a forum."),
        permissions=ANY_USER,
    ),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings of the forums; filter with ?forum=<slug>&year=<yyyy>."""

    serializer_class = MeetingOutputSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        if self.action != "list" or getattr(self, "swagger_fake_view", False):
            # One meeting is found by its id whatever its strategy; the schema reads none.
            return meeting_list()
        return meeting_list(strategy=strategy_parameter(self.request))
