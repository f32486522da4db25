"""The follow-up read model stays equal to what the reports, milestones and risks say."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from measures.follow_up_summary import FIELDS, follow_up_refresh
from measures.models import Measure, MeasureFollowUp
from measures.services.delivery import milestone_save, risk_save
from portfolio.models import Ministry
from tests.follow_up import open_period, report, user

pytestmark = pytest.mark.django_db


def summary(code: str) -> dict:
    row = MeasureFollowUp.objects.filter(measure__code=code).values(*FIELDS).first()
    return row or {}


def test_the_services_keep_the_summary_in_their_transaction(demo_users):
    t5 = Measure.objects.get(code="T5")
    first, second = open_period(2027, 1), open_period(2027, 2)
    report("T5", first, rag="green")
    assert summary("T5")["latest_rag"] == "green"
    report("T5", second, rag="red", confidence="low")
    milestone = milestone_save(
        actor=user("leder-dfd"), measure=t5, title="Pilot", planned_on=datetime.date(2027, 3, 1)
    )
    risk = risk_save(
        actor=user("leder-dfd"),
        measure=t5,
        title="Forsinkelse",
        probability=3,
        impact=3,
        owner_ministry=Ministry.objects.get(abbreviation="KDD"),
    )
    assert summary("T5") == {
        "latest_rag": "red",
        "previous_rag": "green",
        "latest_confidence": "low",
        "next_milestone_title": "Pilot",
        "next_milestone_on": datetime.date(2027, 3, 1),
        "open_risk_count": 1,
    }
    milestone_save(
        actor=user("leder-dfd"),
        measure=t5,
        milestone=milestone,
        actual_on=datetime.date(2027, 3, 2),
    )
    risk_save(actor=user("leder-dfd"), measure=t5, risk=risk, status="closed")
    after = summary("T5")
    assert (after["next_milestone_title"], after["open_risk_count"]) == (None, 0)


def test_a_refused_write_leaves_the_summary_as_it_was(demo_users):
    period = open_period(2027, 1)
    report("T5", period, rag="green")
    before = summary("T5")
    with pytest.raises(PermissionDenied):
        report("T5", period, by="leder-fin", rag="red")
    assert summary("T5") == before


def test_a_full_refresh_gives_what_the_services_wrote(demo_users):
    period = open_period(2027, 1)
    report("T5", period, rag="amber")
    report("T4", period, by="leder-fin", rag="green")
    written = {m.measure_id: summary(m.measure.code) for m in MeasureFollowUp.objects.all()}
    MeasureFollowUp.objects.all().delete()
    assert follow_up_refresh() == Measure.objects.count()
    for measure_id, values in written.items():
        assert summary(Measure.objects.get(pk=measure_id).code) == values
