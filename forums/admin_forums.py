"""The admin of forums, their people, wheels, meetings and agendas, through the services.

Every change the portal makes through a service is made through the same service here, with
the superuser as actor, so its rules, audit events and history apply; a refusal shows on
the form and changes nothing. Reference data no portal page changes (names, kinds, the
secretariat) stays editable. What is made elsewhere (forums from the reference data, wheels
and meetings by the wheel) is not added here, and each change form links to its portal page.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forums.admin_proposals import ProposalChoicesMixin
from forums.models import (
    AgendaItem,
    AnnualWheel,
    Forum,
    ForumMembership,
    ForumSeat,
    Meeting,
    WheelSlot,
)
from forums.services import forum_admin, meetings, wheel_edit
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import ServiceAdmin, ServiceModelForm, portal_note


def _changed(form: Any, fields: list[str]) -> bool:
    return bool(set(form.changed_data) & set(fields))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ForumSeatInline(ReadOnlyInline):
    model = ForumSeat


@admin.register(Forum)
class ForumAdmin(ServiceAdmin, HistoryAdmin):
    list_display = ["code", "name_nb", "kind", "advisory_only", "secretariat"]
    filter_horizontal = ["measures"]
    inlines = [ForumSeatInline]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # the forums are reference data (load_reference_data)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        fields = self.get_fields(request, obj)
        settings = forum_admin.SETTINGS_FIELDS
        note = portal_note(
            _("The chair, the mandate and the seats change as on the forum's page."),
            reverse("forums:forum-manage", args=[obj.slug]) if obj else "",
            _("Members and chair"),
        )
        return [
            (None, {"fields": [name for name in fields if name not in settings]}),
            (_("Chair and mandate"), {"fields": settings, "description": note}),
        ]

    def save_model(self, request: Any, obj: Forum, form: Any, change: bool) -> None:
        settings = forum_admin.SETTINGS_FIELDS
        with self.refusals():
            self.save_plain(obj, form, settings)
            if _changed(form, settings):
                forum_admin.forum_settings_save(
                    actor=request.user, forum=obj, **{name: getattr(obj, name) for name in settings}
                )
        obj.refresh_from_db()


class SeatForm(ServiceModelForm):
    class Meta:
        model = ForumSeat
        fields = ["forum", "ministry"]


@admin.register(ForumSeat)
class ForumSeatAdmin(ServiceAdmin, HistoryAdmin):
    """A seat is given and taken away through the services; it is never edited."""

    form = SeatForm
    list_display = ["forum", "ministry"]
    list_filter = ["forum"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: ForumSeat, form: Any, change: bool) -> None:
        with self.refusals():
            seat = forum_admin.forum_seat_add(
                actor=request.user, forum=obj.forum, ministry=obj.ministry
            )
        self.adopt(obj, seat)

    def delete_model(self, request: Any, obj: ForumSeat) -> None:
        with self.refusals():
            forum_admin.forum_seat_remove(actor=request.user, seat=obj)


class MembershipForm(ServiceModelForm):
    class Meta:
        model = ForumMembership
        fields = ["forum", "user", "role", "valid_from", "valid_to"]


@admin.register(ForumMembership)
class ForumMembershipAdmin(ServiceAdmin, HistoryAdmin):
    """People are named, changed and removed through the services; the ministry is theirs."""

    form = MembershipForm
    list_display = ["forum", "user", "ministry", "role", "valid_from", "valid_to"]
    list_filter = ["forum", "role"]
    list_select_related = ["forum", "user", "ministry"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["forum", "user", "ministry"] if obj else []

    def save_model(self, request: Any, obj: ForumMembership, form: Any, change: bool) -> None:
        data = form.cleaned_data
        values = {name: data.get(name) for name in forum_admin.MEMBERSHIP_FIELDS}
        with self.refusals():
            if change:
                forum_admin.forum_member_change(actor=request.user, membership=obj, **values)
                obj.refresh_from_db()
                return
            membership = forum_admin.forum_member_add(
                actor=request.user, forum=data["forum"], user=data["user"], **values
            )
        self.adopt(obj, membership)

    def delete_model(self, request: Any, obj: ForumMembership) -> None:
        with self.refusals():
            forum_admin.forum_member_remove(actor=request.user, membership=obj)


class WheelSlotInline(ReadOnlyInline):
    model = WheelSlot
    fields = ["title", "month", "day", "week", "weekday", "start_time", "duration_minutes"]


class WheelForm(ServiceModelForm):
    class Meta:
        model = AnnualWheel
        fields = wheel_edit.OFFSET_FIELDS


@admin.register(AnnualWheel)
class AnnualWheelAdmin(ServiceAdmin, HistoryAdmin):
    form = WheelForm
    list_display = ["forum", "notice_days", "papers_days", "minutes_days", "illustrative"]
    readonly_fields = ["forum", "illustrative"]
    inlines = [WheelSlotInline]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # a forum's wheel is made with its first meeting (the wheel page)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        note = portal_note(
            _("The deadlines and the meetings of the wheel change as on the wheel page."),
            reverse("forums:wheel-edit", args=[obj.forum.slug]) if obj else "",
            _("Annual wheel"),
        )
        fields = ["forum", *wheel_edit.OFFSET_FIELDS, "illustrative"]
        return [(None, {"fields": fields, "description": note})]

    def save_model(self, request: Any, obj: AnnualWheel, form: Any, change: bool) -> None:
        with self.refusals():
            wheel_edit.wheel_settings_save(
                actor=request.user,
                forum=obj.forum,
                **{name: form.cleaned_data[name] for name in wheel_edit.OFFSET_FIELDS},
            )
        obj.refresh_from_db()


def _video_link() -> forms.URLField:
    return forms.URLField(
        label=_("video link"), max_length=200, required=False, assume_scheme="https"
    )


class SlotForm(ServiceModelForm):
    video_link = _video_link()

    class Meta:
        model = WheelSlot
        fields = ["wheel", *wheel_edit.SLOT_FIELDS]


@admin.register(WheelSlot)
class WheelSlotAdmin(ServiceAdmin, HistoryAdmin):
    """A meeting of the wheel, saved as on the wheel page: the planned meetings follow it."""

    form = SlotForm
    list_display = ["wheel", "title", "month", "week", "day", "start_time"]
    list_filter = ["wheel"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["wheel"] if obj else []

    def save_model(self, request: Any, obj: WheelSlot, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in wheel_edit.SLOT_FIELDS}
        with self.refusals():
            slot = wheel_edit.wheel_slot_save(
                actor=request.user,
                forum=obj.wheel.forum,
                slot=obj if change else None,
                **values,
            )
        self.adopt(obj, slot)

    def delete_model(self, request: Any, obj: WheelSlot) -> None:
        with self.refusals():
            wheel_edit.wheel_slot_remove(actor=request.user, slot=obj)


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["number", "title", "presenter"]


MEETING_TIMES = ["starts_at", "ends_at", "place"]


class MeetingForm(ServiceModelForm):
    video_link = _video_link()

    class Meta:
        model = Meeting
        fields = ["title", *MEETING_TIMES, "video_link", "status"]


@admin.register(Meeting)
class MeetingAdmin(ServiceAdmin, HistoryAdmin):
    """A meeting is moved, cancelled, reinstated and marked held through the services."""

    form = MeetingForm
    list_display = ["title", "forum", "starts_at", "status", "sequence"]
    list_filter = ["forum", "status", "year"]
    readonly_fields = [
        "forum",
        "slot",
        "year",
        "uid",
        "sequence",
        "notice_sent_at",
        "papers_reminder_sent_at",
        "minutes_reminder_sent_at",
    ]
    inlines = [AgendaItemInline]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # meetings are planned from the annual wheel

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        fields = ["title", *MEETING_TIMES, "video_link", "status", *self.readonly_fields]
        note = portal_note(
            _("The time, the status and the agenda change as on the meeting's page."),
            obj.get_absolute_url() if obj else "",
            _("Meeting page"),
        )
        return [(None, {"fields": fields, "description": note})]

    def save_model(self, request: Any, obj: Meeting, form: Any, change: bool) -> None:
        stored = Meeting.objects.get(pk=obj.pk)
        with self.refusals():
            self.save_plain(obj, form, [*MEETING_TIMES, "status", "sequence"])
            if _changed(form, MEETING_TIMES):
                meetings.meeting_reschedule(
                    actor=request.user,
                    meeting=obj,
                    starts_at=obj.starts_at,
                    ends_at=obj.ends_at,
                    place=obj.place,
                )
            if obj.status != stored.status:
                self._set_status(request, obj, stored.status)
        obj.refresh_from_db()

    def _set_status(self, request: Any, obj: Meeting, before: str) -> None:
        Status = Meeting.Status
        if obj.status == Status.CANCELLED:
            meetings.meeting_cancel(actor=request.user, meeting=obj)
        elif obj.status == Status.PLANNED and before == Status.CANCELLED:
            meetings.meeting_reinstate(actor=request.user, meeting=obj)
        elif obj.status == Status.HELD:
            meetings.meeting_mark_held(actor=request.user, meeting=obj)
        else:
            message = gettext(
                "The portal sets this status itself, when the notice is sent or the minutes "
                "are approved."
            )
            raise ValidationError({"status": message})


class AgendaItemForm(ServiceModelForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting", "title", "description", "presenter", "measures", "proposals"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ProposalChoicesMixin, ServiceAdmin, HistoryAdmin):
    """Items are added through the service, which numbers them; an item is then part of the
    meeting's record and is not edited or deleted here."""

    form = AgendaItemForm
    list_display = ["label", "title", "meeting"]
    list_filter = ["forum", "year"]
    filter_horizontal = ["measures"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: AgendaItem, form: Any, change: bool) -> None:
        data = form.cleaned_data
        with self.refusals():
            item = meetings.agenda_item_create(
                actor=request.user,
                meeting=data["meeting"],
                title=data["title"],
                description=data.get("description", ""),
                presenter=data.get("presenter", ""),
                measures=list(data.get("measures") or []),
                proposals=list(data.get("proposals") or []),
            )
        self.adopt(obj, item)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        """The service has set the item's measures and proposals."""
