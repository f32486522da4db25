"""The foundation's pages: logged-in users only, the real data, a fixed number of queries."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models import Q

from measures.models import Measure

pytestmark = pytest.mark.django_db

PAGES = ["/", "/departementer/", "/tiltak/T1/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_anonymous_visitors_to_the_login(client_for, path):
    response = client_for("anonymous").get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


@pytest.mark.parametrize("who", ["leder-fin", "koordinator", "sekretariat", "observator"])
@pytest.mark.parametrize("path", PAGES)
def test_every_role_can_read_the_pages(client_for, who, path):
    assert client_for(who).get(path).status_code == 200


def test_start_page_lists_the_strategy_and_the_measures_of_the_users_ministry(client_for):
    response = client_for("leder-fin").get("/")
    html = response.content.decode()
    assert "Gode hver for oss. Best sammen." in html
    assert "Vi legger til rette for at prioriterte samfunnsutfordringer kan løses" in html
    fin = Q(lead_ministry__abbreviation="FIN") | Q(participating_ministries__abbreviation="FIN")
    mine = set(Measure.objects.filter(fin).values_list("code", flat=True))
    assert mine and mine != set(Measure.objects.values_list("code", flat=True))
    assert {m.code for m in response.context["measures"]} == mine
    for measure in Measure.objects.exclude(code__in=mine):
        assert f'href="/tiltak/{measure.code}/"' not in html
    assert "Alle 7 tiltak i porteføljen" in html  # the link to the whole portfolio
    assert "DFD" in html  # today's coordinating ministry, from data


def test_start_page_of_a_user_without_a_ministry_links_to_the_portfolio(client_for):
    html = client_for("admin").get("/").content.decode()
    assert "Alle 7 tiltak i porteføljen" in html


def test_the_header_shows_the_users_ministry(client_for):
    html = client_for("leder-fin").get("/").content.decode()
    assert "FIN – Finansdepartementet" in html


def test_pages_are_english_on_request(client_for):
    html = client_for("leder-fin").get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Target areas" in html
    assert "Measures of FIN" in html


def test_unconfirmed_values_are_shown_as_unconfirmed(client_for):
    html = client_for("leder-fin").get("/tiltak/T2/").content.decode()
    assert "ubekreftet" in html
    assert "Felles HR" in html


def test_unknown_measure_is_not_found(client_for):
    assert client_for("leder-fin").get("/tiltak/T99/").status_code == 404


def test_ministry_list_shows_the_2024_changes(client_for):
    response = client_for("leder-fin").get("/departementer/")
    html = response.content.decode()
    assert "Energidepartementet" in html
    assert "Olje- og energidepartementet" in html
    assert "31.12.2023" in html


def test_start_page_query_count_does_not_grow_with_measures(
    client_for, django_assert_max_num_queries
):
    client = client_for("leder-fin")
    with django_assert_max_num_queries(20) as baseline:
        client.get("/")
    lead = Measure.objects.first().lead_ministry
    for number in range(20):
        Measure.objects.create(code=f"X{number}", name_nb=f"Tiltak {number}", lead_ministry=lead)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get("/")


def test_login_with_wrong_password_shows_a_translated_error(client_for):
    response = client_for("anonymous").post(
        "/logg-inn/", {"username": "leder-fin", "password": "feil"}
    )
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_login_and_logout(client_for):
    client = client_for("anonymous")
    response = client.post("/logg-inn/", {"username": "leder-fin", "password": "demo"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logg-ut/")
    assert client.get("/").status_code == 302


def test_every_model_of_the_three_apps_is_in_the_admin():
    for app in ("portfolio", "measures", "forums"):
        for model in apps.get_app_config(app).get_models():
            if hasattr(model, "history_id"):
                continue  # Field history rows: shown on their object's history page instead.
            assert model in admin.site._registry, f"{model.__name__} is not in the admin"


def test_admin_speaks_norwegian(client_for):
    html = client_for("admin").get("/admin/").content.decode()
    assert "Departementer" in html
    assert "Tiltak" in html
    assert client_for("admin").get("/admin/measures/measure/").status_code == 200


def test_admin_is_closed_to_non_staff(client_for):
    assert client_for("leder-fin").get("/admin/").status_code == 302
