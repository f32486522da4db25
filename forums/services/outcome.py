"""The outcome of minutes in review, derived from the ministries' answers, never typed."""

import datetime

from django.utils import timezone

from forums.models import Attendance, Minutes, MinutesApproval, ReviewComment

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.DEPUTY)


def approvals_open(minutes: Minutes) -> None:
    """One empty answer per ministry that attended (in person or by deputy); safe to repeat."""
    ministry_ids = Attendance.objects.filter(
        meeting_id=minutes.meeting_id, status__in=ATTENDED
    ).values_list("ministry_id", flat=True)
    MinutesApproval.objects.bulk_create(
        [MinutesApproval(minutes=minutes, ministry_id=pk) for pk in ministry_ids],
        ignore_conflicts=True,
    )


def unanswered_change_requests(minutes: Minutes) -> list[ReviewComment]:
    """Change requests the secretariat has not answered (from prefetched comments if any)."""
    return [
        comment
        for comment in minutes.comments.all()
        if comment.kind == ReviewComment.Kind.CHANGE_REQUEST and comment.answered_at is None
    ]


def minutes_outcome(minutes: Minutes, *, today: datetime.date | None = None) -> str:
    """draft, review or approved.

    Approved when every attending ministry has approved, or when the review period has passed
    and no change request is still unanswered (a ministry that did not answer approved by
    silence). Reads `approvals` and `comments` through .all(), so a prefetch serves a list.
    """
    if minutes.status != Minutes.Status.REVIEW:
        return minutes.status
    answers = [approval.decision for approval in minutes.approvals.all()]
    if answers and all(answer == MinutesApproval.Decision.APPROVE for answer in answers):
        return Minutes.Status.APPROVED
    day = today or timezone.localdate()
    ended = bool(minutes.review_ends_on and minutes.review_ends_on < day)
    if ended and not unanswered_change_requests(minutes):
        return Minutes.Status.APPROVED
    return Minutes.Status.REVIEW


def by_silence(approval: MinutesApproval, *, today: datetime.date | None = None) -> bool:
    """True for a ministry that did not answer before the review period ended."""
    minutes = approval.minutes
    day = today or timezone.localdate()
    return bool(
        approval.decision is None
        and minutes.status != Minutes.Status.DRAFT
        and minutes.review_ends_on
        and minutes.review_ends_on < day
    )
