"""Every page of the foundation passes axe (WCAG 2.1 A/AA), and the main journey works."""

import pytest
from django.db.models import Q
from playwright.sync_api import expect

from measures.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_has_no_axe_violations(page, live_server, demo_users, axe_violations):
    page.goto(f"{live_server.url}/logg-inn/")
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()
    assert axe_violations() == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Gode hver for oss. Best sammen."),
        ("/departementer/", "Departementer"),
        ("/tiltak/T5/", "T5 Felles IKT"),
    ],
)
def test_page_has_no_axe_violations(
    page, live_server, login, axe_violations, demo_users, path, heading
):
    login("leder-fin")
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert axe_violations() == []


def test_admin_head_sees_their_ministrys_measures_and_opens_one(
    page, live_server, login, demo_users
):
    login("leder-fin")
    expect(page.get_by_text("FIN – Finansdepartementet")).to_be_visible()
    fin = Q(lead_ministry__abbreviation="FIN") | Q(participating_ministries__abbreviation="FIN")
    rows = page.get_by_role("table", name="Tiltak for mitt departement").locator("tbody tr")
    expect(rows).to_have_count(Measure.objects.filter(fin).distinct().count())
    page.get_by_role("link", name="Helhetlig etatsstyring").click()
    expect(page.get_by_role("heading", level=1, name="T4 Helhetlig etatsstyring")).to_be_visible()
    expect(page.get_by_text("FIN – Finansdepartementet").first).to_be_visible()


def test_language_switch_shows_english(page, live_server, login, demo_users):
    login("leder-fin")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    expect(page.get_by_role("heading", name="Target areas")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
