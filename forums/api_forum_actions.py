"""Planning a forum's year from its annual wheel through the API, as on the forum's page."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from forums.api import ForumViewSet, MeetingOutputSerializer
from forums.permissions import can_materialise
from forums.services.wheel import wheel_materialise
from portfolio.api_docs import operation_doc
from portfolio.validation import year_error


class MaterialiseInput(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("The year to plan, e.g. 2027."))

    def validate_year(self, value: int) -> int:
        if error := year_error(value):
            raise serializers.ValidationError(error)
        return value


class MaterialiseOutput(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("The year planned."))
    created = MeetingOutputSerializer(
        many=True, help_text=_("The meetings created now; none when the year was planned already.")
    )


class ForumActionViewSet(ForumViewSet):
    """The forums, read by everyone; the secretariat and the coordinator plan their years."""

    def get_permissions(self):
        # Planning a year has its own rule (below), wider than changing a forum's settings.
        if self.action == "materialise":
            return [IsAuthenticated()]
        return super().get_permissions()

    @operation_doc(
        summary=_("Plan a forum's year from its annual wheel"),
        description=_(
            "Creates the year's meetings of the forum from its annual wheel, with the wheel's "
            "topics on their agendas. Safe to repeat: a meeting already made for a slot of the "
            "wheel stays as it is, moved or cancelled ones included. A forum without a wheel "
            "gets no meetings. Answers with the meetings created now."
        ),
        permissions=_(
            "Only the secretariat, the coordinator and portal administrators; others get 403."
        ),
        request=MaterialiseInput,
        responses={200: MaterialiseOutput},
    )
    @action(detail=True, methods=["post"])
    def materialise(self, request, slug=None):
        forum = self.get_object()
        if not can_materialise(request.user):  # 403 before anything about the input
            raise PermissionDenied(_("Only the secretariat or the coordinator may plan meetings."))
        data = MaterialiseInput(data=request.data)
        data.is_valid(raise_exception=True)
        year = data.validated_data["year"]
        created = wheel_materialise(actor=request.user, forum=forum, year=year)
        return Response(MaterialiseOutput({"year": year, "created": created}).data)
