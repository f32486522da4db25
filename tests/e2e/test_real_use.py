"""The pages added for real use pass axe: the question before an action, error pages, charts."""

import pytest
from playwright.sync_api import expect

from forums.models import Forum, Meeting
from forums.services.wheel import wheel_materialise

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting(demo_users) -> Meeting:
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    return forum.meetings.filter(year=2027).order_by("starts_at").first()


def test_the_secretariat_cancels_after_the_question_and_reinstates(
    page, live_server, login, axe_violations, meeting
):
    login("sekretariat")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Avlys årets møte").click()
    expect(page.get_by_role("heading", name="Hva som vil skje")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("button", name="Avlys møtet").click()
    expect(page.get_by_role("button", name="Gjeninnsett møtet")).to_be_visible()
    page.get_by_role("button", name="Gjeninnsett møtet").click()
    expect(page.get_by_text("Møtet er gjeninnsatt")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/finnes-ikke/", "Vi finner ikke den siden"),
        ("/tiltak/perioder/1/lukk/", "Du har ikke tilgang til dette"),
        ("/portefolje/balanse/", "Balansen i porteføljen"),
        ("/portefolje/", "Portefølje"),
    ],
)
def test_error_pages_and_charts_pass_axe(
    page, live_server, login, axe_violations, demo_users, path, heading
):
    login("leder-fin")
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert axe_violations() == []
