"""The secretariat's pages for a forum: chair, mandate, ministries, people and annual wheel."""

from collections.abc import Callable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.forum_admin import (
    ForumSettingsForm,
    MemberChangeForm,
    MemberForm,
    SeatForm,
    SlotForm,
    WheelSettingsForm,
)
from forums.models import AnnualWheel, Forum, ForumMembership, ForumSeat, WheelSlot
from forums.permissions import can_manage_forums
from forums.selectors.forum_admin import forum_members, forum_seats
from forums.services import forum_admin as services
from forums.services import wheel_edit
from forums.services.forum_admin import SETTINGS_FIELDS
from forums.views.common import page_with, run_action, run_form


def _forum(slug: str, user) -> Forum:
    forum = get_object_or_404(Forum, slug=slug)
    if not can_manage_forums(user):
        raise PermissionDenied
    return forum


class ForumManageView(LoginRequiredMixin, TemplateView):
    """Chair, mandate, the ministries with a seat and the people named in the forum."""

    template_name = "forums/forum_manage.html"

    def get_context_data(self, **kwargs):
        forum = _forum(self.kwargs["slug"], self.request.user)
        sent = kwargs.pop("forms", {})
        initial = {name: getattr(forum, name) for name in SETTINGS_FIELDS}
        return {
            **super().get_context_data(**kwargs),
            "forum": forum,
            "seats": forum_seats(forum),
            "members": forum_members(forum),
            "settings_form": sent.get("settings_form") or ForumSettingsForm(initial=initial),
            "seat_form": sent.get("seat_form") or SeatForm(),
            "member_form": sent.get("member_form") or MemberForm(),
        }


class ForumManageActionView(LoginRequiredMixin, View):
    """POST: save the chair and mandate, give a seat, or name a person."""

    def post(self, request, slug: str, action: str):
        forum = _forum(slug, request.user)
        back = reverse("forums:forum-manage", args=[slug])
        user = request.user
        forms: dict[str, tuple[type[Form], Callable[..., object], str]] = {
            "settings": (ForumSettingsForm, services.forum_settings_save, _("Saved.")),
            "seat": (SeatForm, services.forum_seat_add, _("The ministry has a seat.")),
            "member": (MemberForm, services.forum_member_add, _("The person is added.")),
        }
        if action not in forms:
            raise Http404
        form_class, service, success = forms[action]
        return run_form(
            request,
            form_class(request.POST),
            lambda data: service(actor=user, forum=forum, **data),
            success=success,
            back=back,
            page=page_with(ForumManageView, request, {"slug": slug}, f"{action}_form"),
        )


class SeatRemoveView(LoginRequiredMixin, View):
    def post(self, request, slug: str, pk: int):
        forum = _forum(slug, request.user)
        seat = get_object_or_404(ForumSeat, pk=pk, forum=forum)
        return run_action(
            request,
            lambda: services.forum_seat_remove(actor=request.user, seat=seat),
            success=_("The seat is removed."),
            back=reverse("forums:forum-manage", args=[slug]),
        )


class MemberRemoveView(LoginRequiredMixin, View):
    def post(self, request, slug: str, pk: int):
        forum = _forum(slug, request.user)
        membership = get_object_or_404(ForumMembership, pk=pk, forum=forum)
        return run_action(
            request,
            lambda: services.forum_member_remove(actor=request.user, membership=membership),
            success=_("The person is removed from the forum."),
            back=reverse("forums:forum-manage", args=[slug]),
        )


class MemberEditView(LoginRequiredMixin, TemplateView):
    """One person's role in the forum and the days they hold it (`forum_member_change`)."""

    template_name = "forums/forum_member_edit.html"

    def _membership(self) -> tuple[Forum, ForumMembership]:
        forum = _forum(self.kwargs["slug"], self.request.user)
        membership = get_object_or_404(
            ForumMembership.objects.select_related("user", "ministry"),
            pk=self.kwargs["pk"],
            forum=forum,
        )
        return forum, membership

    def get_context_data(self, **kwargs):
        forum, membership = self._membership()
        sent = kwargs.pop("forms", {})
        initial = {name: getattr(membership, name) for name in ("role", "valid_from", "valid_to")}
        return {
            **super().get_context_data(**kwargs),
            "forum": forum,
            "member": membership,
            "member_form": sent.get("member_form") or MemberChangeForm(initial=initial),
        }

    def post(self, request, slug: str, pk: int):
        forum, membership = self._membership()
        return run_form(
            request,
            MemberChangeForm(request.POST),
            lambda data: services.forum_member_change(
                actor=request.user, membership=membership, **data
            ),
            success=_("The person's role and period are changed."),
            back=reverse("forums:forum-manage", args=[forum.slug]),
            page=page_with(MemberEditView, request, {"slug": slug, "pk": pk}, "member_form"),
        )


def _wheel_initial(forum: Forum) -> dict:
    wheel = AnnualWheel.objects.filter(forum=forum).first() or AnnualWheel()
    return {name: getattr(wheel, name) for name in wheel_edit.OFFSET_FIELDS}


SLOT_DEFAULTS = {
    "month": 1,
    "week": 2,
    "weekday": 1,
    "start_time": "09:00",
    "duration_minutes": 120,
}


class WheelEditView(LoginRequiredMixin, TemplateView):
    """The wheel's deadlines and its meetings, each to change or take off."""

    template_name = "forums/wheel_edit.html"

    def get_context_data(self, **kwargs):
        forum = _forum(self.kwargs["slug"], self.request.user)
        sent = kwargs.pop("forms", {})
        return {
            **super().get_context_data(**kwargs),
            "forum": forum,
            "slots": WheelSlot.objects.filter(wheel__forum=forum),
            "wheel_form": sent.get("wheel_form")
            or WheelSettingsForm(initial=_wheel_initial(forum)),
            "slot_form": sent.get("slot_form") or SlotForm(initial=SLOT_DEFAULTS),
        }


class WheelActionView(LoginRequiredMixin, View):
    """POST: save the deadlines, or add a meeting to the wheel."""

    def post(self, request, slug: str, action: str):
        forum = _forum(slug, request.user)
        user = request.user
        form: Form
        call: Callable[..., object]
        if action == "settings":
            form, call = WheelSettingsForm(request.POST), wheel_edit.wheel_settings_save
            success = _("The deadlines are saved.")
        elif action == "slot":
            form, call = SlotForm(request.POST), wheel_edit.wheel_slot_save
            success = _("The meeting is on the wheel; this year's and next year's are planned.")
        else:
            raise Http404
        return run_form(
            request,
            form,
            lambda data: call(actor=user, forum=forum, **data),
            success=success,
            back=reverse("forums:wheel-edit", args=[slug]),
            page=page_with(
                WheelEditView,
                request,
                {"slug": slug},
                "wheel_form" if action == "settings" else "slot_form",
            ),
        )


class SlotEditView(LoginRequiredMixin, TemplateView):
    """One meeting of the wheel; the planned meetings ahead follow the change."""

    template_name = "forums/wheel_slot_edit.html"

    def _slot(self) -> tuple[Forum, WheelSlot]:
        forum = _forum(self.kwargs["slug"], self.request.user)
        return forum, get_object_or_404(WheelSlot, pk=self.kwargs["pk"], wheel__forum=forum)

    def get_context_data(self, **kwargs):
        forum, slot = self._slot()
        sent = kwargs.pop("forms", {})
        initial = {name: getattr(slot, name) for name in wheel_edit.SLOT_FIELDS}
        return {
            **super().get_context_data(**kwargs),
            "forum": forum,
            "slot": slot,
            "slot_form": sent.get("slot_form") or SlotForm(initial=initial),
        }

    def post(self, request, slug: str, pk: int):
        forum, slot = self._slot()
        return run_form(
            request,
            SlotForm(request.POST),
            lambda data: wheel_edit.wheel_slot_save(
                actor=request.user, forum=forum, slot=slot, **data
            ),
            success=_("The meeting of the wheel is changed; the planned meetings ahead follow."),
            back=reverse("forums:wheel-edit", args=[slug]),
            page=page_with(SlotEditView, request, {"slug": slug, "pk": pk}, "slot_form"),
        )


class SlotRemoveView(LoginRequiredMixin, View):
    def post(self, request, slug: str, pk: int):
        forum = _forum(slug, request.user)
        slot = get_object_or_404(WheelSlot, pk=pk, wheel__forum=forum)
        return run_action(
            request,
            lambda: wheel_edit.wheel_slot_remove(actor=request.user, slot=slot),
            success=_("The meeting is off the wheel; its planned meetings ahead are cancelled."),
            back=reverse("forums:wheel-edit", args=[slug]),
        )
