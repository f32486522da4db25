"""The minutes workflow: draft → review (justering) → approved, then frozen.

The secretariat drafts and edits; each ministry's seat comments for its ministry during
review and the secretariat answers; the forum's chair approves after the review period.
Approved minutes never change: a correction is a new version linked to the old one.
"""

import datetime
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from forums.exceptions import WrongState
from forums.models import (
    AgendaItem,
    FollowUpAction,
    Meeting,
    Minutes,
    MinutesEntry,
    Proposal,
    ReviewComment,
)
from forums.permissions import ensure_may_edit_minutes, ensure_seat_ministry, is_chair
from forums.services.follow_up import follow_up_action_detach, follow_up_action_from_entry
from forums.services.journal import journal_minutes
from forums.services.meetings import meeting_recipients
from forums.services.outcome import approvals_open, minutes_outcome, unanswered_change_requests
from forums.services.validation import clean_text
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.models import Ministry
from portfolio.notifications import notification_send
from portfolio.strategy_closing import ensure_year_changeable
from portfolio.types import User
from portfolio.validation import check_dates


def entry_values(
    *,
    kind: str,
    text: Any,
    owner_ministry: Ministry | None,
    due_date: datetime.date | None,
    meeting: Meeting,
) -> tuple[str, Ministry | None, datetime.date | None]:
    """An entry's checked text, owner and due date: a follow-up action needs both, other kinds
    keep neither. The owner is a ministry that existed on the meeting's day."""
    text = clean_text(text, field="text", max_length=5000)
    check_dates(due_date=due_date)
    if kind != MinutesEntry.Kind.FOLLOW_UP:
        return text, None, None
    errors = {}
    day = timezone.localdate(meeting.starts_at)
    if owner_ministry is None:
        errors["owner_ministry"] = _("A follow-up action needs an owner ministry.")
    elif not Ministry.objects.owners().active_on(day).filter(pk=owner_ministry.pk).exists():
        errors["owner_ministry"] = _(
            "%(ministry)s was not a ministry on the day of the meeting; choose one that was."
        ) % {"ministry": owner_ministry.abbreviation}
    if due_date is None:
        errors["due_date"] = _("A follow-up action needs a due date.")
    if errors:
        raise ValidationError(errors)
    return text, owner_ministry, due_date


def _lock(minutes: Minutes, *, actor: User | None) -> Minutes:
    """The minutes under a row lock; those of a closed strategy period only the secretariat
    corrects."""
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__forum").get(pk=minutes.pk)
    )
    ensure_year_changeable(actor=actor, years=[minutes.meeting.year])
    return minutes


def _require_editable(minutes: Minutes) -> None:
    if minutes.is_frozen:
        raise WrongState(_("Approved minutes cannot be changed; make a correction instead."))


@records_actor
@transaction.atomic
def minutes_create(*, actor: User, meeting: Meeting) -> Minutes:
    """Start the first draft of a meeting's minutes."""
    ensure_may_edit_minutes(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_year_changeable(actor=actor, years=[meeting.year])
    if meeting.status == Meeting.Status.CANCELLED:
        raise WrongState(_("A cancelled meeting has no minutes."))
    if meeting.minutes.exists():
        raise WrongState(_("The meeting already has minutes."))
    minutes = Minutes.objects.create(meeting=meeting, version=1, created_by=actor)
    audit_record(actor=actor, kind="minutes.created", target=minutes)
    return minutes


@records_actor
@transaction.atomic
def minutes_entry_add(
    *,
    actor: User,
    minutes: Minutes,
    agenda_item: AgendaItem,
    kind: str,
    text: str,
    owner_ministry: Ministry | None = None,
    due_date: datetime.date | None = None,
    proposal: Proposal | None = None,
) -> MinutesEntry:
    """Record a conclusion, recommendation, information or follow-up action for an item.

    A conclusion may name the proposal on the item that it concludes.
    """
    ensure_may_edit_minutes(actor)
    minutes = _lock(minutes, actor=actor)
    _require_editable(minutes)
    if kind not in MinutesEntry.Kind.values:
        raise ValidationError({"kind": _("Choose a valid kind of entry.")})
    if agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError({"agenda_item": _("The item is not on this meeting's agenda.")})
    text, owner_ministry, due_date = entry_values(
        kind=kind,
        text=text,
        owner_ministry=owner_ministry,
        due_date=due_date,
        meeting=minutes.meeting,
    )
    if proposal is not None:
        if kind != MinutesEntry.Kind.CONCLUSION:
            raise ValidationError({"proposal": _("Only a conclusion names the proposal.")})
        if not agenda_item.proposals.filter(pk=proposal.pk).exists():
            raise ValidationError({"proposal": _("The proposal is not on this agenda item.")})
    entry = MinutesEntry.objects.create(
        minutes=minutes,
        agenda_item=agenda_item,
        kind=kind,
        text=text,
        owner_ministry=owner_ministry,
        due_date=due_date,
        proposal=proposal,
    )
    if kind == MinutesEntry.Kind.FOLLOW_UP and minutes.status == Minutes.Status.REVIEW:
        follow_up_action_from_entry(actor=actor, entry=entry)
    audit_record(
        actor=actor,
        kind="minutes.entry_added",
        target=minutes,
        after={"entry": entry.pk, "kind": kind, "item": agenda_item.number},
    )
    return entry


@records_actor
@transaction.atomic
def minutes_entry_delete(*, actor: User, entry: MinutesEntry) -> None:
    """Remove an entry from minutes that are not yet approved."""
    ensure_may_edit_minutes(actor)
    minutes = _lock(entry.minutes, actor=actor)
    _require_editable(minutes)
    audit_record(
        actor=actor,
        kind="minutes.entry_deleted",
        target=minutes,
        before={"entry": entry.pk, "kind": entry.kind, "text": entry.text},
    )
    follow_up_action_detach(actor=actor, entry=entry)
    entry.delete()


@records_actor
@transaction.atomic
def minutes_submit(*, actor: User, minutes: Minutes) -> Minutes:
    """Send the draft to review (justering) and tell the seats; the review period starts."""
    ensure_may_edit_minutes(actor)
    minutes = _lock(minutes, actor=actor)
    if minutes.status != Minutes.Status.DRAFT:
        raise WrongState(_("Only a draft can be sent for review."))
    if not minutes.entries.exists():
        raise ValidationError(_("The minutes have no entries yet."))
    wheel = getattr(minutes.meeting.forum, "wheel", None)
    days = wheel.review_days if wheel else 5
    minutes.status = Minutes.Status.REVIEW
    minutes.review_ends_on = timezone.localdate() + datetime.timedelta(days=days)
    minutes.save(update_fields=["status", "review_ends_on"])
    approvals_open(minutes)
    # The actions become real when the ministries see them: from review on.
    for entry in minutes.entries.filter(kind=MinutesEntry.Kind.FOLLOW_UP).select_related(
        "agenda_item"
    ):
        follow_up_action_from_entry(actor=actor, entry=entry)
    meeting = minutes.meeting
    notification_send(
        recipients=meeting_recipients(meeting),
        key=f"minutes:{minutes.pk}:review",
        kind="minutes",
        subject=lambda: (
            _("Minutes of %(title)s are open for review until %(date)s")
            % {"title": meeting.title, "date": f"{minutes.review_ends_on:%d.%m.%Y}"}
        ),
        url=minutes.get_absolute_url(),
    )
    audit_record(
        actor=actor,
        kind="minutes.submitted",
        target=minutes,
        before={"status": "draft"},
        after={"status": "review", "review_ends_on": minutes.review_ends_on.isoformat()},
    )
    return minutes


@records_actor
@transaction.atomic
def minutes_comment(
    *, actor: User, minutes: Minutes, text: str, kind: str = ReviewComment.Kind.COMMENT
) -> ReviewComment:
    """A ministry's seat comments or asks for a change, for its own ministry only."""
    minutes = _lock(minutes, actor=actor)
    ministry = ensure_seat_ministry(actor, minutes.meeting.forum)
    if minutes.status != Minutes.Status.REVIEW:
        raise WrongState(_("Comments are taken while the minutes are in review."))
    if kind not in ReviewComment.Kind.values:
        raise ValidationError({"kind": _("Choose comment or change request.")})
    text = clean_text(text, field="text", max_length=5000)
    comment = ReviewComment.objects.create(
        minutes=minutes, ministry=ministry, author=actor, kind=kind, text=text
    )
    audit_record(
        actor=actor,
        kind="minutes.commented",
        target=minutes,
        ministry=ministry,
        after={"comment": comment.pk, "kind": kind},
    )
    return comment


@records_actor
@transaction.atomic
def minutes_comment_answer(
    *, actor: User, comment: ReviewComment, answer: str, resolution: str = ""
) -> ReviewComment:
    """The secretariat answers a review comment, once; a change request is accepted (with the
    entry edited) or rejected, and the answer gives the reason."""
    ensure_may_edit_minutes(actor)
    minutes = _lock(comment.minutes, actor=actor)
    _require_editable(minutes)
    comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
    if comment.answered_at:
        raise WrongState(_("The comment has already been answered."))
    if comment.kind == ReviewComment.Kind.CHANGE_REQUEST:
        if resolution not in ReviewComment.Resolution.values:
            raise ValidationError({"resolution": _("Choose accepted or rejected.")})
    else:
        resolution = ""
    comment.answer = clean_text(answer, field="answer", max_length=5000)
    comment.resolution = resolution
    comment.answered_by = actor
    comment.answered_at = timezone.now()
    comment.save(update_fields=["answer", "resolution", "answered_by", "answered_at"])
    audit_record(
        actor=actor,
        kind="minutes.comment_answered",
        target=minutes,
        ministry=comment.ministry,
        after={"comment": comment.pk, "resolution": resolution},
    )
    return comment


@records_actor
@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """The chair seals minutes whose derived outcome is approved (see `minutes_outcome`)."""
    minutes = _lock(minutes, actor=actor)
    if not is_chair(actor, minutes.meeting.forum):
        raise PermissionDenied(_("Only the forum's chair may approve minutes."))
    if minutes.status != Minutes.Status.REVIEW:
        raise WrongState(_("Only minutes in review can be approved."))
    if minutes_outcome(minutes) != Minutes.Status.APPROVED:
        if unanswered_change_requests(minutes):
            raise WrongState(_("Every change request must be answered first."))
        raise WrongState(
            _("The review period runs until %(date)s.") % {"date": _day(minutes.review_ends_on)}
        )
    return minutes_seal(actor=actor, minutes=minutes)


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "–"


def minutes_seal(*, actor: User | None, minutes: Minutes) -> Minutes:
    """Freeze locked minutes as approved; the PDF is stored with its checksum.

    The caller holds the lock and has found the outcome approved; `actor` is the chair, the
    ministry whose approval completed it, or None for the sweep after the review period.
    """
    from forums.pdf import minutes_pdf

    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = actor if is_chair(actor, minutes.meeting.forum) else None
    minutes.approved_at = timezone.now()
    content = minutes_pdf(minutes)
    minutes.pdf_sha256 = hashlib.sha256(content).hexdigest()
    minutes.pdf.save(
        f"referat-{minutes.meeting.pk}-v{minutes.version}.pdf", ContentFile(content), save=False
    )
    minutes.save()
    # A per-object save, not queryset.update(): the meeting's field history must see it.
    meeting = minutes.meeting
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    journal_minutes(minutes=minutes)
    audit_record(
        actor=actor,
        kind="minutes.approved",
        target=minutes,
        before={"status": "review"},
        after={"status": "approved", "sha256": minutes.pdf_sha256},
    )
    return minutes


@records_actor
@transaction.atomic
def minutes_correct(*, actor: User, minutes: Minutes) -> Minutes:
    """Start a correction of approved minutes: a new draft version linked to the old one."""
    ensure_may_edit_minutes(actor)
    minutes = _lock(minutes, actor=actor)
    if not minutes.is_frozen:
        raise WrongState(_("Only approved minutes are corrected; edit the draft instead."))
    if Minutes.objects.filter(corrects=minutes).exists():
        raise WrongState(_("These minutes already have a correction."))
    latest = minutes.meeting.minutes.order_by("-version").first() or minutes
    correction = Minutes.objects.create(
        meeting=minutes.meeting,
        version=latest.version + 1,
        corrects=minutes,
        summary=minutes.summary,
        created_by=actor,
    )
    # bulk_create skips the save signals; this writes the field history rows alongside,
    # with the actor, channel and request id as a save would.
    originals = list(minutes.entries.all())
    copies = bulk_create_with_history(
        [
            MinutesEntry(
                minutes=correction,
                agenda_item_id=entry.agenda_item_id,
                kind=entry.kind,
                text=entry.text,
                owner_ministry_id=entry.owner_ministry_id,
                due_date=entry.due_date,
                proposal_id=entry.proposal_id,
            )
            for entry in originals
        ],
        MinutesEntry,
    )
    # The actions follow their entry into the correction, so resubmitting makes no copies.
    for original, copy in zip(originals, copies, strict=True):
        if original.kind == MinutesEntry.Kind.FOLLOW_UP:
            FollowUpAction.objects.filter(minutes_entry=original).update(minutes_entry=copy)
    audit_record(
        actor=actor,
        kind="minutes.correction_started",
        target=correction,
        after={"corrects": minutes.pk, "version": correction.version},
    )
    return correction
