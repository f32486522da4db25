"""The admin changes a measure's status and lead through the services, as the pages do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import MeasureDecision
from measures.models import Measure, MeasureLead, MeasureTransition
from measures.services.lifecycle import measure_transition
from measures.services.measures import measure_create
from portfolio.models import AuditEvent, TargetArea
from tests.admin_forms import admin_post
from tests.forums.conftest import ministry, user
from tests.forums.test_measure_governance import _endorsed

pytestmark = pytest.mark.django_db

GATE = "blir prioritert eller aktivt bare ved en sak med tilslutning"


def _prioritised(code: str = "T8") -> Measure:
    coordinator = user("koordinator")
    measure = measure_create(
        actor=coordinator,
        code=code,
        name_nb="Nytt tiltak",
        lead_ministry=ministry("FIN"),
        target_areas=TargetArea.objects.filter(code="MO1"),
    )
    measure_transition(actor=coordinator, measure=measure, to_status="assessed")
    decision = _endorsed(code)
    measure_transition(
        actor=coordinator, measure=measure, to_status="prioritised", decision=decision.pk
    )
    return measure


def _url(measure: Measure) -> str:
    return reverse("admin:measures_measure_change", args=[measure.pk])


def _state(measure: Measure) -> tuple:
    measure.refresh_from_db()
    return (
        measure.status,
        measure.lead_ministry_id,
        measure.transitions.count(),
        measure.leads.count(),
        AuditEvent.objects.count(),
    )


def test_the_admin_refuses_active_without_an_endorsed_proposal(client_for):
    measure = _prioritised()
    before = _state(measure)
    response = admin_post(client_for("admin"), _url(measure), status="active", decision="")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert GATE in " ".join(form.errors["decision"])
    assert _state(measure) == before


def test_the_admin_refuses_a_move_the_lifecycle_does_not_allow(client_for):
    measure = _prioritised()
    before = _state(measure)
    response = admin_post(client_for("admin"), _url(measure), status="proposed")
    assert response.status_code == 200
    assert "kan ikke gå fra" in " ".join(response.context["adminform"].form.non_field_errors())
    assert _state(measure) == before


def test_the_admin_makes_a_measure_active_by_an_endorsed_proposal(client_for):
    measure = _prioritised()
    proposal = _endorsed("T8")
    client = client_for("admin")
    page = client.get(_url(measure))
    choices = page.context["adminform"].form.fields["decision"].choices
    assert proposal.pk in [value for value, _label in choices]
    response = admin_post(
        client,
        _url(measure),
        status="active",
        decision=proposal.pk,
        decided_on="2026-06-01",
        transition_note="Vedtatt i Strategisk forum.",
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "active"
    change = MeasureTransition.objects.get(measure=measure, to_status="active")
    assert change.from_status == "prioritised"
    assert change.decided_on == datetime.date(2026, 6, 1)
    assert change.actor == user("admin")
    assert change.note == "Vedtatt i Strategisk forum."
    assert MeasureDecision.objects.get(transition=change).proposal == proposal
    event = AuditEvent.objects.filter(kind="measure.transitioned").latest("pk")
    assert event.after["status"] == "active"
    assert event.actor == user("admin")


def test_the_admin_changes_the_lead_from_a_date_in_the_lead_history(client_for):
    measure = _prioritised()
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = admin_post(
        client_for("admin"), _url(measure), lead_ministry=ministry("DFD").pk, lead_valid_from=day
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.lead_ministry == ministry("DFD")
    lead = MeasureLead.objects.get(measure=measure, valid_to__isnull=True)
    assert (lead.ministry, lead.valid_from) == (ministry("DFD"), day)
    assert measure.lead_on(day - datetime.timedelta(days=1)) == ministry("FIN")
    assert measure.lead_on(day) == ministry("DFD")
    event = AuditEvent.objects.filter(kind="measure.lead_changed").latest("pk")
    assert event.actor == user("admin")


def test_the_admin_refuses_a_lead_from_a_day_ahead(client_for):
    measure = _prioritised()
    before = _state(measure)
    ahead = timezone.localdate() + datetime.timedelta(days=5)
    response = admin_post(
        client_for("admin"),
        _url(measure),
        lead_ministry=ministry("DFD").pk,
        lead_valid_from=ahead,
        name_nb="Nytt navn",
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["lead_valid_from"]
    assert _state(measure) == before
    assert measure.name_nb == "Nytt tiltak"  # the other fields of the form are not saved either


def test_the_admin_keeps_the_fields_no_page_changes(client_for):
    measure = _prioritised()
    transitions = measure.transitions.count()
    response = admin_post(client_for("admin"), _url(measure), name_en="A new measure")
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.name_en, measure.status) == ("A new measure", "prioritised")
    assert measure.transitions.count() == transitions


def test_a_measure_made_in_the_admin_is_made_by_the_service(client_for):
    client = client_for("admin")
    url = reverse("admin:measures_measure_add")
    response = admin_post(
        client,
        url,
        code="T9",
        name_nb="Tiltak fra admin",
        lead_ministry=ministry("KDD").pk,
        target_areas=[TargetArea.objects.get(code="MO1").pk],
        unconfirmed_fields="[]",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    measure = Measure.objects.get(code="T9")
    assert measure.status == "proposed"
    assert measure.leads.get().ministry == ministry("KDD")
    assert AuditEvent.objects.filter(kind="measure.created", target_id=str(measure.pk)).exists()
    refused = admin_post(
        client,
        url,
        code="t10",
        name_nb="Feil kode",
        lead_ministry=ministry("KDD").pk,
        target_areas=[TargetArea.objects.get(code="MO1").pk],
        unconfirmed_fields="[]",
    )
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["code"]
    assert not Measure.objects.filter(code="t10").exists()


def test_a_measure_is_not_deleted_in_the_admin(client_for):
    measure = _prioritised()
    url = reverse("admin:measures_measure_delete", args=[measure.pk])
    assert client_for("admin").post(url, {"post": "yes"}).status_code == 403
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_a_core_group_mandate_in_the_admin_goes_through_the_service(client_for):
    from measures.models import CoreGroup

    group = CoreGroup.objects.order_by("pk").first()
    url = reverse("admin:measures_coregroup_change", args=[group.pk])
    response = admin_post(client_for("admin"), url, mandate_nb="Nytt mandat for gruppa.")
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mandate_nb == "Nytt mandat for gruppa."
    event = AuditEvent.objects.filter(kind="core_group.changed").latest("pk")
    assert (event.actor, event.after["mandate_nb"]) == (user("admin"), "Nytt mandat for gruppa.")
    assert (
        reverse("measures:core-group-edit", args=[group.code])
        in client_for("admin").get(url).content.decode()
    )
