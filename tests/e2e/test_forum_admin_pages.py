"""The secretariat's forum pages (members, chair, mandate, annual wheel) and advice from a service
forum's meeting pass axe (WCAG 2.1 A/AA) in bokmål, nynorsk and English, and work in the browser."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Forum, Meeting, WheelSlot
from forums.services.meeting_advice import advice_from_meeting
from forums.services.proposals import proposal_create, proposal_open
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def advice(demo_users):
    """A held meeting of Digitale tjenester that advised on a proposal in consultation."""
    coordinator = user("koordinator")
    proposal = proposal_open(
        actor=coordinator,
        proposal=proposal_create(
            actor=coordinator,
            title="Felles IKT-plattform",
            text="Strategisk forum bes gi tilslutning.",
            deadline=timezone.now() + datetime.timedelta(days=7),
        ),
    )
    starts = timezone.now() - datetime.timedelta(days=2)
    meeting = Meeting.objects.create(
        forum=Forum.objects.get(slug="digitale-tjenester"),
        year=starts.year,
        title="Brukerforum",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    advice_from_meeting(
        actor=user("sekretariat"), meeting=meeting, proposal=proposal, text="Brukerne støtter."
    )
    return meeting, proposal


def _shot(page, name: str) -> None:
    """Keep a screenshot for a person to look at, when a folder for them is given."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _switch_to(page, language: str) -> None:
    page.get_by_label("Språk", exact=True).select_option(language)
    page.get_by_role("button", name="Bytt").click()
    page.wait_for_load_state()


PAGES = [
    (
        "forum",
        "/forums/strategisk-forum/",
        {"nb": "Strategisk forum", "nn": "Strategisk forum", "en": "Strategic Forum"},
    ),
    (
        "manage",
        "/forums/strategisk-forum/administrer/",
        {
            "nb": "Medlemmer, leder og mandat for Strategisk forum",
            "nn": "Medlemmer, leiar og mandat for Strategisk forum",
            "en": "Members, chair and mandate of Strategic Forum",
        },
    ),
    (
        "wheel",
        "/forums/digitale-tjenester/arshjul/",
        {
            "nb": "Årshjulet for Digitale tjenester",
            "nn": "Årshjulet for Digitale tenester",
            "en": "Annual wheel of Digital services",
        },
    ),
    (
        "slot",
        "/forums/strategisk-forum/arshjul/moter/{slot}/",
        {
            "nb": "Endre møtet Vintermøte",
            "nn": "Endre møtet Vintermøte",
            "en": "Change the meeting Vintermøte",
        },
    ),
    (
        "meeting",
        "/meetings/{meeting}/",
        {"nb": "Brukerforum", "nn": "Brukerforum", "en": "Brukerforum"},
    ),
    (
        "proposal",
        "/saker/{proposal}/",
        {"nb": "Felles IKT-plattform", "nn": "Felles IKT-plattform", "en": "Felles IKT-plattform"},
    ),
    (
        "core-group",
        "/forums/kjernegruppe-kg1/",
        {"nb": "utsatte barn", "nn": "utsette barn", "en": "vulnerable"},
    ),
]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, advice, language
):
    meeting, proposal = advice
    slot = WheelSlot.objects.filter(wheel__forum__slug="strategisk-forum").order_by("month")[0]
    login("sekretariat")
    if language != "nb":
        _switch_to(page, language)
    for name, path, headings in PAGES:
        url = path.format(slot=slot.pk, meeting=meeting.pk, proposal=proposal.pk)
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(headings[language])
        assert axe_violations() == [], (name, language)
        _shot(page, f"{name}-{language}")


def test_the_secretariat_plans_a_service_forum_in_the_browser(
    page, live_server, login, axe_violations, demo_users
):
    login("sekretariat")
    page.goto(f"{live_server.url}/forums/hr-tjenester/")
    page.get_by_role("link", name="Medlemmer, leder og mandat").first.click()
    page.get_by_label("Mandat (bokmål)", exact=True).fill("Brukermedvirkning for HR-tjenestene.")
    page.get_by_role("button", name="Lagre leder og mandat").click()
    expect(page.get_by_text("Lagret.")).to_be_visible()
    page.get_by_label("Person", exact=True).select_option(label="leder-fin (FIN)")
    page.get_by_label("Rolle", exact=True).select_option("chair")
    page.get_by_role("button", name="Legg til personen").click()
    expect(page.get_by_text("Personen er lagt til.")).to_be_visible()

    page.get_by_role("link", name="Rediger årshjulet").click()
    # A bad slot first: both a day and a week. The error is shown and axe is content.
    page.get_by_label("Tittel", exact=True).fill("Brukerforum HR")
    page.get_by_label("Måned", exact=True).select_option("12")
    page.get_by_label("Dag i måneden", exact=True).fill("10")
    page.get_by_role("button", name="Legg inn møtet").click()
    expect(page.get_by_text("Oppgi enten en dag i måneden eller en uke i måneden.")).to_be_visible()
    assert axe_violations() == []
    _shot(page, "wheel-error-nb")
    page.get_by_label("Dag i måneden", exact=True).fill("")
    page.get_by_label("Uke i måneden", exact=True).select_option("5")
    page.get_by_role("button", name="Legg inn møtet").click()
    expect(page.get_by_text("Møtet er lagt inn i årshjulet")).to_be_visible()

    page.goto(f"{live_server.url}/forums/hr-tjenester/?year={timezone.localdate().year + 1}")
    expect(page.get_by_role("link", name="Brukerforum HR")).to_be_visible()
    expect(page.get_by_text("Brukermedvirkning for HR-tjenestene.")).to_be_visible()
    expect(page.get_by_role("cell", name="leder-fin")).to_be_visible()
    _shot(page, "service-forum-nb")
