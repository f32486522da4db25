"""generate_forum_activity also makes the justering and the follow-up: attendance, answers
in every state, change requests, and follow-up actions open, done and cancelled, at 1× and
100× scale alike (each state present)."""

import pytest
from django.core.management import call_command

from forums.models import Attendance, FollowUpAction, Minutes, MinutesApproval, ReviewComment
from forums.services.outcome import minutes_outcome

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scale", [1, 3])
def test_minutes_and_actions_come_in_every_state(demo_users, scale):
    call_command("generate_forum_activity", "--scale", str(scale), "--force", verbosity=0)
    assert set(Minutes.objects.values_list("status", flat=True)) == {"draft", "review", "approved"}
    assert Attendance.objects.filter(status="present").exists()
    assert Attendance.objects.filter(status="absent").exists()
    decisions = set(
        MinutesApproval.objects.filter(minutes__status="review").values_list("decision", flat=True)
    )
    assert {None, "approve", "request_changes"} <= decisions
    assert ReviewComment.objects.filter(kind="change_request").exists()
    assert not MinutesApproval.objects.filter(minutes__status="draft").exists()
    assert set(FollowUpAction.objects.values_list("state", flat=True)) == {
        "open",
        "done",
        "cancelled",
    }
    # Every answer belongs to a ministry that attended the meeting.
    for approval in MinutesApproval.objects.select_related("minutes")[:50]:
        assert (
            Attendance.objects.filter(
                meeting_id=approval.minutes.meeting_id, ministry_id=approval.ministry_id
            )
            .exclude(status="absent")
            .exists()
        )
    # The derived outcome reads the generated rows.
    for minutes in Minutes.objects.filter(status="review").prefetch_related(
        "approvals", "comments"
    ):
        assert minutes_outcome(minutes) in ("review", "approved")
