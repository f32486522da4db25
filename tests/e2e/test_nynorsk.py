"""The portal in nynorsk: chosen in the language switcher, the main pages pass axe."""

import pytest
from playwright.sync_api import expect

from forums.models import Forum
from forums.services.wheel import wheel_materialise

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    ("/", "Gode hver for oss. Best sammen."),
    ("/portefolje/", "Portefølje"),
    ("/portefolje/balanse/", "Balansen i porteføljen"),
    ("/departementer/", "Departement"),
    ("/tiltak/T4/", "T4 Heilskapleg etatsstyring"),
    ("/forums/", "Forum"),
    ("/forums/strategisk-forum/?year=2027", "Strategisk forum"),
    ("/meetings/{pk}/", "Vintermøte"),
    ("/saker/", "Saksregister"),
    ("/oppfolgingspunkter/", "Oppfølgingspunkt"),
    ("/oppfolging/", "Kven skuldar kva"),
    ("/journal/", "Journal"),
    ("/varsler/", "Varsel"),
    ("/konto/", "Kontoen min"),
]


@pytest.fixture
def meeting(demo_users):
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    return forum.meetings.order_by("starts_at").first()


def test_the_main_pages_in_nynorsk_have_no_axe_violations(
    page, live_server, login, axe_violations, meeting, tmp_path
):
    login("koordinator")
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt").click()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nn"
    expect(page.get_by_role("link", name="Hopp til hovudinnhald")).to_be_attached()
    found = {}
    for index, (path, heading) in enumerate(PAGES):
        page.goto(f"{live_server.url}{path.format(pk=meeting.pk)}")
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        assert page.locator("html").get_attribute("lang") == "nn", path
        page.screenshot(path=tmp_path / f"{index:02d}.png", full_page=True)
        found[path] = axe_violations()
    assert {path: violations for path, violations in found.items() if violations} == {}


def test_nynorsk_is_remembered_after_logging_out_and_in(page, live_server, login, demo_users):
    login("leder-fin")
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt").click()
    expect(page.get_by_role("heading", name="Målområde")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()
    page.goto(f"{live_server.url}/logg-inn/")
    expect(page.get_by_label("Brukarnamn")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nn"
