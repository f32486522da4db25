"""The forum, meeting, minutes and notification pages pass axe (WCAG 2.1 A/AA)."""

import pytest
from playwright.sync_api import expect

from forums.models import Forum
from forums.services.wheel import wheel_materialise

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting(demo_users):
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    return forum.meetings.order_by("starts_at").first()


@pytest.mark.parametrize(
    ("username", "path", "heading"),
    [
        ("leder-fin", "/forums/", "Fora"),
        ("leder-fin", "/forums/strategisk-forum/?year=2027", "Strategisk forum"),
        ("sekretariat", "/meetings/{pk}/", "Vintermøte"),
        ("leder-fin", "/meetings/{pk}/minutes/", "Referat: Vintermøte"),
        ("leder-fin", "/varsler/", "Varsler"),
    ],
)
def test_forum_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, meeting, username, path, heading
):
    login(username)
    page.goto(f"{live_server.url}{path.format(pk=meeting.pk)}")
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert axe_violations() == []


def test_the_wheel_has_a_text_alternative_and_a_table(page, live_server, login, meeting):
    login("leder-fin")
    page.goto(f"{live_server.url}/forums/strategisk-forum/?year=2027")
    wheel = page.get_by_role("img", name="Årshjul 2027")
    expect(wheel).to_be_visible()
    table = page.get_by_role("table", name="Møter og frister 2027")
    expect(table.locator("tbody tr")).to_have_count(5)
    page.get_by_role("link", name="Vintermøte").click()
    expect(
        page.get_by_role("heading", level=3, name="Sak 1/27 Porteføljegjennomgang")
    ).to_be_visible()
