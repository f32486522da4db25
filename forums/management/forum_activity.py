"""The rows of `manage.py generate_forum_activity`: one generated year of forum work.

See the command for what a year holds. Rows are bulk-inserted with their field history
(channel "system"), not written through the services: this is test data, not domain events.
"""

import datetime
import hashlib
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from forums.models import (
    AgendaCounter,
    AgendaItem,
    Forum,
    Meeting,
    Minutes,
    MinutesEntry,
    Position,
    PositionChange,
    PositionChoice,
    Proposal,
    ProposalVersion,
    RegisterCounter,
)
from measures.management.commands.generate_portfolio import TOPICS
from measures.models import Measure
from portfolio import roles
from portfolio.models import Ministry

MEETINGS_PER_YEAR = 5
ITEMS_PER_MEETING = 8
PROPOSALS_PER_YEAR = 15
HISTORY = {"custom_historical_attrs": {"history_channel": "system"}, "batch_size": 1000}


class Generation:
    """One run of the command: the choices it makes and the rows it inserts."""

    def __init__(self, *, rng, scale, coordinator, strategic, participants, now=None):
        self.rng = rng
        self.scale = scale
        self.coordinator = coordinator
        self.strategic = strategic
        self.participants = participants
        self.now = now or timezone.now()
        self.signers = self._signers(participants)
        self.measures = list(Measure.objects.order_by("code").values_list("pk", flat=True))

    def _signers(self, ministries) -> dict[int, object]:
        """Who records each ministry's position: a user of that ministry, else the coordinator."""
        users = (
            get_user_model()
            .objects.filter(profile__ministry__in=ministries, groups__name=roles.ADMIN_HEAD)
            .select_related("profile")
            .order_by("username")
        )
        signers: dict[int, Any] = {}
        for user in users:
            signers.setdefault(user.profile.ministry_id, user)
        return {m.pk: signers.get(m.pk, self.coordinator) for m in ministries}

    # Meetings, agenda items and minutes.

    def meetings(self) -> str:
        # Strategisk forum and the service forums, as before core groups met as forums: the
        # volumes below are theirs.
        forums = list(Forum.objects.exclude(kind=Forum.Kind.CORE_GROUP).order_by("code"))
        count = MEETINGS_PER_YEAR * self.scale
        start = self.now - datetime.timedelta(days=182)
        step = datetime.timedelta(days=364) / count
        meetings = []
        for index in range(count):
            starts = (start + step * index).replace(minute=0, second=0, microsecond=0)
            forum = forums[index % len(forums)]
            held = starts < self.now
            meetings.append(
                Meeting(
                    forum=forum,
                    year=timezone.localtime(starts).year,
                    title=f"{forum.name_nb} {timezone.localtime(starts):%d.%m.%Y}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place="Akersgata 59, møterom 1",
                    status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                    notice_sent_at=starts - datetime.timedelta(days=14) if held else None,
                )
            )
        meetings = bulk_create_with_history(meetings, Meeting, **HISTORY)
        items = self._agenda_items(meetings)
        minutes, entries = self._minutes(meetings, items)
        return (
            f"{len(meetings)} meetings, {len(items)} agenda items, {minutes} minutes "
            f"with {entries} entries"
        )

    def _agenda_items(self, meetings: list[Meeting]) -> list[AgendaItem]:
        numbers: dict[tuple[int, int], int] = {}
        items = []
        for meeting in meetings:
            key = (meeting.forum_id, meeting.year)
            if key not in numbers:
                counter, _ = AgendaCounter.objects.get_or_create(
                    forum_id=meeting.forum_id, year=meeting.year
                )
                numbers[key] = counter.last_number
            for index in range(ITEMS_PER_MEETING):
                numbers[key] += 1
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        forum_id=meeting.forum_id,
                        year=meeting.year,
                        number=numbers[key],
                        title=f"{self.rng.choice(TOPICS)} ({index + 1})",
                        description="Orientering og drøfting.",
                        presenter="Sekretariatet",
                    )
                )
        for (forum_id, year), last in numbers.items():
            AgendaCounter.objects.filter(forum_id=forum_id, year=year).update(last_number=last)
        items = bulk_create_with_history(items, AgendaItem, **HISTORY)
        if self.measures:
            through = AgendaItem.measures.through
            through.objects.bulk_create(
                [
                    through(agendaitem_id=item.pk, measure_id=self.rng.choice(self.measures))
                    for item in items
                    if self.rng.random() < 0.5
                ],
                batch_size=1000,
            )
        return items

    def _minutes(self, meetings: list[Meeting], items: list[AgendaItem]) -> tuple[int, int]:
        """Minutes of every meeting held: the newest in draft, then in review, then approved."""
        held = sorted(
            (m for m in meetings if m.status == Meeting.Status.HELD),
            key=lambda m: m.starts_at,
            reverse=True,
        )
        fresh = max(1, len(held) // 10)  # about the last 2-3 weeks of meetings at any scale
        minutes = []
        for index, meeting in enumerate(held):
            state = (
                Minutes.Status.DRAFT
                if index < fresh
                else Minutes.Status.REVIEW
                if index < 2 * fresh
                else Minutes.Status.APPROVED
            )
            summary = f"Referat fra {meeting.title}."
            approved = state == Minutes.Status.APPROVED
            minutes.append(
                Minutes(
                    meeting=meeting,
                    status=state,
                    summary=summary,
                    created_by=self.coordinator,
                    review_ends_on=(meeting.starts_at + datetime.timedelta(days=21)).date()
                    if state != Minutes.Status.DRAFT
                    else None,
                    approved_by=self.coordinator if approved else None,
                    approved_at=meeting.starts_at + datetime.timedelta(days=28)
                    if approved
                    else None,
                    # No PDF is stored for generated minutes: the page renders it on demand.
                    pdf_sha256=hashlib.sha256(summary.encode()).hexdigest() if approved else "",
                )
            )
        minutes = bulk_create_with_history(minutes, Minutes, **HISTORY)
        approved_meetings = [m.meeting_id for m in minutes if m.status == Minutes.Status.APPROVED]
        Meeting.objects.filter(pk__in=approved_meetings).update(
            status=Meeting.Status.MINUTES_APPROVED
        )
        items_of = defaultdict(list)
        for item in items:
            items_of[item.meeting_id].append(item)
        owners = [m.pk for m in self.participants]
        entries = []
        for record in minutes:
            for item in items_of[record.meeting_id]:
                follow_up = self.rng.random() < 0.25
                entries.append(
                    MinutesEntry(
                        minutes=record,
                        agenda_item=item,
                        kind=MinutesEntry.Kind.FOLLOW_UP
                        if follow_up
                        else self.rng.choice(
                            [MinutesEntry.Kind.CONCLUSION, MinutesEntry.Kind.INFORMATION]
                        ),
                        text="Forumet sluttet seg til tilrådingen.",
                        owner_ministry_id=self.rng.choice(owners) if follow_up else None,
                        due_date=(record.meeting.starts_at + datetime.timedelta(days=90)).date()
                        if follow_up
                        else None,
                    )
                )
        bulk_create_with_history(entries, MinutesEntry, **HISTORY)
        return len(minutes), len(entries)

    # Proposals and positions.

    def proposals(self) -> str:
        plan = self._plan()
        numbers: dict[int, int] = {}
        proposals, answers = [], []
        for status, opened, deadline in plan:
            year = timezone.localtime(opened).year
            if year not in numbers:
                counter, _ = RegisterCounter.objects.get_or_create(forum=self.strategic, year=year)
                numbers[year] = counter.last_number
            numbers[year] += 1
            closed = status in Proposal.CLOSED_STATUSES
            answering = self._answering(status, deadline)
            answers.append(answering)
            objecting = []
            if status == Proposal.Status.NOT_ENDORSED:
                objecting = [self.rng.choice(answering).abbreviation]
            proposals.append(
                Proposal(
                    forum=self.strategic,
                    year=year,
                    number=numbers[year],
                    title=f"{self.rng.choice(TOPICS)}: forslag {numbers[year]}",
                    text="Forumet inviteres til å slutte seg til forslaget.",
                    deadline=deadline,
                    status=status,
                    created_by=self.coordinator,
                    opened_at=None if status == Proposal.Status.DRAFT else opened,
                    closed_at=min(deadline, self.now) if closed else None,
                    objecting=objecting,
                )
            )
        for year, last in numbers.items():
            RegisterCounter.objects.filter(forum=self.strategic, year=year).update(last_number=last)
        proposals = bulk_create_with_history(proposals, Proposal, **HISTORY)
        bulk_create_with_history(
            [
                ProposalVersion(
                    proposal=p, number=1, title=p.title, text=p.text, created_by=self.coordinator
                )
                for p in proposals
            ],
            ProposalVersion,
            **HISTORY,
        )
        positions = self._positions(proposals, answers)
        by_status: dict[str, int] = defaultdict(int)
        for proposal in proposals:
            by_status[proposal.status] += 1
        due = sum(
            1
            for p in proposals
            if p.status == Proposal.Status.CONSULTATION and p.deadline <= self.now
        )
        states = ", ".join(f"{count} {status}" for status, count in sorted(by_status.items()))
        return f"{len(proposals)} proposals ({states}; {due} due) with {positions} positions"

    def _plan(self) -> list[tuple[str, datetime.datetime, datetime.datetime]]:
        """(status, opened, deadline) of each proposal, oldest first."""
        total = PROPOSALS_PER_YEAR * self.scale
        due, waiting, drafts = 2 * self.scale, self.scale, max(1, self.scale // 2)
        closed = max(0, total - due - waiting - drafts)
        day = datetime.timedelta(days=1)
        plan = []
        for index in range(closed):
            opened = self.now - 365 * day + (300 * day) * index / max(1, closed)
            status = self.rng.choices(
                [Proposal.Status.ENDORSED, Proposal.Status.NOT_ENDORSED, Proposal.Status.WITHDRAWN],
                weights=[82, 15, 3],
            )[0]
            plan.append((status, opened, opened + 21 * day))
        for index in range(due):
            opened = self.now - 40 * day + (30 * day) * index / due
            plan.append((Proposal.Status.CONSULTATION, opened, opened + 7 * day))
        for index in range(waiting):
            opened = self.now - 10 * day + (9 * day) * index / waiting
            plan.append((Proposal.Status.CONSULTATION, opened, opened + 30 * day))
        for _index in range(drafts):
            plan.append((Proposal.Status.DRAFT, self.now - day, self.now + 45 * day))
        return plan

    def _positions(self, proposals: list[Proposal], answers: list[list[Ministry]]) -> int:
        """The positions of `answers`, one list of answering ministries per proposal."""
        through = Proposal.participants.through
        through.objects.bulk_create(
            [
                through(proposal_id=p.pk, ministry_id=m.pk)
                for p in proposals
                if p.status != Proposal.Status.DRAFT
                for m in self.participants
            ],
            batch_size=2000,
        )
        positions = []
        for proposal, answering in zip(proposals, answers, strict=True):
            for ministry in answering:
                recorded = min(
                    (proposal.opened_at or self.now) + datetime.timedelta(days=3), self.now
                )
                if ministry.abbreviation in proposal.objecting:
                    choice, reason = PositionChoice.OBJECT, "Forslaget bør utredes nærmere."
                else:
                    choice = self.rng.choices(
                        [PositionChoice.ENDORSE, PositionChoice.STAND_ASIDE], weights=[9, 1]
                    )[0]
                    reason = ""
                positions.append(
                    Position(
                        proposal=proposal,
                        version=1,
                        ministry=ministry,
                        position=choice,
                        reason=reason,
                        recorded_by=self.signers[ministry.pk],
                        recorded_at=recorded,
                    )
                )
        bulk_create_with_history(positions, Position, **HISTORY)
        bulk_create_with_history(
            [
                PositionChange(
                    proposal_id=p.proposal_id,
                    version=p.version,
                    ministry_id=p.ministry_id,
                    kind=PositionChange.Kind.RECORDED,
                    position=p.position,
                    reason=p.reason,
                    recorded_by=p.recorded_by,
                    recorded_at=p.recorded_at,
                )
                for p in positions
            ],
            PositionChange,
            **HISTORY,
        )
        return len(positions)

    def _answering(self, status: str, deadline: datetime.datetime) -> list[Ministry]:
        """Every participant of a closed or due proposal has answered; one that waits has up
        to two thirds of the answers; drafts and withdrawn ones have none."""
        if status in (Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN):
            return []
        if status == Proposal.Status.CONSULTATION and deadline > self.now:
            most = len(self.participants) * 2 // 3
            return self.rng.sample(self.participants, self.rng.randint(0, most))
        return list(self.participants)
