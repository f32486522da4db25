"""Journal entries for generated forum activity: every final document registered, a share exempt.

Generated data is inserted in bulk (the services would take hours at 100×), numbered exactly
as `record_register` numbers: cases and journal entries in order of their journal date, per
year without gaps, documents per case from 1.
"""

import datetime
import random
from collections import defaultdict
from typing import Any

from django.utils import timezone

from forums.models import (
    Access,
    CaseCounter,
    Forum,
    LegalBasis,
    Meeting,
    Minutes,
    Proposal,
    ProposalVersion,
    Record,
    RecordCase,
)
from forums.services.journal import DEFAULT_ACCESS
from portfolio.models import Ministry

EXEMPT_SHARE = 0.15  # about one document in seven: internal preparation, negotiations
PARTLY_SHARE = 0.05
BASES = ["offl-14-1", "offl-15-2", "offl-23-1"]


Document = tuple[datetime.datetime | None, str, Proposal | Meeting, dict[str, Any]]


def _documents(forum: Forum) -> list[Document]:
    """(registered at, title, case owner, document link) of each final document of the forum."""
    found: list[Document] = []
    # Only what was sent out: a proposal withdrawn before it was opened has no date to register.
    versions = ProposalVersion.objects.filter(
        proposal__forum=forum, proposal__opened_at__isnull=False
    ).exclude(proposal__status=Proposal.Status.DRAFT)
    for version in versions.select_related("proposal"):
        proposal = version.proposal
        title = f"{proposal.register_number} {version.title} (v{version.number})"
        link = {"kind": Record.Kind.PROPOSAL_VERSION, "proposal_version": version}
        found.append((proposal.opened_at, title, proposal, link))
    for meeting in Meeting.objects.filter(forum=forum, notice_sent_at__isnull=False):
        title = f"{forum.code}: {meeting.title} – innkalling og saksliste"
        found.append(
            (meeting.notice_sent_at, title, meeting, {"kind": "notice", "notice_of": meeting})
        )
    minutes = Minutes.objects.filter(meeting__forum=forum, status=Minutes.Status.APPROVED)
    for item in minutes.select_related("meeting"):
        title = f"{forum.code}: {item.meeting.title} – referat (v{item.version})"
        link = {"kind": Record.Kind.MINUTES, "minutes": item}
        found.append((item.approved_at, title, item.meeting, link))
    return sorted(found, key=lambda row: (row[0], row[1]))


def generate_records(*, rng: random.Random) -> str:
    """Register every final document that has no record yet, forum by forum."""
    results = [_generate_for(rng=rng, forum=forum) for forum in Forum.objects.order_by("code")]
    total = sum(count for count, _ in results)
    marks: dict[str, int] = defaultdict(int)
    for _, counted in results:
        for access, count in counted.items():
            marks[access] += count
    summary = ", ".join(f"{count} {access}" for access, count in sorted(marks.items()))
    return f"{total} journal entries ({summary})"


def _generate_for(*, rng: random.Random, forum: Forum) -> tuple[int, dict[str, int]]:
    recipients = list(Ministry.objects.filter(forum_seats__forum=forum).distinct())
    bases = list(LegalBasis.objects.filter(code__in=BASES).order_by("code"))
    counters = {c.year: c for c in CaseCounter.objects.all()}
    cases: dict[tuple[str, int], RecordCase] = {}
    records: list[Record] = []
    marks: dict[str, int] = defaultdict(int)
    for when, title, owner, link in _documents(forum):
        if Record.objects.filter(**{k: v for k, v in link.items() if k != "kind"}).exists():
            continue
        day = timezone.localtime(when).date()
        counter = counters.get(day.year) or CaseCounter.objects.create(year=day.year)
        counters[day.year] = counter
        owner_field = "proposal" if isinstance(owner, Proposal) else "meeting"
        key = (owner_field, owner.pk)
        if key not in cases:
            counter.last_number += 1
            cases[key] = RecordCase.objects.create(
                **{owner_field: owner},
                title=str(owner.title)[:200],
                year=day.year,
                number=counter.last_number,
            )
        case = cases[key]
        case.last_document += 1
        counter.last_entry += 1
        access = DEFAULT_ACCESS[link["kind"]]
        draw = rng.random()
        if bases and draw < EXEMPT_SHARE + PARTLY_SHARE:
            access = Access.EXEMPT if draw < EXEMPT_SHARE else Access.PARTLY_EXEMPT
        restricted = access != Access.PUBLIC
        records.append(
            Record(
                **link,
                case=case,
                title=title[:250],
                access=access,
                legal_basis=rng.choice(bases) if restricted else None,
                screened_title="Skjermet: intern saksforberedelse"
                if restricted and rng.random() < 0.5
                else "",
                journal_year=day.year,
                journal_sequence=counter.last_entry,
                document_sequence=case.last_document,
                document_number=f"{case.case_number}-{case.last_document}",
                registered_at=when,
                registered_on=day,
                sender=forum.secretariat,
            )
        )
        marks[access] += 1
    Record.objects.bulk_create(records, batch_size=1000)
    RecordCase.objects.bulk_update(list(cases.values()), ["last_document"], batch_size=1000)
    CaseCounter.objects.bulk_update(list(counters.values()), ["last_number", "last_entry"])
    through = Record.recipients.through
    through.objects.bulk_create(
        [through(record_id=r.pk, ministry_id=m.pk) for r in records for m in recipients],
        batch_size=5000,
    )
    return len(records), marks
