"""iCalendar feeds: one per forum, and a personal one of all the person's forums."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from forums.ical import meetings_calendar
from forums.models import CalendarToken, Forum
from forums.selectors.meetings import meeting_list, meetings_of_user
from forums.services.calendar_tokens import calendar_token_revoke, calendar_token_rotate


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


class ForumCalendarView(View):
    """GET /calendar/forums/<slug>.ics: for the logged-in, or with ?token=<secret>."""

    def get(self, request, slug: str):
        token = request.GET.get("token", "")
        allowed = request.user.is_authenticated or (
            token and CalendarToken.objects.filter(token=token, user__is_active=True).exists()
        )
        if not allowed:
            return redirect_to_login(request.get_full_path())
        forum = Forum.objects.filter(slug=slug).first()
        if forum is None:
            raise Http404
        return _ics(
            meetings_calendar(
                meeting_list(forum=forum), name=forum.name, base_url=request.build_absolute_uri("/")
            ),
            forum.slug,
        )


class PersonalCalendarView(View):
    """GET /calendar/me/<token>.ics: the meetings of every forum the person sits in."""

    def get(self, request, token: str):
        found = CalendarToken.objects.filter(token=token, user__is_active=True).first()
        if found is None:
            raise Http404
        meetings = meetings_of_user(user=found.user)
        return _ics(
            meetings_calendar(
                meetings, name="Strategiportalen", base_url=request.build_absolute_uri("/")
            ),
            "strategiportalen",
        )


@login_required
@require_POST
def calendar_token_rotate_view(request):
    calendar_token_rotate(actor=request.user, user=request.user)
    messages.success(request, _("The calendar address is changed. Give calendar apps the new one."))
    return redirect("accounts:account")


@login_required
@require_POST
def calendar_token_revoke_view(request):
    calendar_token_revoke(actor=request.user, user=request.user)
    messages.success(request, _("The calendar address is revoked."))
    return redirect("accounts:account")
