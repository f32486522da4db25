"""Registration in the journal: every document gets a record, and a number when it is final.

Numbers are gap-free and unique under concurrent registration: the case counter of the year
and the case row are locked (select_for_update) while a number is drawn, and unique
constraints back this up. A document is registered at most once; repeating is harmless.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from forums.models import (
    Access,
    Attachment,
    CaseCounter,
    Meeting,
    Minutes,
    Proposal,
    ProposalVersion,
    Record,
    RecordCase,
)
from portfolio.audit import audit_record
from portfolio.models import Ministry

# The marking each kind of document starts with. Offentleglova's main rule (§ 3) is that case
# documents are public; an exemption is a decision about one document, with its legal basis,
# taken by the secretariat or the coordinator (docs/records.md).
DEFAULT_ACCESS: dict[str, str] = {
    Record.Kind.PROPOSAL_VERSION: Access.PUBLIC,
    Record.Kind.MEMO: Access.PUBLIC,
    Record.Kind.ATTACHMENT: Access.PUBLIC,
    Record.Kind.NOTICE: Access.PUBLIC,
    Record.Kind.MINUTES: Access.PUBLIC,
}


def case_for(*, proposal: Proposal | None = None, meeting: Meeting | None = None) -> RecordCase:
    """The case of a proposal or a meeting, created (unnumbered) on first use."""
    if proposal is not None:
        case, _ = RecordCase.objects.get_or_create(
            proposal=proposal, defaults={"title": proposal.title[:200]}
        )
    elif meeting is not None:
        case, _ = RecordCase.objects.get_or_create(
            meeting=meeting, defaults={"title": str(meeting.title)[:200]}
        )
    else:
        raise ValueError("A case belongs to a proposal or a meeting.")
    return case


def _year_counter(year: int) -> CaseCounter:
    CaseCounter.objects.get_or_create(year=year)
    return CaseCounter.objects.select_for_update().get(year=year)


@transaction.atomic
def record_register(*, record: Record, on: datetime.date | None = None) -> Record:
    """Give the document its number `YYYY/NNNNN-N` and its journal date; once only."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.document_number:
        return record
    case = RecordCase.objects.select_for_update().get(pk=record.case_id)
    day = on or timezone.localdate()
    counter = _year_counter(day.year)
    if case.number is None:
        counter.last_number += 1
        case.year, case.number = day.year, counter.last_number
    counter.last_entry += 1
    counter.save(update_fields=["last_number", "last_entry"])
    record.journal_year, record.journal_sequence = day.year, counter.last_entry
    case.last_document += 1
    case.save(update_fields=["year", "number", "last_document"])
    record.document_sequence = case.last_document
    record.document_number = f"{case.case_number}-{case.last_document}"
    record.registered_at = timezone.now()
    record.registered_on = day
    record.save(
        update_fields=[
            "journal_year",
            "journal_sequence",
            "document_sequence",
            "document_number",
            "registered_at",
            "registered_on",
        ]
    )
    audit_record(
        actor=None,
        kind="record.registered",
        target=record,
        after={"document_number": record.document_number, "access": record.access},
    )
    return record


def _create(
    *,
    kind: str,
    case: RecordCase,
    title: str,
    sender: Ministry | None,
    recipients: Iterable[Ministry],
    **document: Any,
) -> Record:
    record = Record.objects.create(
        kind=kind,
        case=case,
        title=title[:250],
        access=DEFAULT_ACCESS[kind],
        sender=sender,
        **document,
    )
    record.recipients.set(list(recipients))
    return record


def _proposal_parties(proposal: Proposal) -> tuple[Ministry | None, list[Ministry]]:
    sender = getattr(getattr(proposal.created_by, "profile", None), "ministry", None)
    recipients = list(proposal.participants.all()) or list(
        Ministry.objects.filter(forum_seats__forum=proposal.forum).distinct()
    )
    return sender, recipients


def _meeting_parties(meeting: Meeting) -> tuple[Ministry | None, list[Ministry]]:
    recipients = list(Ministry.objects.filter(forum_seats__forum=meeting.forum).distinct())
    return meeting.forum.secretariat, recipients


def journal_proposal_version(*, version: ProposalVersion) -> Record:
    """A version's record; registered at once unless the proposal is still a draft."""
    proposal = version.proposal
    record = Record.objects.filter(proposal_version=version).first()
    if record is None:
        sender, recipients = _proposal_parties(proposal)
        record = _create(
            kind=Record.Kind.PROPOSAL_VERSION,
            case=case_for(proposal=proposal),
            title=f"{proposal.register_number} {version.title} (v{version.number})",
            sender=sender,
            recipients=recipients,
            proposal_version=version,
        )
    if proposal.status != Proposal.Status.DRAFT:
        record = record_register(record=record)
    return record


def journal_attachment(*, attachment: Attachment) -> Record:
    """A memo or meeting paper's record; registered once its proposal or notice has gone out."""
    record = Record.objects.filter(attachment=attachment).first()
    if attachment.proposal is not None:
        proposal = attachment.proposal
        final = proposal.status != Proposal.Status.DRAFT
        case, kind = case_for(proposal=proposal), Record.Kind.MEMO
        sender, recipients = _proposal_parties(proposal)
    elif attachment.agenda_item is not None:
        meeting = attachment.agenda_item.meeting
        final = meeting.notice_sent_at is not None
        case, kind = case_for(meeting=meeting), Record.Kind.ATTACHMENT
        sender, recipients = _meeting_parties(meeting)
    else:
        raise ValueError("An attachment belongs to a proposal or an agenda item.")
    if record is None:
        record = _create(
            kind=kind,
            case=case,
            title=attachment.name,
            sender=sender,
            recipients=recipients,
            attachment=attachment,
        )
    if final:
        record = record_register(record=record)
    return record


def journal_proposal_opened(*, proposal: Proposal) -> None:
    """Consultation opened: the draft's versions and memos are now sent, so registered."""
    for version in proposal.versions.all():
        journal_proposal_version(version=version)
    for memo in proposal.memos.all():
        journal_attachment(attachment=memo)


def journal_notice(*, meeting: Meeting) -> Record:
    """The notice with its agenda is registered when sent, with the papers that went with it."""
    record = Record.objects.filter(notice_of=meeting).first()
    if record is None:
        sender, recipients = _meeting_parties(meeting)
        record = _create(
            kind=Record.Kind.NOTICE,
            case=case_for(meeting=meeting),
            title=f"{meeting.forum.code}: {meeting.title} – innkalling og saksliste",
            sender=sender,
            recipients=recipients,
            notice_of=meeting,
        )
    record = record_register(record=record)
    for attachment in Attachment.objects.filter(agenda_item__meeting=meeting):
        journal_attachment(attachment=attachment)
    return record


def journal_minutes(*, minutes: Minutes) -> Record:
    """An approved version of minutes is registered as it is approved."""
    record = Record.objects.filter(minutes=minutes).first()
    if record is None:
        meeting = minutes.meeting
        sender, recipients = _meeting_parties(meeting)
        record = _create(
            kind=Record.Kind.MINUTES,
            case=case_for(meeting=meeting),
            title=f"{meeting.forum.code}: {meeting.title} – referat (v{minutes.version})",
            sender=sender,
            recipients=recipients,
            minutes=minutes,
        )
    return record_register(record=record)
