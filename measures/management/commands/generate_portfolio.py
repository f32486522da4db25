"""manage.py generate_portfolio: a realistic synthetic portfolio for demos and benchmarks.

The portfolio ends up with N measures: the real ones from the reference data plus synthetic
measures (codes S0001, …) led by all ministries. Every measure without reports gets P periods
of status reports, risks, milestones, assessments (coordinator and several ministries) and a
benefit with measurements. Synthetic measures from an earlier run are replaced.

Rows are bulk-inserted, not written through the services: this is test data, not domain
events, and per-row services with audit events would take minutes at 100×. Their field
history is bulk-inserted alongside (`bulk_create_with_history`), on the `system` channel
and without a user, so the history tabs and the rule "every row has its history" hold for
generated data too. (The target areas of synthetic measures are set in bulk afterwards and
are not in the measures' many-to-many history.)
Refused while DEBUG is off unless --force, like seed_demo.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measures.follow_up_summary import follow_up_refresh
from measures.models import (
    Benefit,
    BenefitMeasurement,
    CriteriaAssessment,
    Measure,
    MeasureDependency,
    Milestone,
    Rag,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from portfolio.audit_context import audit_channel
from portfolio.caching import data_changed
from portfolio.evaluation import spread
from portfolio.history import history_actor
from portfolio.models import Criterion, TargetArea
from portfolio.selectors import coordinating_ministry, owner_ministries

PREFIX = "S"
TOPICS = [
    "Felles digital arbeidsflate",
    "Kompetanseprogram for ledere",
    "Samordnet innkjøp av skytjenester",
    "Felles rekrutteringsløsning",
    "Arkivering i skyen",
    "Tverrdepartementalt analysemiljø",
    "Felles informasjonssikkerhet",
    "Mobilitetsprogram for ansatte",
    "Felles plattform for høringer",
    "Styring av felles IKT-kostnader",
    "Kunnskapsgrunnlag for klimatiltak",
    "Felles opplæring i KI",
]
MILESTONES = ["Forprosjekt ferdig", "Anskaffelse gjennomført", "Pilot i drift", "Evaluering"]
RISKS = [
    "Forsinket leveranse fra leverandør",
    "Manglende finansiering",
    "Uklar ansvarsdeling",
    "Lav brukeroppslutning",
    "Mangel på nøkkelkompetanse",
]
PERIODS_PER_YEAR = 3


def period_slots(count: int, today: datetime.date) -> list[tuple[int, int]]:
    """The `count` (year, sequence) slots up to and including today's tertial, oldest first."""
    year, sequence = today.year, (today.month - 1) // 4 + 1
    slots = []
    for _ in range(count):
        slots.append((year, sequence))
        year, sequence = (year - 1, PERIODS_PER_YEAR) if sequence == 1 else (year, sequence - 1)
    return slots[::-1]


class Command(BaseCommand):
    help = "Generate a synthetic portfolio: --measures N in total, --periods P of reports."

    def add_arguments(self, parser):
        parser.add_argument("--measures", type=int, default=70)
        parser.add_argument("--periods", type=int, default=6)
        parser.add_argument("--seed", type=int, default=2027)
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument(
            "--strategy",
            help="Fill the reporting periods of a strategy's years, e.g. 2021-2025 "
            "(instead of --periods up to today).",
        )

    def handle(self, *args, measures: int, periods: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to generate data while DEBUG is off; use --force.")
        self.today = timezone.localdate()
        if options.get("strategy"):
            scope = spread.strategy_scope(options["strategy"])
            self.today, periods = spread.last_day(scope), spread.period_count(scope)
        if measures < 1 or periods < 1:
            raise CommandError("--measures and --periods must be at least 1.")
        coordinator = coordinating_ministry()
        ministries = list(owner_ministries().order_by("abbreviation"))
        areas = list(TargetArea.objects.all())
        criteria = list(Criterion.objects.order_by("code"))
        if coordinator is None or not ministries or not areas:
            raise CommandError("Load the reference data first: manage.py load_reference_data.")
        rng = random.Random(seed)
        with transaction.atomic(), audit_channel("system"), history_actor(None):
            made = self._generate(rng, measures, periods, coordinator, ministries, areas, criteria)
            # Bulk inserts bypass the services: refresh the read model and the cached pages.
            follow_up_refresh()
            data_changed()
        self.stdout.write(self.style.SUCCESS(made))

    def _generate(self, rng, total, period_count, coordinator, ministries, areas, criteria):
        today = self.today
        Measure.objects.filter(code__startswith=PREFIX, code__regex=r"^S[0-9]+$").delete()
        real = Measure.objects.count()
        new = [
            Measure(
                code=f"{PREFIX}{i:04d}",
                position=100 + i,
                name_nb=f"{rng.choice(TOPICS)} {i}",
                name_en=f"Synthetic measure {i}",
                lead_ministry=ministries[i % len(ministries)],
                status=rng.choices(Measure.Status.values, weights=[1, 1, 2, 8, 1, 1], k=1)[0],
            )
            for i in range(1, max(0, total - real) + 1)
        ]
        bulk_create_with_history(new, Measure, batch_size=500)
        new = list(Measure.objects.filter(code__in=[m.code for m in new]))
        through = Measure.target_areas.through
        through.objects.bulk_create(
            [
                through(measure_id=m.pk, targetarea_id=area.pk)
                for m in new
                for area in rng.sample(areas, rng.choice([1, 1, 2]))
            ],
            batch_size=1000,
        )
        deps = [
            MeasureDependency(measure=m, depends_on=new[i - 1], description="Bygger på leveranser")
            for i, m in enumerate(new)
            if i and rng.random() < 0.15
        ]
        bulk_create_with_history(deps, MeasureDependency)

        slots = period_slots(period_count, today)
        periods = []
        for index, (year, sequence) in enumerate(slots):
            month = (sequence - 1) * 4 + 1
            starts = datetime.date(year, month, 1)
            ends = datetime.date(
                year + (month + 4 > 12), (month + 3) % 12 + 1, 1
            ) - datetime.timedelta(days=1)
            last = index == len(slots) - 1
            period, _ = ReportingPeriod.objects.get_or_create(
                year=year,
                sequence=sequence,
                defaults={
                    "starts_on": starts,
                    "ends_on": ends,
                    "due_on": ends + datetime.timedelta(days=14),
                    "meeting": f"Strategisk forum {year}/{sequence}",
                    "status": ReportingPeriod.Status.OPEN
                    if last
                    else ReportingPeriod.Status.CLOSED,
                    "closed_at": None if last else timezone.now(),
                },
            )
            periods.append(period)

        subjects = list(
            Measure.objects.filter(reports__isnull=True).select_related("lead_ministry")
        )
        reports, risks, milestones, assessments, benefits = [], [], [], [], []
        rags = [Rag.GREEN, Rag.AMBER, Rag.RED]
        for measure in subjects:
            level = rng.choice([0, 0, 1, 1, 2])
            for period in periods:
                level = max(0, min(2, level + rng.choice([-1, 0, 0, 0, 1])))
                rag = rags[level]
                reports.append(
                    StatusReport(
                        period=period,
                        measure=measure,
                        rag=rag,
                        confidence=["high", "medium", "low"][level],
                        confidence_rationale="Vurdert ut fra framdrift og ressurser.",
                        progress=rag,
                        schedule=rng.choice(rags),
                        cost=rng.choice(rags[:2]),
                        risk=rng.choice(rags),
                        achievements="Leveranser i perioden er gjennomført som planlagt.",
                        next_steps="Neste fase forberedes.",
                        help_needed=""
                        if rag != Rag.RED
                        else "Behov for avklaring i Strategisk forum.",
                        ministry=measure.lead_ministry,
                    )
                )
            for n in range(rng.randint(0, 4)):
                risks.append(
                    Risk(
                        measure=measure,
                        title=rng.choice(RISKS),
                        probability=rng.randint(1, 5),
                        impact=rng.randint(1, 5),
                        owner_ministry=rng.choice(ministries),
                        response="" if rng.random() < 0.3 else "Tiltak er iverksatt.",
                        status=Risk.Status.CLOSED if n == 3 else Risk.Status.OPEN,
                    )
                )
            for title in MILESTONES:
                planned = today + datetime.timedelta(days=rng.randint(-400, 700))
                reached = planned < today and rng.random() < 0.7
                milestones.append(
                    Milestone(
                        measure=measure,
                        title=title,
                        planned_on=planned,
                        forecast_on=None
                        if reached
                        else planned + datetime.timedelta(days=rng.choice([0, 0, 30, 90])),
                        actual_on=planned + datetime.timedelta(days=rng.randint(-10, 40))
                        if reached
                        else None,
                    )
                )
            assessors = [coordinator, *rng.sample(ministries, 3)]
            for ministry in {m.pk: m for m in assessors}.values():
                for criterion in criteria:
                    assessments.append(
                        CriteriaAssessment(
                            measure=measure,
                            criterion=criterion,
                            ministry=ministry,
                            period=periods[-1],
                            score=rng.randint(2, 5),
                        )
                    )
            baseline = Decimal(rng.randint(10, 60))
            benefits.append(
                Benefit(
                    measure=measure,
                    title="Sparte timer per år",
                    indicator="Timer spart i departementene",
                    unit="timer",
                    baseline=baseline,
                    target=baseline * 2,
                )
            )
        for model, rows in [
            (StatusReport, reports),
            (Risk, risks),
            (Milestone, milestones),
            (CriteriaAssessment, assessments),
            (Benefit, benefits),
        ]:
            bulk_create_with_history(rows, model, batch_size=1000)
        saved = Benefit.objects.filter(measure__in=subjects)
        bulk_create_with_history(
            [
                BenefitMeasurement(
                    benefit=benefit,
                    measured_on=period.ends_on,
                    value=benefit.baseline + Decimal(rng.randint(0, 20) * (i + 1)),
                )
                for benefit in saved
                for i, period in enumerate(periods)
            ],
            BenefitMeasurement,
            batch_size=1000,
        )
        return (
            f"Portfolio: {Measure.objects.count()} measures ({len(new)} synthetic), "
            f"{len(periods)} periods, {len(reports)} reports, {len(risks)} risks, "
            f"{len(milestones)} milestones, {len(assessments)} assessments."
        )
