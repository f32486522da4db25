"""The register's filters, the start page's waiting list and form errors on the proposal pages."""

import datetime

import pytest
from django.utils import timezone

from forums.models import PositionChange, Proposal
from forums.services.proposals import position_record, proposal_create
from measures.models import Measure
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db


def test_the_register_filters_by_text_status_measure_and_year(client_for, consultation):
    consultation.measures.add(Measure.objects.get(code="T5"))
    client = client_for("observator")
    number = consultation.register_number

    def shows(query: str) -> bool:
        return number in client.get(f"/saker/?{query}").content.decode()

    assert shows("") and shows("q=anskaffelse") and not shows("q=ingenting")
    assert shows("status=consultation") and not shows("status=endorsed")
    assert shows("measure=T5") and not shows("measure=T1")
    assert shows(f"year={consultation.year}") and shows("forum=strategisk-forum")


def test_the_start_page_lists_what_waits_for_my_ministry_until_answered(client_for, consultation):
    client = client_for("leder-fin")
    assert consultation.register_number in client.get("/").content.decode()
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        position="endorse",
    )
    assert consultation.register_number not in client.get("/").content.decode()
    assert "Venter på mitt departement" not in client_for("koordinator").get("/").content.decode()


def test_an_objection_without_reason_shows_the_error_and_writes_nothing(client_for, consultation):
    response = client_for("leder-fin").post(
        f"/saker/{consultation.pk}/posisjon/FIN/", {"fin-position": "object", "fin-reason": ""}
    )
    assert response.status_code == 400
    assert "En innsigelse må begrunnes." in response.content.decode()
    assert not PositionChange.objects.exists()


def test_a_nul_byte_in_the_new_proposal_form_is_refused(client_for, demo_users):
    response = client_for("koordinator").post(
        "/saker/ny/", {"title": "Sak\x00", "text": "x", "deadline": "2099-01-01T12:00"}
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_detail_page_shows_every_participant_and_the_history(client_for, consultation):
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        position="object",
        reason="Kostnadene er uavklart",
    )
    page = client_for("observator").get(f"/saker/{consultation.pk}/").content.decode()
    assert page.count('<th scope="row">') == 17
    assert page.count("Kostnadene er uavklart") == 2  # Current position and history.
    assert "Registrer standpunkt" not in page


def test_every_proposal_model_has_an_admin_page(client_for, consultation, settings):
    client = client_for("admin")
    for model in [
        "proposal",
        "proposalversion",
        "position",
        "positionchange",
        "delegation",
        "advice",
        "escalation",
        "registercounter",
    ]:
        assert client.get(f"/admin/forums/{model}/").status_code == 200, model
    assert client.get(f"/admin/forums/proposal/{consultation.pk}/change/").status_code == 200
    entry = settings.CELERY_BEAT_SCHEDULE["forums.close_due_proposals"]
    assert entry["task"] == "forums.tasks.proposals.close_due_proposals"
    assert "expire_seconds" in entry["options"]


def test_the_register_shows_fifty_proposals_a_page_keeping_the_filters(client_for):
    coordinator = user("koordinator")
    deadline = timezone.now() + datetime.timedelta(days=7)
    for number in range(55):
        proposal_create(
            actor=coordinator, title=f"Sak nummer {number}", text="x", deadline=deadline
        )
    client = client_for("koordinator")
    first = client.get("/saker/?q=nummer")
    assert len(first.context["proposals"]) == 50
    assert "55 saker" in first.content.decode()
    assert "?q=nummer&amp;page=2" in first.content.decode()
    second = client.get("/saker/?q=nummer&page=2")
    assert len(second.context["proposals"]) == 5
