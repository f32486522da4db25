"""Bad input to the follow-up pages and API of measures is refused, translated, and writes nothing."""

import datetime
from functools import partial
from types import SimpleNamespace

import pytest
from django.urls import reverse

from measures.models import CoreGroup, Measure
from measures.services.assessments import assessment_record
from measures.services.benefits import benefit_save
from measures.services.delivery import dependency_add, milestone_save, risk_save
from portfolio.models import Criterion
from tests.bad_input import (
    MISSING,
    UNKNOWN_PK,
    Choice,
    Day,
    Endpoint,
    Number,
    Ref,
    Text,
    Variant,
    check,
)
from tests.follow_up import REPORT, open_period, report, user
from tests.measures.bad_input_manage import ENDPOINTS as MANAGE

pytestmark = pytest.mark.django_db


def follow_up() -> SimpleNamespace:
    """An open period, and T5 (led by DFD) with a report, a milestone, a risk and a benefit."""
    period = open_period(2027, 1)
    measure = Measure.objects.select_related("lead_ministry").get(code="T5")
    lead = user("leder-dfd")
    return SimpleNamespace(
        period=period,
        measure=measure,
        report=report("T5", period),
        milestone=milestone_save(
            actor=lead, measure=measure, title="Pilot", planned_on=datetime.date(2027, 3, 1)
        ),
        risk=risk_save(
            actor=lead,
            measure=measure,
            title="Forsinkelse",
            description="",
            probability=2,
            impact=3,
            owner_ministry=measure.lead_ministry,
            response="",
            status="open",
        ),
        benefit=benefit_save(
            actor=lead,
            measure=measure,
            title="Spart tid",
            indicator="Timer per år",
            unit="t",
            baseline=0,
            target=100,
            target_on=None,
            description="",
        ),
        dependency=dependency_add(
            actor=lead, measure=measure, depends_on=Measure.objects.get(code="T6")
        ),
        group=CoreGroup.objects.get(code="KG1"),
    )


def follow_up_assessed() -> SimpleNamespace:
    """The follow-up data, and DFD's score of T5 against criterion B in the open period."""
    ctx = follow_up()
    ctx.assessment = assessment_record(
        actor=user("leder-dfd"),
        measure=ctx.measure,
        criterion=Criterion.objects.get(code="B"),
        period=ctx.period,
        score=3,
    )[0]
    return ctx


# Every endpoint here starts from the same follow-up data.
FollowUp = partial(Endpoint, setup=follow_up)

REPORT_KINDS = {
    "rag": Choice(),
    "risk": Choice(),
    "confidence_rationale": Text(4000),
    "achievements": Text(4000, required=False),
    "next_steps": Text(4000, required=False),
    "help_needed": Text(4000, required=False),
}
MILESTONE_KINDS = {
    "title": Text(200),
    "planned_on": Day(),
    "forecast_on": Day(required=False),
    "actual_on": Day(required=False),
}
RISK_KINDS = {
    "title": Text(200),
    "description": Text(4000, required=False),
    "probability": Number(),
    "impact": Number(),
    "response": Text(4000, required=False),
    "status": Choice(),
}
# The API's risk status defaults to open.
RISK_API_KINDS = {**RISK_KINDS, "status": Choice(required=False)}
PERIOD_KINDS = {
    "year": Number(),
    "sequence": Number(),
    "starts_on": Day(),
    "ends_on": Day(),
    "due_on": Day(),
    "meeting": Text(200, required=False),
}


def _period(**change) -> dict:
    return {
        "year": 2028,
        "sequence": 1,
        "starts_on": "2028-01-01",
        "ends_on": "2028-04-30",
        "due_on": "2028-05-15",
        "meeting": "SF 2028/2",
        **change,
    }


def _period_rules(ctx) -> list[Variant]:
    return [
        Variant("ends before it starts", "ends_on", {"ends_on": "2027-12-31"}),
        Variant("reports due before it starts", "due_on", {"due_on": "2027-12-01"}),
        Variant("number 0", "sequence", {"sequence": 0}),
        Variant("year 1999", "year", {"year": 1999}),
        Variant("year 2101", "year", {"year": 2101}),
        Variant("number already used", None, {"year": 2027, "sequence": 1}),
    ]


def _risk(ctx, *, api: bool) -> dict:
    owner = ctx.measure.lead_ministry
    return {
        "title": "Leverandør går konkurs",
        "description": "Én leverandør.",
        "probability": 2,
        "impact": 4,
        "owner_ministry": owner.abbreviation if api else owner.pk,
        "response": "Avtale med reserve.",
        "status": "open",
    }


def _score_rules(ctx) -> list[Variant]:
    return [Variant(f"score {n}", "probability", {"probability": n}) for n in (0, 6)]


def _benefit(ctx) -> dict:
    return {
        "title": "Færre timer",
        "indicator": "Timer per sak",
        "unit": "t",
        "baseline": "12.5",
        "target": "8",
        "target_on": "2028-12-31",
        "description": "Måles i saksbehandlingssystemet.",
    }


def _report_api(ctx) -> dict:
    return {**REPORT, "period": ctx.period.pk, "measure": "T5"}


def _measure_url(name: str, *extra):
    return lambda ctx: reverse(f"measures:{name}", args=[ctx.measure.code, *extra])


PAGES = [
    FollowUp(
        name="measures:period-create",
        user="koordinator",
        url=lambda ctx: reverse("measures:period-create"),
        valid=lambda ctx: _period(),
        fields=PERIOD_KINDS,
        extra=_period_rules,
    ),
    FollowUp(
        name="measures:period-close",
        user="koordinator",
        url=lambda ctx: reverse("measures:period-close", args=[ctx.period.pk]),
        unknown_urls=lambda ctx: [reverse("measures:period-close", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="measures:core-group-edit",
        user="koordinator",
        url=lambda ctx: reverse("measures:core-group-edit", args=[ctx.group.code]),
        valid=lambda ctx: {"mandate_nb": "Mandat.", "mandate_en": "Mandate.", "status": "active"},
        fields={
            "mandate_nb": Text(10_000, required=False),
            "mandate_en": Text(10_000, required=False),
            "status": Choice(),
        },
        unknown_urls=lambda ctx: [reverse("measures:core-group-edit", args=["KG99"])],
    ),
    FollowUp(
        name="measures:core-group-report",
        user="leder-bfd",
        url=lambda ctx: reverse("measures:core-group-report", args=[ctx.group.code, ctx.period.pk]),
        valid=lambda ctx: dict(REPORT),
        fields=REPORT_KINDS,
        unknown_urls=lambda ctx: [
            reverse("measures:core-group-report", args=[ctx.group.code, UNKNOWN_PK]),
            reverse("measures:core-group-report", args=["KG99", ctx.period.pk]),
        ],
    ),
    FollowUp(
        name="measures:report-edit",
        user="leder-dfd",
        url=lambda ctx: reverse("measures:report-edit", args=["T5", ctx.period.pk]),
        valid=lambda ctx: dict(REPORT),
        fields=REPORT_KINDS,
        unknown_urls=lambda ctx: [
            reverse("measures:report-edit", args=["T5", UNKNOWN_PK]),
            reverse("measures:report-edit", args=["T99", ctx.period.pk]),
        ],
    ),
    FollowUp(
        name="measures:assess",
        user="leder-dfd",
        url=_measure_url("assess"),
        valid=lambda ctx: {
            "score_A": 4,
            "score_B": 3,
            "score_C": 2,
            "comment_A": "Nyttig.",
            "comment_B": "",
            "comment_C": "",
        },
        fields={"score_A": Choice(), "comment_A": Text(4000, required=False)},
        extra=lambda ctx: [
            Variant("score 0", "score_B", {"score_B": 0}),
            Variant("score 6", "score_C", {"score_C": 6}),
        ],
        unknown_urls=lambda ctx: [reverse("measures:assess", args=["T99"])],
    ),
    FollowUp(
        name="measures:transition",
        user="koordinator",
        url=_measure_url("transition"),
        valid=lambda ctx: {
            "to_status": "completed",
            "decided_on": "2027-06-01",
            "note": "Levert.",
        },
        fields={
            "to_status": Choice(),
            "decided_on": Day(),
            "decision": Ref(required=False),
            "note": Text(4000, required=False),
        },
        extra=lambda ctx: [
            Variant("a move that is not allowed", "to_status", {"to_status": "proposed"})
        ],
        unknown_urls=lambda ctx: [reverse("measures:transition", args=["T99"])],
    ),
    FollowUp(
        name="measures:milestone-create",
        user="leder-dfd",
        url=_measure_url("milestone-create"),
        valid=lambda ctx: {"title": "Utrulling", "planned_on": "2027-09-01"},
        fields=MILESTONE_KINDS,
        unknown_urls=lambda ctx: [reverse("measures:milestone-create", args=["T99"])],
    ),
    FollowUp(
        name="measures:milestone-edit",
        user="leder-dfd",
        url=lambda ctx: reverse("measures:milestone-edit", args=["T5", ctx.milestone.pk]),
        valid=lambda ctx: {"title": "Pilot", "planned_on": "2027-03-01", "actual_on": "2027-03-02"},
        fields=MILESTONE_KINDS,
        unknown_urls=lambda ctx: [
            reverse("measures:milestone-edit", args=["T5", UNKNOWN_PK]),
            reverse("measures:milestone-edit", args=["T6", ctx.milestone.pk]),
        ],
    ),
    FollowUp(
        name="measures:risk-create",
        user="leder-dfd",
        url=_measure_url("risk-create"),
        valid=lambda ctx: _risk(ctx, api=False),
        fields={**RISK_KINDS, "owner_ministry": Ref()},
        extra=_score_rules,
    ),
    FollowUp(
        name="measures:risk-edit",
        user="leder-dfd",
        url=lambda ctx: reverse("measures:risk-edit", args=["T5", ctx.risk.pk]),
        valid=lambda ctx: _risk(ctx, api=False),
        fields={**RISK_KINDS, "owner_ministry": Ref()},
        unknown_urls=lambda ctx: [reverse("measures:risk-edit", args=["T5", UNKNOWN_PK])],
    ),
    FollowUp(
        name="measures:dependency-create",
        user="leder-dfd",
        url=_measure_url("dependency-create"),
        valid=lambda ctx: {
            "depends_on": Measure.objects.get(code="T7").pk,
            "description": "Trenger avtalen.",
        },
        fields={"depends_on": Ref(), "description": Text(1000, required=False)},
        extra=lambda ctx: [
            Variant("on itself", "depends_on", {"depends_on": ctx.measure.pk}),
            Variant("twice", None, {"depends_on": ctx.dependency.depends_on_id}),
        ],
    ),
    FollowUp(
        name="measures:benefit-create",
        user="leder-dfd",
        url=_measure_url("benefit-create"),
        valid=_benefit,
        fields={
            "title": Text(200),
            "indicator": Text(200),
            "unit": Text(40, required=False),
            "baseline": Number(decimal=True),
            "target": Number(decimal=True),
            "target_on": Day(required=False),
            "description": Text(4000, required=False),
        },
    ),
    FollowUp(
        name="measures:benefit-edit",
        user="leder-dfd",
        url=lambda ctx: reverse("measures:benefit-edit", args=["T5", ctx.benefit.pk]),
        valid=_benefit,
        fields={"title": Text(200), "target": Number(decimal=True), "target_on": Day(False)},
        unknown_urls=lambda ctx: [reverse("measures:benefit-edit", args=["T5", UNKNOWN_PK])],
    ),
    FollowUp(
        name="measures:benefit-measure",
        user="leder-dfd",
        url=lambda ctx: reverse("measures:benefit-measure", args=["T5", ctx.benefit.pk]),
        valid=lambda ctx: {"measured_on": "2027-05-01", "value": "10.5", "comment": "Første."},
        fields={
            "measured_on": Day(),
            "value": Number(decimal=True),
            "comment": Text(1000, required=False),
        },
        unknown_urls=lambda ctx: [reverse("measures:benefit-measure", args=["T5", UNKNOWN_PK])],
    ),
]

API = [
    FollowUp(
        name="reporting-period-list",
        user="koordinator",
        url=lambda ctx: reverse("reporting-period-list"),
        valid=lambda ctx: _period(),
        fields=PERIOD_KINDS,
        extra=_period_rules,
    ),
    FollowUp(
        name="reporting-period-close",
        user="koordinator",
        url=lambda ctx: reverse("reporting-period-close", args=[ctx.period.pk]),
        unknown_urls=lambda ctx: [reverse("reporting-period-close", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="status-report-list",
        user="leder-dfd",
        url=lambda ctx: reverse("status-report-list"),
        valid=_report_api,
        fields={
            **REPORT_KINDS,
            "period": Ref(),
            "measure": Ref(unknown="T99", required=False),
            "core_group": Ref(unknown="KG99", required=False),
        },
        extra=lambda ctx: [
            Variant("both a measure and a core group", "measure", {"core_group": "KG1"}),
            Variant("neither a measure nor a core group", "measure", {"measure": MISSING}),
        ],
    ),
    FollowUp(
        name="status-report-detail",
        method="PUT",
        user="leder-dfd",
        url=lambda ctx: reverse("status-report-detail", args=[ctx.report.pk]),
        valid=_report_api,
        fields=REPORT_KINDS,
        partial=True,
        unknown_urls=lambda ctx: [reverse("status-report-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="status-report-detail",
        method="PATCH",
        user="leder-dfd",
        url=lambda ctx: reverse("status-report-detail", args=[ctx.report.pk]),
        valid=lambda ctx: {"rag": "red"},
        fields=REPORT_KINDS,
        unknown_urls=lambda ctx: [reverse("status-report-detail", args=["abc"])],
    ),
    FollowUp(
        name="assessment-list",
        user="leder-dfd",
        url=lambda ctx: reverse("assessment-list"),
        valid=lambda ctx: {
            "measure": "T5",
            "criterion": "A",
            "period": ctx.period.pk,
            "score": 4,
            "comment": "Nyttig.",
        },
        fields={
            "measure": Ref(unknown="T99"),
            "criterion": Ref(unknown="Z"),
            "period": Ref(),
            "score": Number(),
            "comment": Text(4000, required=False),
        },
        extra=lambda ctx: [Variant(f"score {n}", "score", {"score": n}) for n in (0, 6)],
    ),
    Endpoint(
        name="assessment-detail",
        method="PATCH",
        user="leder-dfd",
        setup=follow_up_assessed,
        url=lambda ctx: reverse("assessment-detail", args=[ctx.assessment.pk]),
        valid=lambda ctx: {"score": 4, "comment": "Endret."},
        fields={
            "score": Number(),
            "comment": Text(4000, required=False),
            "correction_reason": Text(500, required=False),
        },
        partial=True,
        extra=lambda ctx: [Variant(f"score {n}", "score", {"score": n}) for n in (0, 6)],
        unknown_urls=lambda ctx: [reverse("assessment-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="risk-list",
        user="leder-dfd",
        url=lambda ctx: reverse("risk-list"),
        valid=lambda ctx: {**_risk(ctx, api=True), "measure": "T5"},
        fields={**RISK_API_KINDS, "owner_ministry": Ref(unknown="NOPE"), "measure": Ref("T99")},
        extra=_score_rules,
    ),
    FollowUp(
        name="risk-detail",
        method="PUT",
        user="leder-dfd",
        url=lambda ctx: reverse("risk-detail", args=[ctx.risk.pk]),
        valid=lambda ctx: {**_risk(ctx, api=True), "measure": "T5"},
        fields={**RISK_API_KINDS, "owner_ministry": Ref(unknown="NOPE")},
        unknown_urls=lambda ctx: [reverse("risk-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="risk-detail",
        method="PATCH",
        user="leder-dfd",
        url=lambda ctx: reverse("risk-detail", args=[ctx.risk.pk]),
        valid=lambda ctx: {"probability": 5},
        fields={"title": Text(200), "probability": Number(), "status": Choice()},
        extra=_score_rules,
        unknown_urls=lambda ctx: [reverse("risk-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="milestone-list",
        user="leder-dfd",
        url=lambda ctx: reverse("milestone-list"),
        valid=lambda ctx: {"measure": "T5", "title": "Utrulling", "planned_on": "2027-09-01"},
        fields={**MILESTONE_KINDS, "measure": Ref(unknown="T99")},
    ),
    FollowUp(
        name="milestone-detail",
        method="PUT",
        user="leder-dfd",
        url=lambda ctx: reverse("milestone-detail", args=[ctx.milestone.pk]),
        valid=lambda ctx: {"measure": "T5", "title": "Pilot", "planned_on": "2027-03-01"},
        fields=MILESTONE_KINDS,
        unknown_urls=lambda ctx: [reverse("milestone-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="milestone-detail",
        method="PATCH",
        user="leder-dfd",
        url=lambda ctx: reverse("milestone-detail", args=[ctx.milestone.pk]),
        valid=lambda ctx: {"forecast_on": "2027-04-01"},
        fields=MILESTONE_KINDS,
        unknown_urls=lambda ctx: [reverse("milestone-detail", args=[UNKNOWN_PK])],
    ),
]

ENDPOINTS = PAGES + API + MANAGE


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))
