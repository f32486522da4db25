"""iCalendar feeds: one per forum, and a personal one of all the person's forums."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views import View

from forums.ical import meetings_calendar
from forums.models import CalendarToken, Forum
from forums.selectors.meetings import meeting_list, meetings_of_user


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
