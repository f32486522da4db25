import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures.exceptions import WrongState
from measures.models import CriteriaAssessment, Measure, Milestone, Risk, StatusReport
from measures.selectors import measure_overview, report_history, trend, with_trend
from measures.services.assessments import assessment_record
from measures.services.benefits import benefit_measurement_record, benefit_save
from measures.services.delivery import dependency_add, milestone_save, risk_save
from measures.services.lifecycle import measure_transition
from measures.services.periods import period_close
from measures.services.reports import status_report_submit
from portfolio.models import AuditEvent, Criterion, Ministry
from tests.follow_up import REPORT, open_period, report, user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latest", "previous", "expected"),
    [
        ("green", "amber", "up"),
        ("red", "amber", "down"),
        ("amber", "amber", "same"),
        ("green", None, None),
        (None, None, None),
    ],
)
def test_trend_compares_the_latest_rag_with_the_one_before(latest, previous, expected):
    assert trend(latest, previous) == expected


def test_the_lead_ministry_submits_and_revises_its_report_with_audit(demo_users):
    period = open_period()
    first = report("T5", period, rag="amber")
    second = report("T5", period, rag="green")
    assert first.pk == second.pk
    assert StatusReport.objects.get().rag == "green"
    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == ["report.submitted", "report.revised"]


@pytest.mark.parametrize("username", ["leder-fin", "koordinator", "observator", "sekretariat"])
def test_other_ministries_and_roles_may_not_report_for_a_measure(demo_users, username):
    period = open_period()
    with pytest.raises(PermissionDenied):
        report("T5", period, by=username)
    assert not StatusReport.objects.exists()


def test_a_closed_period_makes_reports_read_only(demo_users):
    period = open_period()
    report("T5", period)
    period_close(actor=user("koordinator"), period=period)
    with pytest.raises(WrongState):
        report("T5", period, rag="red")
    assert StatusReport.objects.get().rag == "green"
    with pytest.raises(WrongState):
        period_close(actor=user("koordinator"), period=period)


def test_only_the_coordinator_closes_a_period(demo_users):
    period = open_period()
    with pytest.raises(PermissionDenied):
        period_close(actor=user("leder-dfd"), period=period)


def test_nul_bytes_and_overlong_text_are_refused_and_nothing_is_written(demo_users):
    period = open_period()
    with pytest.raises(ValidationError) as error:
        report("T5", period, achievements="bad\x00text")
    assert "achievements" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        report("T5", period, next_steps="x" * 4001)
    assert "next_steps" in error.value.message_dict
    assert not StatusReport.objects.exists()
    assert not AuditEvent.objects.filter(kind__startswith="report.").exists()


def test_a_new_report_needs_the_ratings(demo_users):
    period = open_period()
    with pytest.raises(ValidationError) as error:
        status_report_submit(
            actor=user("leder-dfd"), period=period, measure=Measure.objects.get(code="T5")
        )
    assert {"rag", "confidence"} <= set(error.value.message_dict)


def test_history_shows_the_trend_per_period(demo_users):
    first, second, third = open_period(2027, 1), open_period(2027, 2), open_period(2027, 3)
    report("T5", first, rag="red")
    report("T5", second, rag="amber")
    report("T5", third, rag="amber")
    history = report_history(Measure.objects.get(code="T5").reports.order_by("-period__sequence"))
    assert [(r.rag, r.trend) for r in history] == [
        ("amber", "same"),
        ("amber", "up"),
        ("red", None),
    ]
    overview = {m.code: m for m in with_trend(measure_overview())}
    assert (overview["T5"].latest_rag, overview["T5"].trend) == ("amber", "same")
    assert overview["T1"].latest_rag is None


def test_admin_heads_assess_for_their_own_ministry_and_the_coordinator_for_dfd(demo_users):
    period = open_period()
    measure = Measure.objects.get(code="T5")
    criterion = Criterion.objects.get(code="A")
    assessment_record(
        actor=user("leder-fin"), measure=measure, criterion=criterion, period=period, score=2
    )
    assessment_record(
        actor=user("koordinator"), measure=measure, criterion=criterion, period=period, score=5
    )
    assessment_record(
        actor=user("leder-fin"), measure=measure, criterion=criterion, period=period, score=3
    )
    scores = dict(CriteriaAssessment.objects.values_list("ministry__abbreviation", "score"))
    assert scores == {"FIN": 3, "DFD": 5}
    with pytest.raises(PermissionDenied):
        assessment_record(
            actor=user("observator"), measure=measure, criterion=criterion, period=period, score=1
        )
    with pytest.raises(ValidationError):
        assessment_record(
            actor=user("leder-fin"), measure=measure, criterion=criterion, period=period, score=6
        )


def test_assessments_are_read_only_after_close(demo_users):
    period = open_period()
    period_close(actor=user("koordinator"), period=period)
    with pytest.raises(WrongState):
        assessment_record(
            actor=user("leder-fin"),
            measure=Measure.objects.get(code="T4"),
            criterion=Criterion.objects.get(code="A"),
            period=period,
            score=3,
        )


def test_lifecycle_moves_step_by_step_with_date_and_decision(demo_users):
    measure = Measure.objects.get(code="T5")
    measure.status = Measure.Status.PROPOSED
    measure.save()
    with pytest.raises(WrongState):
        measure_transition(actor=user("koordinator"), measure=measure, to_status="active")
    with pytest.raises(PermissionDenied):
        measure_transition(actor=user("leder-dfd"), measure=measure, to_status="assessed")
    change = measure_transition(
        actor=user("koordinator"),
        measure=measure,
        to_status="assessed",
        decided_on=datetime.date(2027, 4, 2),
    )
    measure.refresh_from_db()
    assert measure.status == "assessed"
    assert (change.from_status, change.decided_on) == ("proposed", datetime.date(2027, 4, 2))


def test_milestones_risks_dependencies_benefits_by_the_lead_ministry(demo_users):
    measure = Measure.objects.get(code="T4")
    fin = Ministry.objects.get(abbreviation="FIN")
    milestone = milestone_save(
        actor=user("leder-fin"),
        measure=measure,
        title="Pilot",
        planned_on=datetime.date(2027, 3, 1),
    )
    milestone_save(
        actor=user("leder-fin"),
        measure=measure,
        milestone=milestone,
        forecast_on=datetime.date(2027, 5, 1),
    )
    assert Milestone.objects.get().is_slipping
    risk_save(
        actor=user("leder-fin"),
        measure=measure,
        title="Budget",
        probability=3,
        impact=4,
        owner_ministry=fin,
    )
    assert Risk.objects.get().score == 12
    dependency_add(
        actor=user("leder-fin"), measure=measure, depends_on=Measure.objects.get(code="T5")
    )
    benefit = benefit_save(
        actor=user("leder-fin"),
        measure=measure,
        title="Time saved",
        indicator="Hours",
        baseline=10,
        target=20,
    )
    benefit_measurement_record(
        actor=user("leder-fin"), benefit=benefit, measured_on=datetime.date(2027, 6, 1), value=12
    )
    benefit_measurement_record(
        actor=user("leder-fin"), benefit=benefit, measured_on=datetime.date(2027, 6, 1), value=13
    )
    assert [str(v) for v in benefit.measurements.values_list("value", flat=True)] == ["13.00"]
    for action in (
        lambda: milestone_save(
            actor=user("leder-dfd"),
            measure=measure,
            title="X",
            planned_on=datetime.date(2027, 1, 1),
        ),
        lambda: risk_save(
            actor=user("leder-dfd"),
            measure=measure,
            title="X",
            probability=1,
            impact=1,
            owner_ministry=fin,
        ),
    ):
        with pytest.raises(PermissionDenied):
            action()


def test_a_measure_lead_user_of_the_lead_ministry_may_report(demo_users):
    from django.contrib.auth.models import Group

    lead = user("observator")
    lead.groups.set([Group.objects.get_or_create(name="measure-lead")[0]])
    lead.profile.ministry = Ministry.objects.get(abbreviation="DFD")
    lead.profile.save()
    report("T5", open_period(), by="observator")
    assert StatusReport.objects.count() == 1
    assert REPORT["rag"] == StatusReport.objects.get().rag
