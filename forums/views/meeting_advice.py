"""A service forum's or core group's meeting gives advice to a proposal in Strategisk forum."""

from typing import Any

from forums.forms.forum_admin import MeetingAdviceForm
from forums.models import Advice, Meeting
from forums.permissions import may_give_advice
from forums.records_access import screen_titles
from forums.services.meeting_advice import GIVEN_IN


def meeting_advice_context(user: Any, meeting: Meeting, sent: dict) -> dict:
    """What the meeting page shows of the advice given in an advisory meeting."""
    if not meeting.forum.advisory_only:
        return {}
    may_add = may_give_advice(user) and meeting.status in GIVEN_IN
    advice = list(
        Advice.objects.filter(meeting=meeting)
        .select_related("proposal__forum")
        .order_by("created_at", "pk")
    )
    # Shown, never saved: a proposal the reader may not read keeps its title hidden.
    screen_titles(user, [given.proposal for given in advice])
    return {
        "advisory": True,
        "advice_given": advice,
        "advice_form": sent.get("advice_form") or (MeetingAdviceForm() if may_add else None),
    }
