"""A working year for the demo: this year's meetings, reporting periods with reports for every
measure, proposals in every state, minutes in review with follow-up actions.

Every record goes through the services, as a person would make it. Titles start with "Demo:"
so that nobody takes them for real decisions. Safe to repeat: nothing is made twice.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Forum, Meeting, Proposal
from forums.services.meetings import agenda_item_create, meeting_mark_held
from forums.services.minutes import minutes_create, minutes_entry_add, minutes_submit
from forums.services.proposals import (
    position_record,
    proposal_close,
    proposal_create,
    proposal_open,
    proposal_withdraw,
)
from forums.services.wheel import wheel_materialise
from measures.models import Measure, ReportingPeriod
from measures.services.periods import period_close, period_open
from measures.services.reports import status_report_submit

DEMO = "Demo: "
RAGS = ["green", "amber", "green", "red", "green", "amber", "green"]


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _head_of(ministry):
    return _user(f"leder-{ministry.abbreviation.lower()}")


def demo_reporting(*, year: int) -> list[ReportingPeriod]:
    """Two periods of the year, the first closed; a report from every measure's lead in each."""
    coordinator, periods = _user("koordinator"), []
    for sequence, (start, end) in enumerate(((1, 6), (7, 12)), start=1):
        period = ReportingPeriod.objects.filter(year=year, sequence=sequence).first()
        if period is None:
            starts_on = datetime.date(year, start, 1)
            period = period_open(
                actor=coordinator,
                year=year,
                sequence=sequence,
                starts_on=starts_on,
                ends_on=datetime.date(year, end, 28),
                due_on=datetime.date(year, end, 28),
                meeting=f"{DEMO}Strategisk forum",
            )
        periods.append(period)
        for index, measure in enumerate(Measure.objects.order_by("position", "code")):
            if not period.is_open or measure.reports.filter(period=period).exists():
                continue
            rag = RAGS[(index + sequence) % len(RAGS)]
            status_report_submit(
                actor=_head_of(measure.lead_ministry),
                period=period,
                measure=measure,
                rag=rag,
                confidence="medium" if rag != "green" else "high",
                confidence_rationale=f"{DEMO}vurdering fra tiltakseier.",
                progress=rag,
                schedule="green",
                cost="amber" if rag == "red" else "green",
                risk="amber",
                achievements=f"{DEMO}det viktigste som ble levert i perioden.",
                next_steps=f"{DEMO}neste steg.",
                help_needed="",
            )
    if periods[0].is_open:
        period_close(actor=coordinator, period=periods[0])
    return periods


def demo_proposals() -> dict[str, Proposal]:
    """One proposal in each state: draft, in consultation, endorsed, not endorsed, withdrawn."""
    coordinator = _user("koordinator")
    made = {p.status: p for p in Proposal.objects.filter(title__startswith=DEMO)}
    if made:
        return made
    soon = timezone.now() + datetime.timedelta(days=14)

    def new(title: str) -> Proposal:
        return proposal_create(
            actor=coordinator, title=DEMO + title, text=f"{DEMO}{title}.", deadline=soon
        )

    new("Felles retningslinjer for kjernegrupper")
    opened = proposal_open(actor=coordinator, proposal=new("Felles anskaffelsesstrategi"))
    first = opened.participants.order_by("abbreviation")[0]
    position_record(actor=_head_of(first), proposal=opened, ministry=first, position="endorse")
    for title, objecting in (("Porteføljen neste år", None), ("Felles IKT-plattform", "FIN")):
        proposal = proposal_open(actor=coordinator, proposal=new(title))
        for ministry in proposal.participants.all():
            objects = ministry.abbreviation == objecting
            position_record(
                actor=_head_of(ministry),
                proposal=proposal,
                ministry=ministry,
                position="object" if objects else "endorse",
                reason=f"{DEMO}kostnadene er ikke avklart." if objects else "",
            )
        proposal_close(actor=coordinator, proposal=proposal)
    proposal_withdraw(actor=coordinator, proposal=new("Felles kantineordning"))
    return {p.status: p for p in Proposal.objects.filter(title__startswith=DEMO)}


def demo_minutes_in_review(*, forum: Forum) -> Meeting | None:
    """The year's last meeting held so far, its minutes in review with follow-up actions."""
    meeting = (
        forum.meetings.filter(starts_at__lte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if meeting is None or meeting.minutes.exists():
        return meeting
    secretariat = _user("sekretariat")
    item = agenda_item_create(
        actor=secretariat, meeting=meeting, title=f"{DEMO}Status for tiltakene"
    )
    meeting = meeting_mark_held(actor=secretariat, meeting=meeting)
    minutes = minutes_create(actor=secretariat, meeting=meeting)
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=item,
        kind="conclusion",
        text=f"{DEMO}Forumet tok statusrapportene til orientering.",
    )
    for abbreviation, text in (("FIN", "Oppdatere gevinstplanen"), ("DFD", "Legge fram IKT-plan")):
        minutes_entry_add(
            actor=secretariat,
            minutes=minutes,
            agenda_item=item,
            kind="follow_up_action",
            text=f"{DEMO}{text}.",
            owner_ministry=forum.seats.get(ministry__abbreviation=abbreviation).ministry,
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
    minutes_submit(actor=secretariat, minutes=minutes)
    return meeting


def seed_demo_year(*, forum: Forum) -> None:
    year = timezone.localdate().year
    wheel_materialise(actor=_user("sekretariat"), forum=forum, year=year)
    if not forum.meetings.filter(starts_at__lte=timezone.now()).exists():
        # Early in the year nothing has been held yet: last year's meetings have minutes.
        wheel_materialise(actor=_user("sekretariat"), forum=forum, year=year - 1)
    demo_reporting(year=year)
    demo_proposals()
    demo_minutes_in_review(forum=forum)
