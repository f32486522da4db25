"""The rows of the evaluation package's tables, one iterator per table.

Their columns are described in portfolio/evaluation/schema.py. They iterate over the database
in chunks, so that a large portfolio is written without holding it in memory.
"""

from collections.abc import Iterator

from django.db.models import Count, QuerySet

from measures.models import Measure
from portfolio.evaluation.scope import Scope

CHUNK = 2000


def scope_measures(scope: Scope) -> QuerySet[Measure]:
    """Measures carry no strategy of their own: they belong to it through its target areas."""
    return Measure.objects.filter(target_areas__strategy=scope.strategy).distinct()


def _codes(objects) -> str:
    return ";".join(sorted(obj.code for obj in objects))


def measures_rows(scope: Scope) -> Iterator[list]:
    measures = (
        scope_measures(scope)
        .select_related("lead_ministry")
        .prefetch_related("target_areas")
        .order_by("position", "code")
    )
    for m in measures.iterator(chunk_size=CHUNK):
        yield [
            m.code,
            m.name_nb,
            m.name_en,
            m.lead_ministry.abbreviation,
            _codes(m.target_areas.all()),
            m.status,
        ]


def status_reports_rows(scope: Scope) -> Iterator[list]:
    from measures.models import StatusReport

    reports = (
        StatusReport.objects.filter(measure__in=scope_measures(scope), period__year__in=scope.years)
        .select_related("measure", "period", "ministry")
        .order_by("measure__code", "period__year", "period__sequence")
    )
    for r in reports.iterator(chunk_size=CHUNK):
        yield [
            r.measure.code,
            str(r.period),
            r.period.year,
            r.period.sequence,
            r.rag,
            r.confidence,
            r.progress,
            r.schedule,
            r.cost,
            r.risk,
            r.confidence_rationale,
            r.ministry.abbreviation,
        ]


def assessments_rows(scope: Scope) -> Iterator[list]:
    from measures.models import CriteriaAssessment

    rows = (
        CriteriaAssessment.objects.filter(
            measure__in=scope_measures(scope),
            criterion__strategy=scope.strategy,
            period__year__in=scope.years,
        )
        .select_related("measure", "criterion", "ministry", "period")
        .order_by("measure__code", "period__year", "period__sequence", "criterion__code", "id")
    )
    for a in rows.iterator(chunk_size=CHUNK):
        yield [
            a.measure.code,
            str(a.period),
            a.criterion.code,
            a.ministry.abbreviation,
            a.score,
            a.comment,
        ]


def milestones_rows(scope: Scope) -> Iterator[list]:
    from measures.models import Milestone

    rows = Milestone.objects.filter(measure__in=scope_measures(scope)).select_related("measure")
    for m in rows.order_by("measure__code", "planned_on", "id").iterator(chunk_size=CHUNK):
        yield [m.measure.code, m.title, m.planned_on, m.forecast_on, m.actual_on]


def risks_rows(scope: Scope) -> Iterator[list]:
    from measures.models import Risk

    rows = Risk.objects.filter(measure__in=scope_measures(scope)).select_related(
        "measure", "owner_ministry"
    )
    for r in rows.order_by("measure__code", "id").iterator(chunk_size=CHUNK):
        yield [
            r.measure.code,
            r.title,
            r.probability,
            r.impact,
            r.owner_ministry.abbreviation,
            r.status,
            r.response,
        ]


def benefits_rows(scope: Scope) -> Iterator[list]:
    from measures.models import Benefit

    rows = Benefit.objects.filter(measure__in=scope_measures(scope)).select_related("measure")
    for b in rows.order_by("measure__code", "id").iterator(chunk_size=CHUNK):
        yield [
            b.measure.code,
            b.title,
            b.indicator,
            b.unit,
            float(b.baseline),
            float(b.target),
            b.target_on,
        ]


def proposals_in(scope: Scope):
    from forums.models import Proposal

    return Proposal.objects.filter(year__in=scope.years)


def proposals_rows(scope: Scope) -> Iterator[list]:
    rows = (
        proposals_in(scope)
        .select_related("forum")
        .prefetch_related("measures")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("year", "forum__code", "number")
    )
    for p in rows.iterator(chunk_size=CHUNK):
        yield [
            p.register_number,
            p.forum.code,
            p.year,
            p.title,
            p.status,
            p.silent_consent,
            p.version_count,
            p.opened_at,
            p.deadline,
            p.closed_at,
            _codes(p.measures.all()),
        ]


def positions_rows(scope: Scope) -> Iterator[list]:
    from forums.models import Position

    rows = (
        Position.objects.filter(proposal__in=proposals_in(scope))
        .select_related("proposal__forum", "ministry")
        .order_by("proposal__year", "proposal__forum__code", "proposal__number", "version", "id")
    )
    for p in rows.iterator(chunk_size=CHUNK):
        yield [
            p.proposal.register_number,
            p.version,
            p.ministry.abbreviation,
            p.position,
            p.recorded_at,
            p.recorded_at <= p.proposal.deadline,
            p.withdrawn_at is None,
        ]


def meetings_in(scope: Scope):
    from forums.models import Meeting

    return Meeting.objects.filter(year__in=scope.years)


def meetings_rows(scope: Scope) -> Iterator[list]:
    rows = (
        meetings_in(scope)
        .select_related("forum")
        .prefetch_related("attendance__ministry")
        .order_by("starts_at", "id")
    )
    for m in rows.iterator(chunk_size=CHUNK):
        attendance = sorted(m.attendance.all(), key=lambda a: a.ministry.abbreviation)
        counts = {status: 0 for status in ("present", "deputy", "absent")}
        for row in attendance:
            counts[row.status] += 1
        yield [
            m.pk,
            m.forum.code,
            m.year,
            m.title,
            m.starts_at,
            m.status,
            counts["present"],
            counts["deputy"],
            counts["absent"],
            ";".join(f"{a.ministry.abbreviation}={a.status}" for a in attendance),
        ]


def minutes_rows(scope: Scope) -> Iterator[list]:
    from forums.models import Minutes

    rows = (
        Minutes.objects.filter(meeting__in=meetings_in(scope))
        .select_related("meeting__forum")
        .annotate(entry_count=Count("entries"))
        .order_by("meeting__starts_at", "version")
    )
    for m in rows.iterator(chunk_size=CHUNK):
        yield [
            m.pk,
            m.meeting_id,
            m.meeting.forum.code,
            m.version,
            m.status,
            m.approved_at,
            m.corrects_id,
            m.entry_count,
        ]


def follow_up_actions_rows(scope: Scope) -> Iterator[list]:
    # Follow-up actions are the minutes' entries of that kind: the portal has no other record.
    from forums.models import MinutesEntry

    rows = (
        MinutesEntry.objects.filter(
            minutes__meeting__in=meetings_in(scope), kind=MinutesEntry.Kind.FOLLOW_UP
        )
        .select_related("minutes__meeting__forum", "owner_ministry")
        .order_by("minutes__meeting__starts_at", "id")
    )
    for e in rows.iterator(chunk_size=CHUNK):
        yield [
            e.pk,
            e.minutes_id,
            e.minutes.meeting.forum.code,
            e.text,
            e.owner_ministry.abbreviation if e.owner_ministry_id else "",
            e.due_date,
        ]
