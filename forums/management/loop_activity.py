"""Generated justering and follow-up for `generate_forum_activity`: attendance, each attending
ministry's answer on the minutes, change requests, and follow-up actions in every state.

Works on the minutes whose meeting has no attendance yet (those the same run just made), with
bulk inserts and field history (channel "system"), like the rest of the command.
"""

import datetime
from collections import defaultdict

from simple_history.utils import bulk_create_with_history

from forums.models import (
    Attendance,
    FollowUpAction,
    ForumSeat,
    Minutes,
    MinutesApproval,
    MinutesEntry,
    ReviewComment,
)

HISTORY = {"custom_historical_attrs": {"history_channel": "system"}, "batch_size": 1000}


def justering_and_follow_up(*, rng, now, coordinator) -> str:
    """Attendance, answers and change requests on the new minutes, and their actions."""
    minutes = list(
        Minutes.objects.filter(meeting__attendance__isnull=True)
        .select_related("meeting")
        .order_by("pk")
    )
    seats = defaultdict(list)
    for seat in ForumSeat.objects.values("forum_id", "ministry_id"):
        seats[seat["forum_id"]].append(seat["ministry_id"])
    _one_in_review_where_ministries_sit(minutes, seats, now)
    attendance, attending = [], defaultdict(list)
    for record in {record.meeting_id: record for record in minutes}.values():
        for ministry_id in seats[record.meeting.forum_id]:
            status = rng.choices(
                [Attendance.Status.PRESENT, Attendance.Status.DEPUTY, Attendance.Status.ABSENT],
                weights=[75, 10, 15],
            )[0]
            attendance.append(
                Attendance(meeting_id=record.meeting_id, ministry_id=ministry_id, status=status)
            )
            if status != Attendance.Status.ABSENT:
                attending[record.meeting_id].append(ministry_id)
    bulk_create_with_history(attendance, Attendance, **HISTORY)
    approvals = _approvals(rng, now, coordinator, minutes, attending)
    actions = _actions(rng, now, coordinator, minutes)
    return f"{len(attendance)} attendances, {approvals} answers, {actions} follow-up actions"


def _one_in_review_where_ministries_sit(minutes, seats, now) -> None:
    """At 1× the minutes in review may all be of a service forum (no seats, so no answers):
    then the newest approved minutes of a seated forum get a correction in review."""
    seated = [record for record in minutes if seats[record.meeting.forum_id]]
    if any(record.status == Minutes.Status.REVIEW for record in seated):
        return
    approved = [record for record in seated if record.status == Minutes.Status.APPROVED]
    if not approved:
        return
    original = max(approved, key=lambda item: item.meeting.starts_at)
    correction = Minutes.objects.create(
        meeting=original.meeting,
        version=original.version + 1,
        corrects=original,
        status=Minutes.Status.REVIEW,
        summary=original.summary,
        created_by=original.created_by,
        review_ends_on=(now + datetime.timedelta(days=5)).date(),
    )
    bulk_create_with_history(
        [
            MinutesEntry(
                minutes=correction,
                agenda_item_id=entry.agenda_item_id,
                kind=entry.kind,
                text=entry.text,
                owner_ministry_id=entry.owner_ministry_id,
                due_date=entry.due_date,
            )
            for entry in original.entries.order_by("pk")
        ],
        MinutesEntry,
        **HISTORY,
    )
    minutes.append(correction)


def _approvals(rng, now, coordinator, minutes, attending) -> int:
    answers, requests = [], []
    for record in minutes:
        if record.status == Minutes.Status.DRAFT:
            continue
        for ministry_id in attending[record.meeting_id]:
            if record.status == Minutes.Status.APPROVED:
                decision = rng.choices(["approve", None], weights=[85, 15])[0]
            else:
                decision = rng.choices(["approve", "request_changes", None], weights=[4, 2, 4])[0]
            answer = MinutesApproval(
                minutes=record,
                ministry_id=ministry_id,
                decision=decision,
                decided_by=coordinator if decision else None,
                decided_at=now if decision else None,
                comment="Punkt 2 bør presiseres." if decision == "request_changes" else "",
            )
            if decision == "request_changes":
                answered = rng.random() < 0.5
                requests.append(
                    ReviewComment(
                        minutes=record,
                        ministry_id=ministry_id,
                        author=coordinator,
                        kind=ReviewComment.Kind.CHANGE_REQUEST,
                        text=answer.comment,
                        answer="Rettet i punktet." if answered else "",
                        resolution=ReviewComment.Resolution.ACCEPTED if answered else "",
                        answered_by=coordinator if answered else None,
                        answered_at=now if answered else None,
                    )
                )
            answers.append(answer)
    requests = bulk_create_with_history(requests, ReviewComment, **HISTORY)
    waiting = iter(requests)
    for answer in answers:
        if answer.decision == "request_changes":
            answer.change_request = next(waiting)
    bulk_create_with_history(answers, MinutesApproval, **HISTORY)
    return len(answers)


def _actions(rng, now, coordinator, minutes) -> int:
    # The actions hang on the current version: not on minutes that a correction replaces.
    corrected = {record.corrects_id for record in minutes if record.corrects_id}
    seen = [
        record.pk
        for record in minutes
        if record.status != Minutes.Status.DRAFT and record.pk not in corrected
    ]
    entries = MinutesEntry.objects.filter(
        minutes_id__in=seen, kind=MinutesEntry.Kind.FOLLOW_UP
    ).order_by("pk")
    actions = []
    for entry in entries:
        if entry.owner_ministry_id is None:  # every follow-up entry has one; the type allows none
            continue
        state = rng.choices(
            [FollowUpAction.State.OPEN, FollowUpAction.State.DONE, FollowUpAction.State.CANCELLED],
            weights=[5, 3, 2],
        )[0]
        closed = state != FollowUpAction.State.OPEN
        actions.append(
            FollowUpAction(
                owner_ministry_id=entry.owner_ministry_id,
                due_date=entry.due_date or (now + datetime.timedelta(days=30)).date(),
                text=entry.text,
                state=state,
                minutes_entry=entry,
                account="Gjennomført som avtalt." if state == FollowUpAction.State.DONE else "",
                reason="Ikke lenger aktuelt." if state == FollowUpAction.State.CANCELLED else "",
                closed_by=coordinator if closed else None,
                closed_at=now if closed else None,
            )
        )
    bulk_create_with_history(actions, FollowUpAction, **HISTORY)
    return len(actions)
