"""API of who sits in the forums and of their annual wheels: everyone logged in reads, the
secretariat writes, through the pages' services (`forum_admin`, `wheel_edit`)."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from forums.models import AnnualWheel, Forum, ForumMembership, ForumSeat, WheelSlot
from forums.permissions import can_manage_forums
from forums.services import forum_admin, wheel_edit
from forums.services.forum_admin import MANDATE_MAX
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import SlugRelatedField, refuse_nul
from portfolio.models import Ministry

SECRETARIAT_ONLY = _("Only the secretariat (DSS); others get 403.")
FORUM = _("Slug of the forum.")
FOLLOWS = _(
    "The planned meetings ahead that still sit where the wheel put them follow the change; "
    "a meeting moved by hand, or whose notice is out, keeps its date."
)


class ManagesForums(BasePermission):
    """Refuses a write (403) before its input is read; every logged-in user reads."""

    message = _("Only the secretariat may change the forums.")
    refuses_reads = False

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_manage_forums(request.user)


class ByForum(django_filters.FilterSet):
    forum = django_filters.CharFilter(field_name="forum__slug", help_text=FORUM)


class SeatFilter(ByForum):
    class Meta:
        model = ForumSeat
        fields = ["forum"]


class MemberFilter(ByForum):
    class Meta:
        model = ForumMembership
        fields = ["forum", "role"]


class SlotFilter(django_filters.FilterSet):
    forum = django_filters.CharFilter(field_name="wheel__forum__slug", help_text=FORUM)

    class Meta:
        model = WheelSlot
        fields = ["forum"]


class ForumAdminViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ManagesForums]


class PatchMixin:
    """PATCH only: a change names the fields it changes; there is no PUT."""

    def partial_update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(serializer.data)

    def perform_update(self, serializer):
        serializer.save()


class ForumSettingsSerializer(serializers.ModelSerializer):
    chair_ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Abbreviation of the chairing ministry, or null."),
    )
    chair_title_nb = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[refuse_nul]
    )
    chair_title_en = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[refuse_nul]
    )
    mandate_nb = serializers.CharField(max_length=MANDATE_MAX, validators=[refuse_nul])
    mandate_en = serializers.CharField(
        max_length=MANDATE_MAX, required=False, allow_blank=True, validators=[refuse_nul]
    )

    class Meta:
        model = Forum
        fields = forum_admin.SETTINGS_FIELDS


class ForumSettingsMixin(PatchMixin):
    """PATCH /forums/<slug>/: the chair and the mandate, through the service."""

    def get_serializer_class(self):
        if self.request.method == "PATCH":
            return ForumSettingsSerializer
        return super().get_serializer_class()

    def get_permissions(self):
        return [IsAuthenticated(), ManagesForums()]

    def perform_update(self, serializer):
        forum = serializer.instance
        values = {name: getattr(forum, name) for name in forum_admin.SETTINGS_FIELDS}
        values.update(serializer.validated_data)
        serializer.instance = forum_admin.forum_settings_save(
            actor=self.request.user, forum=forum, **values
        )


FORUM_SETTINGS_DOCS = {
    "partial_update": operation_doc(
        summary=_("Change a forum's chair or mandate"),
        description=_(
            "The chairing ministry, the post that chairs, and the mandate; only the fields "
            "sent change."
        ),
        permissions=SECRETARIAT_ONLY,
        request=ForumSettingsSerializer,
    ),
}


class SeatSerializer(serializers.ModelSerializer):
    forum = SlugRelatedField(slug_field="slug", queryset=Forum.objects.all(), help_text=FORUM)
    ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviation of the ministry with the seat."),
    )

    class Meta:
        model = ForumSeat
        fields = ["id", "forum", "ministry"]
        validators: list = []  # the service refuses a second seat, with a translated message

    def create(self, validated_data):
        return forum_admin.forum_seat_add(actor=self.context["request"].user, **validated_data)


@extend_schema_view(
    list=operation_doc(
        summary=_("List forum seats"),
        description=_("The ministries with a seat in each forum. Filter by forum."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Give a ministry a seat"),
        description=_("A ministry gets a seat in a forum, once."),
        permissions=SECRETARIAT_ONLY,
    ),
    destroy=operation_doc(
        summary=_("Remove a seat"),
        description=_("The ministry no longer sits in the forum; the history keeps it."),
        permissions=SECRETARIAT_ONLY,
    ),
)
class ForumSeatViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, ForumAdminViewSet
):
    serializer_class = SeatSerializer
    queryset = ForumSeat.objects.select_related("forum", "ministry").order_by(
        "forum__code", "ministry__abbreviation"
    )
    filterset_class = SeatFilter

    def perform_destroy(self, instance):
        forum_admin.forum_seat_remove(actor=self.request.user, seat=instance)


class MemberSerializer(serializers.ModelSerializer):
    forum = SlugRelatedField(slug_field="slug", queryset=Forum.objects.all(), help_text=FORUM)
    user = SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        help_text=_("User name of the person; they sit for their own ministry."),
    )
    ministry: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=_("Abbreviation of the ministry the person sits for."),
    )

    class Meta:
        model = ForumMembership
        fields = ["id", "forum", "user", "ministry", "role", "valid_from", "valid_to"]
        validators: list = []  # the service refuses the same role twice, with a translated message

    def create(self, validated_data):
        return forum_admin.forum_member_add(actor=self.context["request"].user, **validated_data)


@extend_schema_view(
    list=operation_doc(
        summary=_("List forum members"),
        description=_(
            "The people named in each forum: chair, members, deputies and secretary, with "
            "their ministry and period. Filter by forum."
        ),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Add a person to a forum"),
        description=_("The person sits for their own ministry, in the role given."),
        permissions=SECRETARIAT_ONLY,
    ),
    destroy=operation_doc(
        summary=_("Remove a person from a forum"),
        description=_("The role is taken away; the history keeps that they held it."),
        permissions=SECRETARIAT_ONLY,
    ),
)
class ForumMemberViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, ForumAdminViewSet
):
    serializer_class = MemberSerializer
    queryset = ForumMembership.objects.select_related("forum", "user", "ministry").order_by(
        "forum__code", "role", "ministry__abbreviation", "user__username"
    )
    filterset_class = MemberFilter

    def perform_destroy(self, instance):
        forum_admin.forum_member_remove(actor=self.request.user, membership=instance)


class WheelSerializer(serializers.ModelSerializer):
    forum: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=FORUM
    )
    notice_days = serializers.IntegerField(min_value=0, max_value=365)
    papers_days = serializers.IntegerField(min_value=0, max_value=365)
    minutes_days = serializers.IntegerField(min_value=0, max_value=365)
    review_days = serializers.IntegerField(min_value=0, max_value=365)

    class Meta:
        model = AnnualWheel
        fields = ["forum", *wheel_edit.OFFSET_FIELDS, "illustrative"]
        read_only_fields = ["illustrative"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List annual wheels"),
        description=_("Each forum's deadline offsets, in days before or after a meeting."),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get an annual wheel"),
        description=_("One forum's wheel, by the forum's slug."),
        permissions=ANY_USER,
    ),
    partial_update=operation_doc(
        summary=_("Change an annual wheel's deadlines"),
        description=_(
            "Notice, papers, minutes and review, in days; papers are due no earlier than the "
            "notice. Every meeting's deadlines are read from these from now on."
        ),
        permissions=SECRETARIAT_ONLY,
    ),
)
class WheelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PatchMixin, ForumAdminViewSet):
    serializer_class = WheelSerializer
    queryset = AnnualWheel.objects.select_related("forum").order_by("forum__code")
    lookup_field = "forum__slug"
    lookup_url_kwarg = "forum"

    def perform_update(self, serializer):
        wheel = serializer.instance
        values = {name: getattr(wheel, name) for name in wheel_edit.OFFSET_FIELDS}
        values.update(serializer.validated_data)
        serializer.instance = wheel_edit.wheel_settings_save(
            actor=self.request.user, forum=wheel.forum, **values
        )


@extend_schema_field(
    {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "example": "09:00"}
)
class LocalTimeField(serializers.TimeField):
    """A time of day as HH:MM in the portal's time zone (Europe/Oslo), without an offset."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], **kwargs)


class SlotSerializer(serializers.ModelSerializer):
    forum = SlugRelatedField(
        slug_field="slug",
        queryset=Forum.objects.all(),
        source="wheel.forum",
        help_text=_("Slug of the forum; a forum without a wheel gets one."),
    )
    title = serializers.CharField(max_length=200, validators=[refuse_nul])
    month = serializers.IntegerField(min_value=1, max_value=12)
    day = serializers.IntegerField(min_value=1, max_value=31, required=False, allow_null=True)
    week = serializers.IntegerField(
        min_value=1,
        max_value=5,
        required=False,
        allow_null=True,
        help_text=_("1–4, or 5 for the last week."),
    )
    start_time = LocalTimeField(
        required=False, help_text=_("Start, HH:MM in Norwegian time; 09:00 if not given.")
    )
    duration_minutes = serializers.IntegerField(min_value=15, max_value=24 * 60, default=120)
    place = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[refuse_nul]
    )
    standing_topics = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        validators=[refuse_nul],
        help_text=_("One topic per line."),
    )

    class Meta:
        model = WheelSlot
        fields = ["id", "forum", *wheel_edit.SLOT_FIELDS]

    def _values(self, validated_data, slot: WheelSlot | None) -> dict:
        values = {name: getattr(slot, name) for name in wheel_edit.SLOT_FIELDS} if slot else {}
        validated_data.pop("wheel", None)
        values.update(validated_data)
        return values

    def create(self, validated_data):
        forum = validated_data["wheel"]["forum"]
        return wheel_edit.wheel_slot_save(
            actor=self.context["request"].user, forum=forum, **self._values(validated_data, None)
        )

    def update(self, instance, validated_data):
        return wheel_edit.wheel_slot_save(
            actor=self.context["request"].user,
            forum=instance.wheel.forum,
            slot=instance,
            **self._values(validated_data, instance),
        )


@extend_schema_view(
    list=operation_doc(
        summary=_("List meetings of the annual wheels"),
        description=_("The meetings each wheel repeats every year. Filter by forum."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Add a meeting to an annual wheel"),
        description=_(
            "Give either a day of the month or a week (with a weekday). This year's remaining "
            "and next year's meetings are planned at once."
        ),
        permissions=SECRETARIAT_ONLY,
    ),
    partial_update=operation_doc(
        summary=_("Change a meeting of an annual wheel"),
        description=FOLLOWS,
        permissions=SECRETARIAT_ONLY,
    ),
    destroy=operation_doc(
        summary=_("Take a meeting off an annual wheel"),
        description=_("Its planned meetings ahead are cancelled; held meetings stay."),
        permissions=SECRETARIAT_ONLY,
    ),
)
class WheelSlotViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    PatchMixin,
    mixins.DestroyModelMixin,
    ForumAdminViewSet,
):
    serializer_class = SlotSerializer
    queryset = WheelSlot.objects.select_related("wheel__forum").order_by(
        "wheel__forum__code", "month", "day", "week"
    )
    filterset_class = SlotFilter

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        wheel_edit.wheel_slot_remove(actor=self.request.user, slot=instance)
