"""API of a meeting's agenda items and attendance, planned by the secretariat through the same
services as the meeting's page. Every logged-in user reads them."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from forums.models import AgendaItem, Attendance, Forum, Meeting, Proposal
from forums.permissions import can_plan_meetings
from forums.services.meetings import agenda_item_create, attendance_set
from measures.models import Measure
from portfolio.api_docs import ANY_USER, conflict, operation_doc
from portfolio.api_fields import SlugRelatedField, refuse_nul
from portfolio.models import Ministry

PLANNERS = _("Only the secretariat and portal administrators; others get 403.")
MEETING = _("Numeric id of the meeting.")


class MayPlan(BasePermission):
    """Everyone logged in reads; only those who plan meetings write, refused before the input."""

    message = _("Only the secretariat may change meetings.")
    refuses_reads = False

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_plan_meetings(request.user)


class PlannedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, MayPlan]


class AgendaItemSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), help_text=_("Numeric id of the meeting; still open.")
    )
    forum: "serializers.SlugRelatedField[Forum]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the meeting's forum.")
    )
    title = serializers.CharField(max_length=200, validators=[refuse_nul])
    presenter = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", validators=[refuse_nul]
    )
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default="", validators=[refuse_nul]
    )
    measures = SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Measure.objects.all(),
        help_text=_("Codes of the measures the item is about."),
    )
    proposals = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Proposal.objects.exclude(status=Proposal.Status.WITHDRAWN),
        help_text=_("Numeric ids of the proposals of the forum the item takes up."),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "forum",
            "year",
            "number",
            "label",
            "title",
            "presenter",
            "description",
            "measures",
            "proposals",
        ]
        read_only_fields = ["year", "number"]
        extra_kwargs = {
            "number": {"help_text": _("Number within the forum's year, from 1.")},
            "label": {"help_text": _("The item's number in the forum's year, e.g. item 3/27.")},
        }

    def create(self, validated_data):
        return agenda_item_create(actor=self.context["request"].user, **validated_data)


class AgendaItemFilter(django_filters.FilterSet):
    forum = django_filters.CharFilter(field_name="forum__slug")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "forum", "year"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List agenda items"),
        description=_(
            "The items on the meetings' agendas, numbered per forum and year, with the "
            "measures and proposals each takes up. Filter by meeting, forum and year."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get an agenda item"),
        description=_("One item of a meeting's agenda."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Put an item on the agenda"),
        description=_(
            "Adds an item to the agenda of a meeting that is not yet held or cancelled, with "
            "the next number of the forum's year. A proposal must belong to the meeting's forum."
        ),
        permissions=PLANNERS,
        responses={
            201: AgendaItemSerializer,
            409: conflict(_("The agenda can only change before the meeting is held.")),
        },
    ),
)
class AgendaItemViewSet(mixins.CreateModelMixin, PlannedViewSet):
    """Agenda items of the meetings; the secretariat adds them."""

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    queryset = (
        AgendaItem.objects.select_related("forum")
        .prefetch_related("measures", "proposals")
        .order_by("meeting__starts_at", "meeting_id", "number")
    )


class AttendanceSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all(), help_text=MEETING)
    ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviation of a ministry with a seat in the meeting's forum."),
    )
    person = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        validators=[refuse_nul],
        help_text=_("Who attended for the ministry."),
    )

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "ministry", "status", "person"]
        validators: list[object] = []  # once per ministry and meeting: recording again changes it
        extra_kwargs = {"status": {"help_text": _("present, deputy or absent.")}}

    def create(self, validated_data):
        return attendance_set(actor=self.context["request"].user, **validated_data)


class AttendanceFilter(django_filters.FilterSet):
    ministry = django_filters.CharFilter(field_name="ministry__abbreviation")

    class Meta:
        model = Attendance
        fields = ["meeting", "ministry", "status"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List attendance"),
        description=_(
            "Which ministries were present at the meetings, represented by a deputy, or "
            "absent. Filter by meeting, ministry and attendance."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get an attendance record"),
        description=_("Whether one ministry attended one meeting."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Record attendance"),
        description=_(
            "Records whether a ministry with a seat in the forum was present, represented by "
            "a deputy, or absent: 201 the first time, 200 when it changes what was recorded."
        ),
        permissions=PLANNERS,
        responses={
            201: OpenApiResponse(AttendanceSerializer, description=_("Attendance recorded.")),
            200: OpenApiResponse(AttendanceSerializer, description=_("Attendance changed.")),
        },
    ),
)
class AttendanceViewSet(mixins.CreateModelMixin, PlannedViewSet):
    """Attendance at the meetings; the secretariat records it."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    queryset = Attendance.objects.select_related("ministry").order_by(
        "meeting_id", "ministry__abbreviation"
    )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        known = Attendance.objects.filter(meeting=data["meeting"], ministry=data["ministry"])
        code = status.HTTP_200_OK if known.exists() else status.HTTP_201_CREATED
        serializer.save()
        return Response(serializer.data, status=code)
