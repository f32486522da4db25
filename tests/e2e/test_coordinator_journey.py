"""The coordinator's main journey in the browser: from the empty register to a drafted and
opened proposal, its positions, and closing it after the question; axe-core on every page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Proposal
from forums.services.proposals import position_record
from portfolio.models import Ministry

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_drafts_opens_and_closes_a_proposal_after_the_question(
    page, live_server, login, axe_violations, demo_users
):
    login("koordinator")
    page.get_by_role("link", name="Saksregister").click()
    expect(page.get_by_text("Ingen saker ennå.")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("link", name="Ny sak").click()
    assert axe_violations() == []
    page.get_by_label("Tittel").fill("Felles IKT: veikart")
    page.get_by_label("Tekst").fill("Strategisk forum bes slutte seg til veikartet.")
    page.get_by_label("Frist for standpunkt").fill("2099-06-01T12:00")
    page.get_by_role("button", name="Opprett utkast").click()
    page.get_by_role("button", name="Åpne for standpunkt").click()
    expect(page.get_by_text("Saken er åpnet for standpunkt.")).to_be_visible()

    proposal = Proposal.objects.get()
    position_record(
        actor=get_user_model().objects.get(username="leder-fin"),
        proposal=proposal,
        ministry=Ministry.objects.get(abbreviation="FIN"),
        position="endorse",
    )
    # The deadline passes: the coordinator may now close before every ministry has answered.
    Proposal.objects.filter(pk=proposal.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    page.reload()
    table = page.get_by_role("table", name="Gjeldende standpunkt til versjon 1")
    expect(
        table.get_by_role("row", name="FIN").get_by_role("cell", name="Tilslutning")
    ).to_be_visible()
    assert axe_violations() == []

    page.get_by_role("link", name="Avslutt og beregn utfallet").click()
    assert axe_violations() == []
    proposal.refresh_from_db()
    assert proposal.status == "consultation"  # The question alone changes nothing.
    page.get_by_role("button", name="Lukk saken").click()
    expect(page.get_by_text("Saken er avsluttet").first).to_be_visible()
    assert axe_violations() == []
    proposal.refresh_from_db()
    assert proposal.is_closed
