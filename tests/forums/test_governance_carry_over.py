"""A measure carried over to the successor strategy keeps its lead (a dated lead from the
successor's first day) and its governance (forum, participation, named ministries, cadence)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from forums.models import Forum, MeasureGovernance
from forums.services.governance import measure_governance_set
from measures.models import Measure
from measures.services.succession import Named, strategy_successor_create
from portfolio.models import AuditEvent, Ministry, Strategy
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cast(demo_users):
    """The demo cast: koordinator, and the admin heads of the lead ministries."""


def carry(*codes: str) -> Strategy:
    return strategy_successor_create(
        actor=user("koordinator"),
        predecessor=Strategy.objects.get(code="GHFO-2021"),
        title_nb="Neste strategi",
        overall_goal_nb="Mål",
        period_start=2026,
        period_end=2030,
        target_areas=[Named(name_nb="Samordning"), Named(name_nb="Fellestjenester")],
        criteria=[Named(code="A", name_nb="Nyttig")],
        measures=list(Measure.objects.filter(code__in=codes)),
    )


def test_the_carried_measure_keeps_the_lead_and_governance_of_its_predecessor():
    measure_governance_set(
        actor=user("koordinator"),
        measure=Measure.objects.get(code="T5"),
        forum=Forum.objects.get(slug="strategisk-forum"),
        participation="named",
        ministries=Ministry.objects.filter(abbreviation__in=["DFD", "FIN"]),
        reporting_cadence="half_yearly",
    )
    carry("T5", "T4")
    new = Measure.objects.get(code="2026-T5")
    assert new.predecessor.code == "T5"
    leads = [
        (lead.ministry.abbreviation, lead.valid_from, lead.valid_to) for lead in new.leads.all()
    ]
    assert leads == [("DFD", datetime.date(2026, 1, 1), None)]  # T5's lead of today (KDD before)
    assert new.lead_ministry.abbreviation == "DFD"
    assert new.lead_on(datetime.date(2027, 3, 1)).abbreviation == "DFD"
    governance = MeasureGovernance.objects.get(measure=new)
    assert governance.forum.slug == "strategisk-forum"
    assert governance.participation == "named" and governance.reporting_cadence == "half_yearly"
    assert sorted(m.abbreviation for m in governance.ministries.all()) == ["DFD", "FIN"]
    assert {row.history_user for row in governance.history.all()} == {user("koordinator")}
    event = AuditEvent.objects.get(kind="measure.governance_changed", target_id=str(new.pk))
    assert event.after["carried_over_from"] == "T5" and event.after["ministries"] == ["DFD", "FIN"]
    # The predecessor keeps its own settings.
    assert MeasureGovernance.objects.get(measure__code="T5").participation == "named"


def test_a_measure_without_governance_settings_carries_over_fine():
    carry("T4")
    new = Measure.objects.get(code="2026-T4")
    assert not MeasureGovernance.objects.filter(measure=new).exists()  # the default way
    assert [(lead.ministry.abbreviation, lead.valid_from) for lead in new.leads.all()] == [
        ("FIN", datetime.date(2026, 1, 1))
    ]


def test_a_refused_succession_copies_nothing():
    measure_governance_set(
        actor=user("koordinator"),
        measure=Measure.objects.get(code="T4"),
        forum=Forum.objects.get(slug="strategisk-forum"),
        participation="owners",
        reporting_cadence="yearly",
    )
    Measure.objects.create(
        code="2026-T5",
        name_nb="Opptatt kode",
        lead_ministry=Ministry.objects.get(abbreviation="DFD"),
    )
    with pytest.raises(ValidationError):
        carry("T4", "T5")
    assert not Measure.objects.filter(code="2026-T4").exists()
    assert MeasureGovernance.objects.count() == 1
