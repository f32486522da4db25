"""Follow-up actions per strategy period (/oppfolgingspunkter/ and the API list): an action
belongs to the strategy of the measure it concerns, else of its proposal's year, else of its
meeting's year, else of its due date's year."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.models import FollowUpAction, Meeting, Proposal
from forums.services.proposals import proposal_create
from measures.models import Measure
from portfolio.models import Ministry
from tests.forums.conftest import user
from tests.measures.test_strategy_lists import EARLIER, LATER, successor_with

pytestmark = pytest.mark.django_db

PAGE = "/oppfolgingspunkter/?ministry="
API = "/api/v1/follow-up-actions/"


def proposal_in(year: int) -> Proposal:
    proposal = proposal_create(
        actor=user("koordinator"),
        title=f"Sak fra {year}",
        text="Strategisk forum bes gi tilslutning.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    # Test setup only: dates the proposal in the year as if it had been made then.
    Proposal.objects.filter(pk=proposal.pk).update(year=year, number=proposal.number + year)
    proposal.refresh_from_db()
    return proposal


def action(text: str, *, due: datetime.date | None = None, **origin) -> FollowUpAction:
    return FollowUpAction.objects.create(
        owner_ministry=Ministry.objects.get(abbreviation="FIN"),
        due_date=due or datetime.date(2027, 3, 1),
        text=text,
        **origin,
    )


@pytest.fixture
def actions(review_minutes):
    """Actions of both periods by each kind of origin; the minutes' meeting is of 2027."""
    successor_with("T1")
    entry = review_minutes.entries.get(kind="follow_up_action")
    assert FollowUpAction.objects.filter(
        minutes_entry=entry, measure=None, proposal=None
    ).exists()  # its agenda item names no single measure or proposal
    earlier = {
        action("Tiltak T1", measure=Measure.objects.get(code="T1")),
        # The measure decides over the proposal's year.
        action(
            "Tiltak T1, sak 2026",
            measure=Measure.objects.get(code="T1"),
            proposal=proposal_in(2026),
        ),
        action("Sak 2024", proposal=proposal_in(2024)),
        action("Uten opphav 2025", due=datetime.date(2025, 12, 1)),
    }
    later = {
        action("Tiltak 2026-T1", measure=Measure.objects.get(code="2026-T1")),
        action("Sak 2027", proposal=proposal_in(2027)),
        FollowUpAction.objects.get(minutes_entry=entry),  # made when the minutes were sent
        action("Uten opphav 2026", due=datetime.date(2026, 1, 5)),
    }
    return {a.pk for a in earlier}, {a.pk for a in later}


def api_ids(api, url: str) -> set[int]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    return {row["id"] for row in body.get("results", body)}


def test_the_api_list_shows_the_chosen_strategy_period_only(actions, api_client_for):
    earlier, later = actions
    api = api_client_for("observator")
    assert api_ids(api, f"{API}?strategy={EARLIER}") == earlier
    assert api_ids(api, f"{API}?strategy={LATER}") == later
    assert api_ids(api, API) == later  # the current strategy, as proposals and meetings
    assert api.get(f"{API}{min(earlier)}/").status_code == 200  # found whatever its strategy
    # An action of the minutes goes with its meeting's year. Test setup only: update()
    # bypasses what tells the cached lists of a change.
    Meeting.objects.filter(minutes__entries__kind="follow_up_action").update(year=2025)
    cache.clear()
    moved = FollowUpAction.objects.get(minutes_entry__isnull=False).pk
    assert moved in api_ids(api, f"{API}?strategy={EARLIER}")
    assert moved not in api_ids(api, f"{API}?strategy={LATER}")


def test_an_unknown_period_is_refused_as_by_the_measures_list(demo_users, api_client_for):
    api = api_client_for("observator")
    refused = api.get(f"{API}?strategy=1999-2000")
    assert refused.status_code == 400
    assert refused.json() == api.get("/api/v1/measures/?strategy=1999-2000").json()


def test_the_page_has_the_switcher_and_shows_the_chosen_period(actions, client_for):
    earlier, later = actions
    client = client_for("observator")
    current = client.get(PAGE)
    assert {a.pk for a in current.context["actions"]} == later
    html = current.content.decode()
    assert 'id="strategy-switcher"' in html and f'value="{EARLIER}"' in html
    chosen = client.get(f"{PAGE}&strategy={EARLIER}")
    assert {a.pk for a in chosen.context["actions"]} == earlier
    html = chosen.content.decode()
    assert "tidligere strategiperioden 2021-2025" in html
    # The filters keep the chosen period.
    assert f'<input type="hidden" name="strategy" value="{EARLIER}">' in html
    # A mistyped period shows the current one, as the other pages.
    typo = client.get(f"{PAGE}&strategy=1999")
    assert typo.status_code == 200 and {a.pk for a in typo.context["actions"]} == later


@pytest.mark.parametrize("url", [f"{PAGE}&strategy={EARLIER}", f"{API}?strategy={EARLIER}"])
def test_a_filtered_list_costs_the_same_queries_as_it_grows(
    review_minutes, client_for, api_client_for, url
):
    client = api_client_for("observator") if url.startswith("/api/") else client_for("observator")

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    successor_with("T1")
    entry = review_minutes.entries.get(kind="follow_up_action")
    action("Første", measure=Measure.objects.get(code="T1"))
    queries()  # the first request of a session reads what later ones have cached
    before = queries()
    for year in (2023, 2024):
        action(f"Sak {year}", proposal=proposal_in(year))
        action(f"Uten opphav {year}", due=datetime.date(year, 6, 1))
    action("Møte", minutes_entry=entry)
    action("Tiltak T4", measure=Measure.objects.get(code="T4"))
    assert queries() == before
