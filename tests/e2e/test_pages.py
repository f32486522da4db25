"""Every page of the foundation passes axe (WCAG 2.1 A/AA), and the main journey works."""

import pytest
from django.db.models import Q

from measures.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_has_no_axe_violations(page, live_server, demo_users, axe_violations):
    page.goto(f"{live_server.url}/logg-inn/")
    assert page.get_by_role("heading", name="Logg inn").is_visible()
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
    assert page.get_by_role("heading", level=1, name=heading).is_visible()
    assert axe_violations() == []


def test_admin_head_sees_their_ministrys_measures_and_opens_one(
    page, live_server, login, demo_users
):
    login("leder-fin")
    assert page.get_by_text("FIN – Finansdepartementet").is_visible()
    fin = Q(lead_ministry__abbreviation="FIN") | Q(participating_ministries__abbreviation="FIN")
    rows = page.get_by_role("table", name="Tiltak for mitt departement").locator("tbody tr")
    assert rows.count() == Measure.objects.filter(fin).distinct().count()
    page.get_by_role("link", name="Helhetlig etatsstyring").click()
    assert page.get_by_role("heading", level=1, name="T4 Helhetlig etatsstyring").is_visible()
    assert page.get_by_text("FIN – Finansdepartementet").first.is_visible()


def test_language_switch_shows_english(page, live_server, login, demo_users):
    login("leder-fin")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    assert page.get_by_role("heading", name="Target areas").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
