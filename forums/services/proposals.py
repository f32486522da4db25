"""State changes of proposals: create, open, revise, close, escalate, withdraw, and advice.

The ministries' positions are recorded by `forums.services.positions` (re-exported here).
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forums.exceptions import WrongState
from forums.models import (
    Advice,
    Escalation,
    Forum,
    Position,
    PositionChoice,
    Proposal,
    ProposalVersion,
    RegisterCounter,
)
from forums.models.proposals import REASON_MAX, TEXT_MAX, TITLE_MAX
from forums.permissions import ensure_may_prepare_proposals, may_give_advice
from forums.services.governance import (
    STRATEGIC_FORUM_SLUG,
    decision_forum,
    proposal_participants,
)
from forums.services.journal import (
    journal_proposal_opened,
    journal_proposal_version,
)
from forums.services.positions import (
    objection_withdraw,
    objections_answer_by_revision,
    position_record,
)
from forums.services.proposal_notices import (
    proposal_deadline_passed_notify,
    proposal_notifications_settle,
)
from forums.services.proposal_state import proposal_lock, require_status
from forums.services.validation import clean_text
from measures.models import CoreGroup, Measure
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.notifications import notification_send
from portfolio.permissions import admin_heads_of
from portfolio.types import User
from portfolio.validation import check_dates

__all__ = [
    "STRATEGIC_FORUM_SLUG",
    "advice_add",
    "objection_withdraw",
    "position_record",
    "proposal_close",
    "proposal_create",
    "proposal_escalate",
    "proposal_open",
    "proposal_revise",
    "proposal_withdraw",
    "proposals_close_due",
]


def _next_number(*, forum: Forum, year: int) -> int:
    """Draw the next register number for the forum and year from a locked counter row."""
    if not RegisterCounter.objects.filter(forum=forum, year=year).exists():
        try:
            with transaction.atomic():
                RegisterCounter.objects.create(forum=forum, year=year)
        except IntegrityError:
            pass  # Another transaction made the row first; the lock below waits for it.
    counter = RegisterCounter.objects.select_for_update().get(forum=forum, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _clean_deadline(deadline: Any) -> datetime.datetime:
    if not isinstance(deadline, datetime.datetime):
        raise ValidationError({"deadline": _("Enter a valid date and time.")})
    if timezone.is_naive(deadline):
        deadline = timezone.make_aware(deadline)
    aware: datetime.datetime = deadline
    check_dates(deadline=aware)
    if aware <= timezone.now():
        raise ValidationError({"deadline": _("The deadline has passed; set a later deadline.")})
    return aware


@records_actor
@transaction.atomic
def proposal_create(
    *,
    actor: User,
    title: str,
    text: str,
    deadline: datetime.datetime,
    silent_consent: bool = False,
    forum: Forum | None = None,
    measures: Iterable[Measure] = (),
    amends: Proposal | None = None,
) -> Proposal:
    """A coordinator drafts a proposal; it gets the next number in the forum's register."""
    ensure_may_prepare_proposals(actor)
    title = clean_text(title, field="title", max_length=TITLE_MAX)
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    deadline = _clean_deadline(deadline)
    measures = list(measures)
    forum = forum or decision_forum(measures) or Forum.objects.get(slug=STRATEGIC_FORUM_SLUG)
    if forum.advisory_only:
        raise ValidationError({"forum": _("This forum gives advice only; it takes no decisions.")})
    if amends is not None and amends.status != Proposal.Status.ENDORSED:
        raise ValidationError({"amends": _("Only an endorsed proposal can be amended.")})
    year = timezone.localdate().year
    proposal = Proposal.objects.create(
        forum=forum,
        year=year,
        number=_next_number(forum=forum, year=year),
        title=title,
        text=text,
        deadline=deadline,
        silent_consent=bool(silent_consent),
        amends=amends,
        created_by=actor,
    )
    proposal.measures.set(measures)
    version = ProposalVersion.objects.create(
        proposal=proposal, number=1, title=title, text=text, created_by=actor
    )
    journal_proposal_version(version=version)
    audit_record(
        actor=actor,
        kind="proposal.created",
        target=proposal,
        after={"status": proposal.status, "register_number": proposal.register_number},
    )
    return proposal


def _notify_participants(proposal: Proposal, *, event: str, subject: Callable[[], str]) -> None:
    recipients = admin_heads_of(list(proposal.participants.all()))
    notification_send(
        recipients=recipients,
        key=f"proposal:{proposal.pk}:v{proposal.version}:{event}",
        kind="proposal",
        subject=subject,
        body=lambda: (
            _("Deadline: %(deadline)s")
            % {"deadline": date_format(timezone.localtime(proposal.deadline), "DATETIME_FORMAT")}
        ),
        url=proposal.get_absolute_url(),
    )


@records_actor
@transaction.atomic
def proposal_open(*, actor: User, proposal: Proposal) -> Proposal:
    """Open consultation: the participants are recorded, as the measures' governance says
    (`forums.services.governance.proposal_participants`): named ministries, or every seat."""
    ensure_may_prepare_proposals(actor)
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.DRAFT)
    if proposal.deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline has passed; set a later deadline.")})
    participants, basis = proposal_participants(proposal, day=timezone.localdate())
    if not participants:
        raise ValidationError(_("No ministry holds a seat in this forum."))
    proposal.participants.set(participants)
    proposal.status = Proposal.Status.CONSULTATION
    proposal.opened_at = timezone.now()
    proposal.save(update_fields=["status", "opened_at"])
    journal_proposal_opened(proposal=proposal)
    audit_record(
        actor=actor,
        kind="proposal.opened",
        target=proposal,
        before={"status": Proposal.Status.DRAFT},
        after={
            "status": proposal.status,
            "participants": sorted(m.abbreviation for m in participants),
            "participation": basis,
            "silent_consent": proposal.silent_consent,
        },
    )
    register_number = proposal.register_number
    _notify_participants(
        proposal,
        event="opened",
        subject=lambda: (
            _("Proposal %(number)s is open for your ministry's position")
            % {"number": register_number}
        ),
    )
    return proposal


@records_actor
@transaction.atomic
def proposal_revise(
    *,
    actor: User,
    proposal: Proposal,
    text: str,
    title: str | None = None,
    answers: dict[str, str] | None = None,
) -> Proposal:
    """A new version of the text: every position is reset to missing, participants are told.

    `answers` says, per objecting ministry (abbreviation), how the revision answers its objection.
    """
    ensure_may_prepare_proposals(actor)
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.CONSULTATION)
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    if title is not None and title != "":
        title = clean_text(title, field="title", max_length=TITLE_MAX)
    else:
        title = proposal.title
    objections_answer_by_revision(actor=actor, proposal=proposal, answers=answers)
    before = {"version": proposal.version}
    proposal.version += 1
    proposal.text = text
    proposal.title = title
    proposal.save(update_fields=["version", "text", "title"])
    revision = ProposalVersion.objects.create(
        proposal=proposal, number=proposal.version, title=title, text=text, created_by=actor
    )
    journal_proposal_version(version=revision)
    audit_record(
        actor=actor,
        kind="proposal.revised",
        target=proposal,
        before=before,
        after={"version": proposal.version},
    )
    register_number, version = proposal.register_number, proposal.version
    _notify_participants(
        proposal,
        event="revised",
        subject=lambda: (
            _("Proposal %(number)s was revised (version %(version)d): record your position again")
            % {"number": register_number, "version": version}
        ),
    )
    return proposal


def _decide(proposal: Proposal, *, actor: User | None, now: datetime.datetime) -> Proposal:
    """Derive the outcome from the current positions. A fixed number of queries."""
    participants = list(proposal.participants.order_by("abbreviation"))
    given = dict(
        Position.objects.current()
        .filter(proposal=proposal, version=proposal.version)
        .values_list("ministry_id", "position")
    )
    objecting = [m.abbreviation for m in participants if given.get(m.pk) == PositionChoice.OBJECT]
    missing = [m.abbreviation for m in participants if m.pk not in given]
    silent: list[str] = []
    if proposal.silent_consent and now >= proposal.deadline:
        silent, missing = missing, []
    endorsed = not objecting and not missing
    proposal.status = Proposal.Status.ENDORSED if endorsed else Proposal.Status.NOT_ENDORSED
    proposal.objecting, proposal.missing, proposal.silent = objecting, missing, silent
    proposal.closed_at = now
    proposal.save(update_fields=["status", "objecting", "missing", "silent", "closed_at"])
    proposal_notifications_settle(proposal=proposal)
    audit_record(
        actor=actor,
        kind="proposal.closed",
        target=proposal,
        before={"status": Proposal.Status.CONSULTATION},
        after={
            "status": proposal.status,
            "objecting": objecting,
            "missing": missing,
            "silent_consent_stand_aside": silent,
            "version": proposal.version,
        },
    )
    return proposal


@records_actor
@transaction.atomic
def proposal_close(*, actor: User, proposal: Proposal) -> Proposal:
    """A coordinator closes after the deadline, or earlier once every participant has answered."""
    ensure_may_prepare_proposals(actor)
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.CONSULTATION)
    now = timezone.now()
    if now < proposal.deadline:
        answered = (
            Position.objects.current().filter(proposal=proposal, version=proposal.version).count()
        )
        if answered < proposal.participants.count():
            raise WrongState(
                _("The deadline has not passed and not every ministry has answered yet.")
            )
    return _decide(proposal, actor=actor, now=now)


@records_actor
def proposals_close_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Close every proposal whose deadline has passed. Safe to repeat: closed ones are skipped."""
    now = now or timezone.now()
    closed = []
    due = Proposal.objects.filter(status=Proposal.Status.CONSULTATION, deadline__lte=now)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().select_related("forum").get(pk=pk)
            if proposal.status != Proposal.Status.CONSULTATION:
                continue  # Closed by someone else meanwhile.
            _decide(proposal, actor=None, now=now)
            proposal_deadline_passed_notify(proposal=proposal)
            closed.append(pk)
    return closed


@records_actor
@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal) -> Proposal:
    """A coordinator withdraws a draft or a proposal in consultation; it is then final."""
    ensure_may_prepare_proposals(actor)
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.DRAFT, Proposal.Status.CONSULTATION)
    before = {"status": proposal.status}
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.closed_at = timezone.now()
    proposal.save(update_fields=["status", "closed_at"])
    proposal_notifications_settle(proposal=proposal)
    audit_record(
        actor=actor,
        kind="proposal.withdrawn",
        target=proposal,
        before=before,
        after={"status": proposal.status},
    )
    return proposal


@records_actor
@transaction.atomic
def proposal_escalate(*, actor: User, proposal: Proposal, level: str, note: str = "") -> Escalation:
    """Record that a proposal that was not endorsed is lifted to a higher level."""
    ensure_may_prepare_proposals(actor)
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.NOT_ENDORSED)
    if level not in Escalation.Level.values:
        raise ValidationError({"level": _("Choose a level to escalate to.")})
    note = clean_text(note, field="note", max_length=REASON_MAX, required=False)
    if proposal.escalations.filter(level=level).exists():
        raise WrongState(_("The proposal has already been escalated to this level."))
    escalation = Escalation.objects.create(
        proposal=proposal, level=level, note=note, escalated_by=actor
    )
    audit_record(
        actor=actor,
        kind="proposal.escalated",
        target=proposal,
        after={"level": level},
        note=note,
    )
    return escalation


@records_actor
@transaction.atomic
def advice_add(
    *,
    actor: User,
    proposal: Proposal,
    text: str,
    forum: Forum | None = None,
    core_group: CoreGroup | None = None,
) -> Advice:
    """Attach input from a service forum or a core group. It is shown, never counted."""
    if not may_give_advice(actor):
        raise PermissionDenied(_("Only the coordinator or the secretariat may add advice."))
    proposal = proposal_lock(proposal, actor=actor)
    require_status(proposal, Proposal.Status.DRAFT, Proposal.Status.CONSULTATION)
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    if (forum is None) == (core_group is None):
        raise ValidationError({"source": _("Choose either a service forum or a core group.")})
    if forum is not None and not forum.advisory_only:
        raise ValidationError({"source": _("Advice comes from a service forum.")})
    advice = Advice.objects.create(
        proposal=proposal, forum=forum, core_group=core_group, text=text, recorded_by=actor
    )
    audit_record(
        actor=actor, kind="proposal.advice_added", target=proposal, after={"source": advice.source}
    )
    return advice
