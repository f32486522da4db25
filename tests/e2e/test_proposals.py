"""The decision register's pages pass axe (WCAG 2.1 A/AA), and the endorsement journey works."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Position, Proposal
from forums.services.proposals import proposal_create, proposal_open

pytestmark = pytest.mark.django_db(transaction=True)


def _open_proposal() -> Proposal:
    koordinator = get_user_model().objects.get(username="koordinator")
    proposal = proposal_create(
        actor=koordinator,
        title="Felles anskaffelsesstrategi",
        text="Strategisk forum bes gi tilslutning.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    return proposal_open(actor=koordinator, proposal=proposal)


@pytest.mark.parametrize(
    ("username", "path", "heading"),
    [
        ("leder-fin", "/saker/", "Saksregister"),
        ("leder-fin", "/saker/{pk}/", "{number} Felles anskaffelsesstrategi"),
        ("koordinator", "/saker/{pk}/", "{number} Felles anskaffelsesstrategi"),
        ("koordinator", "/saker/ny/", "Ny sak"),
        ("koordinator", "/saker/{pk}/revider/", "Revider {number}"),
        ("leder-fin", "/saker/fullmakter/", "Fullmakter"),
        ("leder-fin", "/", "Gode hver for oss. Best sammen."),
    ],
)
def test_proposal_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, demo_users, username, path, heading
):
    proposal = _open_proposal()
    login(username)
    page.goto(f"{live_server.url}{path.format(pk=proposal.pk)}")
    name = heading.format(number=proposal.register_number)
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert axe_violations() == []


def test_coordinator_creates_and_opens_and_the_admin_head_endorses(
    page, live_server, login, demo_users, axe_violations
):
    login("koordinator")
    page.get_by_role("link", name="Saksregister").click()
    page.get_by_role("link", name="Ny sak").click()
    page.get_by_label("Tittel").fill("Felles IKT: veikart")
    page.get_by_label("Tekst").fill("Strategisk forum bes slutte seg til veikartet.")
    page.get_by_label("Frist for standpunkt").fill("2099-06-01T12:00")
    page.get_by_role("button", name="Opprett utkast").click()
    expect(page.get_by_text("Saken er opprettet som utkast.")).to_be_visible()
    page.get_by_role("button", name="Åpne for standpunkt").click()
    expect(page.get_by_text("Saken er åpnet for standpunkt.")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.status == "consultation"

    login("leder-fin")
    waiting = page.get_by_role("region", name="Venter på mitt departement")
    waiting.get_by_role("link", name=f"{proposal.register_number} Felles IKT: veikart").click()
    form = page.get_by_role("region", name="Standpunkt for FIN")
    form.get_by_role("radio", name="Tilslutning").check()
    form.get_by_role("button", name="Registrer standpunkt").click()
    expect(page.get_by_text("Standpunktet til FIN er registrert.")).to_be_visible()
    table = page.get_by_role("table", name="Gjeldende standpunkt til versjon 1")
    row = table.get_by_role("row", name="FIN")
    expect(row.get_by_role("cell", name="Tilslutning")).to_be_visible()
    assert axe_violations() == []
    assert Position.objects.get(proposal=proposal).position == "endorse"
