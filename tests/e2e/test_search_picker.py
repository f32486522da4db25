"""With hundreds of measures the coordinator finds them by typing, ticks them and they stay."""

import pytest
from playwright.sync_api import expect

from forums.models import Proposal
from measures.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)


def _many_measures() -> None:
    lead = Measure.objects.first().lead_ministry
    Measure.objects.bulk_create(
        Measure(code=f"X{n:03d}", name_nb=f"Generert tiltak {n}", lead_ministry=lead)
        for n in range(300)
    )


def test_the_coordinator_searches_ticks_and_keeps_measures(
    page, live_server, login, axe_violations, demo_users
):
    _many_measures()
    login("koordinator")
    page.goto(f"{live_server.url}/saker/ny/")
    expect(page.get_by_role("heading", level=1, name="Ny sak")).to_be_visible()
    page.get_by_role("textbox", name="Tittel", exact=True).fill("Felles plattform")
    page.get_by_label("Tekst").fill("Forslag om en felles plattform.")
    page.get_by_label("Frist for standpunkt").fill("2030-01-15T12:00")

    measures = page.get_by_role("group", name="Tiltak")
    search = measures.get_by_role("searchbox", name="Søk på kode eller tittel")
    search.fill("X04")
    expect(measures.get_by_text("10 treff")).to_be_visible()
    measures.get_by_role("checkbox", name="X042 Generert tiltak 42").check()
    search.press("Enter")  # searches, does not send the form
    search.fill("T5")
    expect(measures.get_by_text("1 treff")).to_be_visible()
    expect(measures.get_by_role("checkbox", name="X042 Generert tiltak 42")).to_be_checked()
    measures.get_by_role("checkbox", name="T5 Felles IKT").check()
    assert axe_violations() == []

    page.get_by_role("button", name="Opprett utkast").click()
    expect(page.get_by_text("Saken er opprettet som utkast.")).to_be_visible()
    proposal = Proposal.objects.get(title="Felles plattform")
    assert set(proposal.measures.values_list("code", flat=True)) == {"X042", "T5"}
