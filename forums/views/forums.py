"""The forums and their annual wheel, drawn as a wheel and listed as a table."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from forums.models import Forum, ForumMembership
from forums.permissions import can_manage_forums, can_materialise
from forums.selectors.forum_admin import forum_members, forum_seats
from forums.selectors.meetings import forum_detail, forum_list, meeting_list
from forums.services.calendar_tokens import calendar_token_get_or_create
from forums.services.wheel import wheel_materialise
from forums.wheel_svg import wheel_geometry
from portfolio.models import Ministry
from portfolio.selectors import page_strategy_choice
from portfolio.validation import year_error


class ForumListView(LoginRequiredMixin, ListView):
    """Strategisk forum and the service forums."""

    template_name = "forums/forum_list.html"
    context_object_name = "forums"

    def get_queryset(self):
        return forum_list()


class ForumDetailView(LoginRequiredMixin, TemplateView):
    """A forum, its annual wheel for one year and the year's meetings with their deadlines."""

    template_name = "forums/forum_detail.html"

    def get_context_data(self, **kwargs):
        try:
            forum = forum_detail(slug=self.kwargs["slug"])
        except Forum.DoesNotExist as exc:
            raise Http404 from exc
        choice = page_strategy_choice(self.request.GET.get("strategy"))
        today = timezone.localdate().year
        default = today
        if self.request.GET.get("strategy") and choice.strategy is not None:
            # An earlier period opens on its last year; the current one on this year.
            default = min(today, choice.strategy.period_end)
        try:
            year = int(self.request.GET.get("year") or default)
        except ValueError:
            year = default
        year = min(max(year, 2000), 2100)
        today = timezone.localdate()
        wheel = getattr(forum, "wheel", None)
        offsets = (
            (wheel.notice_days, wheel.papers_days, wheel.minutes_days) if wheel else (14, 7, 14)
        )
        meetings = list(meeting_list(forum=forum, year=year))
        seats = list(forum_seats(forum).filter(ministry__in=Ministry.objects.active_on(today)))
        members = [m for m in forum_members(forum) if m.is_current_on(today)]
        rows = []
        for meeting in meetings:
            day = timezone.localtime(meeting.starts_at).date()
            rows.append(
                {
                    "meeting": meeting,
                    "notice": day - datetime.timedelta(days=offsets[0]),
                    "papers": day - datetime.timedelta(days=offsets[1]),
                    "minutes": day + datetime.timedelta(days=offsets[2]),
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "forum": forum,
            "wheel": wheel,
            "slots": wheel.slots.all() if wheel else [],
            "year": year,
            "rows": rows,
            "geometry": wheel_geometry(year=year, meetings=meetings, offsets=offsets),
            "feed_token": calendar_token_get_or_create(user=self.request.user),
            "can_materialise": wheel is not None and can_materialise(self.request.user),
            "strategy_choice": choice,
            "strategy_years": (
                range(choice.strategy.period_start, choice.strategy.period_end + 1)
                if choice.strategy is not None
                else []
            ),
            "can_manage": can_manage_forums(self.request.user),
            "seats": seats,
            "members": members,
            "chairs": [m for m in members if m.role == ForumMembership.Role.CHAIR],
        }


class ForumMaterialiseView(LoginRequiredMixin, View):
    """POST: create the year's meetings from the wheel (secretariat and coordinator)."""

    def post(self, request, slug: str):
        forum = get_object_or_404(Forum, slug=slug)
        if not can_materialise(request.user):
            raise PermissionDenied
        raw = request.POST.get("year", "")
        year = int(raw) if raw.isascii() and raw.isdigit() else 0
        if error := year_error(year):
            view = ForumDetailView()
            view.setup(request, slug=slug)
            response = view.render_to_response(view.get_context_data(materialise_error=error))
            response.status_code = 400
            return response
        created = wheel_materialise(actor=request.user, forum=forum, year=year)
        messages.success(
            request,
            _("%(count)d meetings created for %(year)d.") % {"count": len(created), "year": year},
        )
        return redirect(f"{reverse('forums:forum-detail', args=[slug])}?year={year}")
