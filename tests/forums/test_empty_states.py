"""An empty register says what to do next, and offers the next step only to those who may take
it; a filter that excludes everything still says so. Every page says when demo data is present."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PROPOSAL = 'href="/saker/ny/"'


def test_an_empty_register_offers_the_coordinator_a_new_proposal(client_for):
    page = client_for("koordinator").get("/saker/").content.decode()
    assert "Ingen saker ennå." in page
    assert NEW_PROPOSAL in page and 'class="ds-button"' in page


@pytest.mark.parametrize("username", ["observator", "leder-fin", "sekretariat"])
def test_an_empty_register_offers_no_button_to_those_who_may_not_create(client_for, username):
    page = client_for(username).get("/saker/").content.decode()
    assert "Ingen saker ennå." in page
    assert NEW_PROPOSAL not in page


def test_a_filter_that_excludes_everything_says_no_match(client_for, consultation):
    page = client_for("observator").get("/saker/?q=ingenting").content.decode()
    assert "Ingen saker passer til filtrene." in page and "Ingen saker ennå." not in page


def test_a_register_with_proposals_shows_the_table_not_the_empty_state(client_for, consultation):
    page = client_for("observator").get("/saker/").content.decode()
    assert consultation.register_number in page and "Ingen saker ennå." not in page


def test_the_demo_banner_shows_while_demo_data_is_present_in_both_languages(client_for):
    client = client_for("observator")
    assert "Demodata:" in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Demo data:" in client.get("/").content.decode()


def test_no_demo_banner_without_demo_data(client_for):
    client = client_for("observator")
    get_user_model().objects.filter(email__endswith="@demo.invalid").update(email="")
    assert "Demodata:" not in client.get("/").content.decode()


def test_a_year_without_meetings_offers_the_secretariat_to_plan_them(client_for, forum):
    page = client_for("sekretariat").get("/forums/strategisk-forum/?year=2031").content.decode()
    assert "Ingen møter er planlagt for 2031 ennå." in page
    assert 'action="/forums/strategisk-forum/materialise/"' in page


def test_a_year_without_meetings_offers_a_reader_no_planning(client_for, forum):
    page = client_for("observator").get("/forums/strategisk-forum/?year=2031").content.decode()
    assert "Ingen møter er planlagt for 2031 ennå." in page
    assert "/materialise/" not in page


def test_a_measure_without_milestones_or_risks_offers_its_lead_to_add_one(client_for):
    page = client_for("leder-dfd").get("/tiltak/T5/").content.decode()
    assert "Ingen milepæler ennå." in page and "Ingen risikoer registrert." in page
    for url_name in ("milestone-create", "risk-create"):
        assert f'href="{reverse(f"measures:{url_name}", args=["T5"])}"' in page


def test_a_measure_without_milestones_or_risks_offers_a_reader_nothing_to_add(client_for):
    page = client_for("leder-fin").get("/tiltak/T5/").content.decode()
    assert "Ingen milepæler ennå." in page
    for url_name in ("milestone-create", "risk-create"):
        assert reverse(f"measures:{url_name}", args=["T5"]) not in page


def test_no_notifications_says_what_will_come(client_for):
    page = client_for("observator").get(reverse("portfolio:notifications")).content.decode()
    assert "Ingen varsler ennå." in page


def test_the_empty_register_offers_the_new_proposal_once(client_for):
    assert client_for("koordinator").get("/saker/").content.decode().count(NEW_PROPOSAL) == 1
