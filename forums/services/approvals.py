"""Justering: a ministry answers for the minutes; reminders; approval after the review period.

Each ministry that attended answers for itself through its seat in the forum (its admin head,
or a deputy holding a delegation): approve, or request changes with a comment. A request for
changes files a change request that the secretariat answers and is told about.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import Minutes, MinutesApproval, ReviewComment
from forums.permissions import seat_ministry
from forums.selectors.follow_up import owner_recipients
from forums.services.minutes import minutes_seal
from forums.services.outcome import minutes_outcome
from forums.services.validation import clean_text
from portfolio import roles
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.notifications import notification_send
from portfolio.strategy_closing import ensure_year_changeable

REMIND_DAYS_BEFORE = 2


def _lock(minutes: Minutes, *, actor: Any) -> Minutes:
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__forum").get(pk=minutes.pk)
    )
    ensure_year_changeable(actor=actor, years=[minutes.meeting.year])
    return minutes


def may_answer_for(*, user: Any, minutes: Minutes, ministry: Ministry) -> bool:
    """The ministry's seat in the forum may answer for it, and only for it."""
    seat = seat_ministry(user, minutes.meeting.forum)
    return seat is not None and seat.pk == ministry.pk


def _secretariat() -> list[Any]:
    users = get_user_model().objects.filter(is_active=True, groups__name=roles.SECRETARIAT)
    return list(users.select_related("profile").order_by("pk"))


@records_actor
@transaction.atomic
def minutes_approval_record(
    *, actor: Any, minutes: Minutes, ministry: Ministry, decision: Any, comment: Any = ""
) -> MinutesApproval:
    """Record the ministry's answer; the minutes are approved when every attending one has.

    403 unless the actor holds the ministry's seat and the ministry attended; 409 unless the
    minutes are in review; a request for changes needs a comment. The ministry may change its
    answer while the review lasts; each request for changes is a change request to answer.
    """
    minutes = _lock(minutes, actor=actor)
    if not may_answer_for(user=actor, minutes=minutes, ministry=ministry):
        raise PermissionDenied(_("Only the ministry's seat in the forum may answer for it."))
    approval = (
        MinutesApproval.objects.select_for_update()
        .filter(minutes=minutes, ministry=ministry)
        .first()
    )
    if approval is None:
        raise PermissionDenied(_("Only the ministries that attended the meeting answer."))
    if minutes.status != Minutes.Status.REVIEW:
        raise WrongState(_("The ministries answer while the minutes are in review."))
    if decision not in MinutesApproval.Decision.values:
        raise ValidationError({"decision": _("Choose approve or request changes.")})
    required = decision == MinutesApproval.Decision.REQUEST_CHANGES
    comment = clean_text(comment, field="comment", max_length=5000, required=required)
    before = {"decision": approval.decision}
    approval.decision = decision
    approval.comment = comment
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    if required:
        approval.change_request = ReviewComment.objects.create(
            minutes=minutes,
            ministry=ministry,
            author=actor,
            kind=ReviewComment.Kind.CHANGE_REQUEST,
            text=comment,
        )
        meeting = minutes.meeting
        notification_send(
            recipients=_secretariat(),
            key=f"minutes:{minutes.pk}:change-request:{approval.change_request.pk}",
            kind="minutes",
            subject=lambda: (
                _("%(ministry)s asks for changes to the minutes of %(title)s")
                % {"ministry": ministry.abbreviation, "title": meeting.title}
            ),
            body=lambda: comment,
            url=reverse("forums:minutes", args=[meeting.pk]),
        )
    approval.save()
    audit_record(
        actor=actor,
        kind="minutes.approval_recorded",
        target=minutes,
        ministry=ministry,
        before=before,
        after={"decision": decision},
    )
    if minutes_outcome(minutes) == Minutes.Status.APPROVED:
        minutes_seal(actor=actor, minutes=minutes)
    return approval


def approval_reminders_due(*, today: datetime.date) -> list[int]:
    """Ids of unanswered approvals whose review period ends within two days."""
    return list(
        MinutesApproval.objects.filter(
            decision__isnull=True,
            reminded_at__isnull=True,
            minutes__status=Minutes.Status.REVIEW,
            minutes__review_ends_on__gte=today,
            minutes__review_ends_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def approval_remind(*, approval_id: int) -> bool:
    """Remind the ministry once; the conditional update of `reminded_at` is the claim."""
    claimed = MinutesApproval.objects.filter(
        pk=approval_id, reminded_at__isnull=True, decision__isnull=True
    ).update(reminded_at=timezone.now())
    if not claimed:
        return False
    approval = MinutesApproval.objects.select_related("minutes__meeting", "ministry").get(
        pk=approval_id
    )
    minutes, meeting = approval.minutes, approval.minutes.meeting
    ends_on = minutes.review_ends_on
    notification_send(
        recipients=owner_recipients(approval.ministry),
        key=f"minutes:{minutes.pk}:approval-reminder:{approval.ministry_id}",
        kind="minutes",
        subject=lambda: (
            _("Answer for %(ministry)s on the minutes of %(title)s by %(date)s")
            % {
                "ministry": approval.ministry.abbreviation,
                "title": meeting.title,
                "date": ends_on.strftime("%d.%m.%Y") if ends_on else "–",
            }
        ),
        url=reverse("forums:minutes", args=[meeting.pk]),
    )
    audit_record(
        actor=None, kind="minutes.approval_reminded", target=minutes, ministry=approval.ministry
    )
    return True


def minutes_due_to_conclude(*, today: datetime.date) -> list[int]:
    """Minutes in review whose review period has passed (the outcome decides each)."""
    return list(
        Minutes.objects.filter(status=Minutes.Status.REVIEW, review_ends_on__lt=today).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def minutes_conclude(*, minutes_id: int, today: datetime.date) -> bool:
    """Seal minutes whose derived outcome is approved; safe to repeat (the status is the claim)."""
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__forum").get(pk=minutes_id)
    )
    if minutes_outcome(minutes, today=today) != Minutes.Status.APPROVED:
        return False
    if minutes.status != Minutes.Status.REVIEW:
        return False
    minutes_seal(actor=None, minutes=minutes)
    return True
