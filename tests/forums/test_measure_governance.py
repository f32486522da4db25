"""Governance per measure: its forum, who takes part, its reporting cadence; proposals about
the measure take their participants from it; the lifecycle rests on endorsed proposals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.models import MeasureDecision, MeasureGovernance, Proposal
from forums.services.governance import measure_governance_set
from forums.services.proposals import (
    position_record,
    proposal_close,
    proposal_create,
    proposal_open,
)
from measures.models import Measure, MeasureTransition
from portfolio.models import AuditEvent, Ministry
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

DENIED = ["leder-fin", "sekretariat", "observator"]
NAMED = {
    "forum": "strategisk-forum",
    "participation": "named",
    "ministries": ["DFD", "FIN", "KDD"],
    "reporting_cadence": "half_yearly",
}


def _named(code: str, *abbreviations: str) -> MeasureGovernance:
    return measure_governance_set(
        actor=user("koordinator"),
        measure=Measure.objects.get(code=code),
        forum=ministry_forum(),
        participation="named",
        ministries=Ministry.objects.filter(abbreviation__in=abbreviations),
        reporting_cadence="every_period",
    )


def ministry_forum():
    from forums.models import Forum

    return Forum.objects.get(slug="strategisk-forum")


def _proposal(*codes: str, opened: bool = True) -> Proposal:
    proposal = proposal_create(
        actor=user("koordinator"),
        title="Sak om tiltak",
        text="Tilslutning bes.",
        deadline=timezone.now() + datetime.timedelta(days=7),
        measures=Measure.objects.filter(code__in=codes),
    )
    return proposal_open(actor=user("koordinator"), proposal=proposal) if opened else proposal


def _endorsed(*codes: str) -> Proposal:
    proposal = _proposal(*codes)
    for participant in proposal.participants.all():
        position_record(
            actor=user(f"leder-{participant.abbreviation.lower()}"),
            proposal=proposal,
            ministry=participant,
            position="endorse",
        )
    proposal = proposal_close(actor=user("koordinator"), proposal=proposal)
    assert proposal.status == Proposal.Status.ENDORSED
    return proposal


# --- governance: pages and API -------------------------------------------------------------


@pytest.mark.parametrize("username", DENIED)
def test_only_the_coordinator_sets_governance_in_the_pages(client_for, username):
    client = client_for(username)
    url = reverse("governance:edit", args=["T5"])
    assert client.get(url).status_code == 403
    assert client.post(url, NAMED).status_code == 403
    assert not MeasureGovernance.objects.exists()


def test_the_coordinator_sets_governance_in_the_pages_and_it_is_shown(client_for):
    client = client_for("koordinator")
    url = reverse("governance:edit", args=["T5"])
    assert client.get(url).status_code == 200
    response = client.post(url, NAMED)
    assert response.status_code == 302
    governance = MeasureGovernance.objects.get(measure__code="T5")
    assert governance.participation == "named"
    assert sorted(governance.ministries.values_list("abbreviation", flat=True)) == [
        "DFD",
        "FIN",
        "KDD",
    ]
    event = AuditEvent.objects.get(kind="measure.governance_changed")
    assert event.before is None
    assert event.after["ministries"] == ["DFD", "FIN", "KDD"]
    page = client_for("observator").get(reverse("measures:detail", args=["T5"])).content.decode()
    assert "DFD, FIN, KDD" in page
    assert "Hvert halvår" in page
    assert reverse("governance:edit", args=["T5"]) not in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"forum": "digitale-tjenester"}, "forum"),  # advisory only
        ({"ministries": []}, "ministries"),  # named, but none
        ({"participation": "owners"}, "ministries"),  # all owners, yet ministries named
        ({"ministries": ["DSS"]}, "ministries"),  # not an owner
        ({"reporting_cadence": "weekly"}, "reporting_cadence"),
    ],
)
def test_bad_governance_is_refused_and_nothing_changes(api_client_for, change, field):
    response = api_client_for("koordinator").put(
        "/api/v1/measures/T5/governance/", {**NAMED, **change}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not MeasureGovernance.objects.exists()
    assert not AuditEvent.objects.filter(kind="measure.governance_changed").exists()


@pytest.mark.parametrize(
    ("username", "expected"), [*[(u, 403) for u in DENIED], ("koordinator", 200)]
)
def test_only_the_coordinator_sets_governance_through_the_api(api_client_for, username, expected):
    client = api_client_for(username)
    default = client.get("/api/v1/measures/T5/governance/").json()
    assert default == {
        "forum": "strategisk-forum",
        "participation": "owners",
        "ministries": [],
        "reporting_cadence": "every_period",
        "recorded": False,
    }
    response = client.put("/api/v1/measures/T5/governance/", NAMED, format="json")
    assert response.status_code == expected
    assert MeasureGovernance.objects.exists() == (expected == 200)
    if expected == 200:
        assert response.json()["ministries"] == ["DFD", "FIN", "KDD"]
        assert response.json()["recorded"] is True


# --- proposals take their participants from the governance ---------------------------------


def test_a_proposal_about_a_measure_with_named_ministries_involves_those_only(demo_users):
    _named("T5", "DFD", "FIN", "KDD")
    proposal = _proposal("T5")
    assert sorted(proposal.participants.values_list("abbreviation", flat=True)) == [
        "DFD",
        "FIN",
        "KDD",
    ]
    opened = AuditEvent.objects.get(kind="proposal.opened", target_id=str(proposal.pk))
    assert opened.after["participants"] == ["DFD", "FIN", "KDD"]
    assert opened.after["participation"] == "named"
    # Another ministry has no say, and the three decide the outcome alone.
    with pytest.raises(ValidationError) as refused:
        position_record(
            actor=user("leder-kd"),
            proposal=proposal,
            ministry=ministry("KD"),
            position="object",
            reason="Nei",
        )
    assert "ministry" in refused.value.message_dict
    for code in ("DFD", "FIN", "KDD"):
        position_record(
            actor=user(f"leder-{code.lower()}"),
            proposal=proposal,
            ministry=ministry(code),
            position="endorse",
        )
    assert proposal_close(actor=user("koordinator"), proposal=proposal).status == "endorsed"


def test_a_proposal_about_a_measure_of_all_owners_involves_every_seat(demo_users):
    _named("T5", "DFD", "FIN")
    proposal = _proposal("T5", "T6")  # T6 has the default: all owners
    assert proposal.participants.count() == 17
    assert _proposal().participants.count() == 17  # about no measure


def test_named_ministries_of_several_measures_take_part_together(demo_users):
    _named("T5", "DFD", "FIN")
    _named("T6", "DFD", "KD")
    proposal = _proposal("T5", "T6")
    assert sorted(proposal.participants.values_list("abbreviation", flat=True)) == [
        "DFD",
        "FIN",
        "KD",
    ]


def test_a_proposal_about_measures_goes_to_the_forum_their_governance_names(demo_users):
    from forums.models import Forum, ForumSeat

    board = Forum.objects.create(
        slug="styringsgruppe",
        code="SG",
        kind=Forum.Kind.STRATEGIC,
        name_nb="Styringsgruppe",
        advisory_only=False,
    )
    for code in ("DFD", "FIN"):
        ForumSeat.objects.create(forum=board, ministry=ministry(code))
    measure_governance_set(
        actor=user("koordinator"),
        measure=Measure.objects.get(code="T5"),
        forum=board,
        participation="owners",
        reporting_cadence="every_period",
    )
    proposal = _proposal("T5")
    assert proposal.forum == board
    assert sorted(proposal.participants.values_list("abbreviation", flat=True)) == ["DFD", "FIN"]
    # Measures that name different forums: Strategisk forum decides, with every seat.
    both = _proposal("T5", "T6")
    assert both.forum.slug == "strategisk-forum" and both.participants.count() == 17


# --- the lifecycle gate: pages and API ------------------------------------------------------


def _assessed(code: str = "T8") -> Measure:
    from measures.services.lifecycle import measure_transition
    from measures.services.measures import measure_create
    from portfolio.models import TargetArea

    measure = measure_create(
        actor=user("koordinator"),
        code=code,
        name_nb="Nytt tiltak",
        lead_ministry=ministry("FIN"),
        target_areas=TargetArea.objects.filter(code="MO1"),
    )
    measure_transition(actor=user("koordinator"), measure=measure, to_status="assessed")
    return measure


def test_a_measure_cannot_be_prioritised_without_an_endorsed_proposal_that_covers_it(
    api_client_for,
):
    measure = _assessed()
    client = api_client_for("koordinator")
    url = f"/api/v1/measures/{measure.code}/transition/"
    refused = client.post(url, {"to_status": "prioritised"}, format="json")
    assert refused.status_code == 400
    assert "sak med tilslutning" in refused.json()["decision"][0]
    other = _endorsed("T5")  # endorsed, but about another measure
    refused = client.post(url, {"to_status": "prioritised", "decision": other.pk}, format="json")
    assert refused.status_code == 400
    assert "omfatter ikke T8" in refused.json()["decision"][0]
    open_one = _proposal("T8")  # covers it, not endorsed
    refused = client.post(url, {"to_status": "prioritised", "decision": open_one.pk}, format="json")
    assert "har ikke fått tilslutning" in refused.json()["decision"][0]
    unknown = client.post(url, {"to_status": "prioritised", "decision": 999999}, format="json")
    assert unknown.status_code == 400
    measure.refresh_from_db()
    assert measure.status == "assessed"
    assert measure.transitions.count() == 1
    assert not MeasureDecision.objects.exists()


def test_an_endorsed_proposal_that_covers_the_measure_lets_it_become_prioritised(api_client_for):
    measure = _assessed()
    proposal = _endorsed("T8")
    response = api_client_for("koordinator").post(
        f"/api/v1/measures/{measure.code}/transition/",
        {"to_status": "prioritised", "decision": proposal.pk, "decided_on": "2026-06-01"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "prioritised"
    change = MeasureTransition.objects.get(measure=measure, to_status="prioritised")
    assert change.decision.proposal == proposal
    assert change.decided_in == proposal.register_number
    event = AuditEvent.objects.filter(kind="measure.transitioned").latest("pk")
    assert event.after["decision"] == proposal.register_number


@pytest.mark.parametrize("username", DENIED)
def test_only_the_coordinator_moves_a_measure_through_the_api(api_client_for, username):
    measure = _assessed()
    proposal = _endorsed("T8")
    response = api_client_for(username).post(
        f"/api/v1/measures/{measure.code}/transition/",
        {"to_status": "prioritised", "decision": proposal.pk},
        format="json",
    )
    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.status == "assessed"


@pytest.mark.parametrize("username", DENIED)
def test_only_the_coordinator_moves_a_measure_in_the_pages(client_for, username):
    measure = _assessed()
    url = reverse("measures:transition", args=[measure.code])
    assert client_for(username).get(url).status_code == 403
    assert client_for(username).post(url, {"to_status": "stopped"}).status_code == 403


def test_the_status_page_offers_the_endorsed_proposals_and_refuses_without_one(client_for):
    measure = _assessed()
    proposal = _endorsed("T8")
    client = client_for("koordinator")
    url = reverse("measures:transition", args=[measure.code])
    page = client.get(url)
    assert (proposal.pk, f"{proposal.register_number} {proposal.title}") in page.context[
        "form"
    ].fields["decision"].choices
    today = timezone.localdate().isoformat()
    refused = client.post(url, {"to_status": "prioritised", "decided_on": today})
    assert refused.status_code == 200
    assert refused.context["form"].errors["decision"]
    assert Measure.objects.get(pk=measure.pk).status == "assessed"
    done = client.post(
        url, {"to_status": "prioritised", "decided_on": today, "decision": str(proposal.pk)}
    )
    assert done.status_code == 302
    detail = client.get(measure.get_absolute_url()).content.decode()
    assert proposal.get_absolute_url() in detail


def test_stopping_needs_no_decision(demo_users):
    from measures.services.lifecycle import measure_transition

    measure = _assessed()
    measure_transition(actor=user("koordinator"), measure=measure, to_status="stopped")
    assert Measure.objects.get(pk=measure.pk).status == "stopped"


def test_free_text_references_that_name_a_proposal_get_the_link(demo_users):
    """The migration links a status change to the proposal its reference text names."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("forums.migrations.0018_measure_governance_and_decisions")
    proposal = _endorsed("T5")
    measure = Measure.objects.get(code="T5")
    named = MeasureTransition.objects.create(
        measure=measure,
        from_status="prioritised",
        to_status="active",
        decided_on=datetime.date(2024, 3, 1),
        decided_in=f"{proposal.register_number.lower()} (møte 2)",
    )
    unknown = MeasureTransition.objects.create(
        measure=measure,
        from_status="active",
        to_status="stopped",
        decided_on=datetime.date(2024, 4, 1),
        decided_in="SF 1999/99",
    )
    migration.link_decision_references(apps, None)
    migration.link_decision_references(apps, None)  # twice: still one link
    assert MeasureDecision.objects.get(transition=named).proposal == proposal
    assert not MeasureDecision.objects.filter(transition=unknown).exists()
    unknown.refresh_from_db()
    assert unknown.decided_in == "SF 1999/99"


def test_the_governance_of_a_measure_of_a_closed_period_is_not_changed(client_for, api_client_for):
    from portfolio.models import Strategy
    from portfolio.strategy_closing import strategy_close

    strategy_close(actor=user("koordinator"), strategy=Strategy.objects.get(code="GHFO-2021"))
    response = api_client_for("koordinator").put(
        "/api/v1/measures/T5/governance/", NAMED, format="json"
    )
    assert response.status_code == 409
    assert "avsluttet" in response.json()["detail"]
    page = client_for("koordinator").post(
        reverse("governance:edit", args=["T5"]), NAMED, follow=True
    )
    assert "avsluttet" in page.content.decode()
    assert not MeasureGovernance.objects.exists()
    assert not AuditEvent.objects.filter(kind="measure.governance_changed").exists()
