"""PATCH /api/v1/forum-members/<id>/: the secretariat changes the role a person holds in a
forum, or the days they hold it, through the same service as the page (`forum_member_change`).

The list, the addition and the removal are in `forums.api_forum_admin`; this viewset adds the
change to the same route.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from forums.api_forum_admin import SECRETARIAT_ONLY, PatchMixin
from forums.api_forum_admin import ForumMemberViewSet as MemberListViewSet
from forums.models import ForumMembership
from forums.services import forum_admin
from portfolio.api_docs import operation_doc

CHANGED_FIELDS = ("role", "valid_from", "valid_to")


class MemberChangeSerializer(serializers.ModelSerializer):
    """The role and the period; the person, the forum and the ministry stay as they are."""

    role = serializers.ChoiceField(
        choices=ForumMembership.Role.choices,
        required=False,
        help_text=_("Leave out to keep the role."),
    )
    valid_from = serializers.DateField(
        required=False, allow_null=True, help_text=_("First day, or null for no limit.")
    )
    valid_to = serializers.DateField(
        required=False, allow_null=True, help_text=_("Last day, or null for no limit.")
    )
    forum: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    user: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    ministry: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="abbreviation", read_only=True
    )

    class Meta:
        model = ForumMembership
        fields = ["id", "forum", "user", "ministry", *CHANGED_FIELDS]
        validators: list = []  # the service refuses the same role twice, with a translated message

    def update(self, instance, validated_data):
        values = {name: getattr(instance, name) for name in CHANGED_FIELDS}
        values.update(validated_data)
        return forum_admin.forum_member_change(
            actor=self.context["request"].user, membership=instance, **values
        )


@extend_schema_view(
    partial_update=operation_doc(
        summary=_("Change a person's role or period in a forum"),
        description=_(
            "The role (chair, member, deputy or secretary) and the first and last day; only the "
            "fields sent change. A person holds each role in a forum once."
        ),
        permissions=SECRETARIAT_ONLY,
        request=MemberChangeSerializer,
        responses=MemberChangeSerializer,
    ),
)
class ForumMemberViewSet(PatchMixin, MemberListViewSet):
    """The forum members' route: list, add, change (PATCH) and remove."""

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "PATCH":
            return MemberChangeSerializer
        return super().get_serializer_class()
