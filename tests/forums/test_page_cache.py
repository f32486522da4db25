"""Who owes what, the follow-up actions and the journal, pages and API lists, come from the
page cache: a user sees their own write at once, what depends on the reader (screened titles,
the reader's ministry and role) never reaches another reader, and nothing outlives its day."""

import datetime

import pytest
from django.utils import timezone

from forums.models import FollowUpAction, Record
from forums.services.follow_up import follow_up_action_complete, follow_up_action_reopen
from forums.services.records import record_mark
from tests.follow_up import count_queries
from tests.forums.conftest import user
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db
ACTIONS = "/oppfolgingspunkter/"
ACTIONS_API = "/api/v1/follow-up-actions/"
OWED = "/oppfolging/"
JOURNAL = "/journal/"
JOURNAL_API = "/api/v1/journal/"


@pytest.fixture
def action(review_minutes) -> FollowUpAction:
    """FIN's open follow-up action from minutes in review, due 2027-03-01."""
    return FollowUpAction.objects.get()


def _complete(action: FollowUpAction) -> None:
    follow_up_action_complete(actor=user("leder-fin"), action=action, account="Oppdatert.")


@pytest.mark.parametrize("path", [ACTIONS, OWED, JOURNAL])
def test_the_pages_are_cached_and_revalidated(reader, action, path):
    client = reader("koordinator")
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    assert count_queries(client, path) < count_queries(reader("koordinator"), path)
    assert client.get(path, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_the_owner_sees_their_closing_at_once_on_the_list_and_who_owes_what(reader, action):
    client = reader("leder-fin")
    listed = client.get(ACTIONS)
    owed = client.get(OWED)
    assert 'data-color="info">Åpen<' in listed.content.decode()
    assert len(owed.context["rows"][0].actions) == 1
    _complete(action)
    listed = client.get(ACTIONS, headers={"if-none-match": listed["ETag"]})
    assert listed.status_code == 200
    assert 'data-color="success">Ferdig<' in listed.content.decode()
    assert client.get(OWED, headers={"if-none-match": owed["ETag"]}).status_code == 200
    owed_page = client.get(OWED).content.decode()
    follow_up_action_reopen(actor=user("koordinator"), action=action)
    assert client.get(OWED).content.decode() != owed_page


def test_the_api_list_of_actions_shows_a_closing_at_once(api_client_for, action):
    client = api_client_for("leder-fin")
    before = client.get(ACTIONS_API)
    assert before.json()["results"][0]["state"] == "open"
    assert client.get(ACTIONS_API, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    _complete(action)
    after = client.get(ACTIONS_API, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["results"][0]["state"] == "done"


def test_the_list_of_actions_follows_each_readers_ministry(reader, action):
    fin = reader("leder-fin").get(ACTIONS)
    kdd = reader("leder-kdd").get(ACTIONS)  # same cookie values, same path, same data
    assert f"{ACTIONS}{action.pk}/" in fin.content.decode()
    assert f"{ACTIONS}{action.pk}/" not in kdd.content.decode()
    assert fin["ETag"] != kdd["ETag"]


def test_who_owes_what_never_shows_one_readers_page_to_another(reader, action):
    coordinator = reader("koordinator").get(OWED)
    assert len(coordinator.context["rows"]) > 1
    assert "paminn/" in coordinator.content.decode()
    head = reader("leder-fin").get(OWED)
    assert [row.ministry.abbreviation for row in head.context["rows"]] == ["FIN"]
    assert "paminn/" not in head.content.decode()
    assert reader("observator").get(OWED).status_code == 403
    again = reader("leder-fin").get(OWED, headers={"if-none-match": coordinator["ETag"]})
    assert again.status_code == 200 and "paminn/" not in again.content.decode()


def test_a_cached_page_does_not_outlive_its_day(reader, action, monkeypatch):
    client = reader("leder-fin")
    page = client.get(ACTIONS).content.decode()
    assert ">forfalt<" not in page
    assert count_queries(client, ACTIONS) < count_queries(reader("leder-fin"), ACTIONS)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 3, 2))
    assert ">forfalt<" in client.get(ACTIONS).content.decode()


@pytest.fixture
def exempt(consultation) -> Record:
    record = Record.objects.get(proposal_version__proposal=consultation)
    return mark_exempt(record, screened_title="Sak om innkjøp")


def test_the_journal_screens_titles_per_reader_through_the_cache(reader, exempt):
    fin = reader("leder-fin").get(JOURNAL)  # FIN takes part in the case
    other = reader("observator").get(JOURNAL)
    assert exempt.title in fin.content.decode()
    assert exempt.title not in other.content.decode()
    assert "Sak om innkjøp" in other.content.decode()
    again = reader("observator").get(JOURNAL, headers={"if-none-match": fin["ETag"]})
    assert again.status_code == 200 and exempt.title not in again.content.decode()


def test_the_secretariat_sees_its_marking_at_once_in_the_journal(reader, exempt):
    client = reader("sekretariat")
    observer = reader("observator")
    before = client.get(JOURNAL)
    assert "Unntatt offentlighet" in before.content.decode()
    assert exempt.title not in observer.get(JOURNAL).content.decode()
    record_mark(
        actor=user("sekretariat"),
        record=exempt,
        access="public",
        legal_basis="",
        screened_title="",
        reason="Ikke lenger taushetsbelagt",
    )
    after = client.get(JOURNAL, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after.content != before.content
    assert exempt.title in observer.get(JOURNAL).content.decode()


def test_the_journal_api_is_per_reader_and_fresh(api_client_for, exempt):
    today = timezone.localdate().isoformat()
    path = f"{JOURNAL_API}?from={today}&to={today}"
    reader = api_client_for("leder-fin").get(path)
    other = api_client_for("observator").get(path)
    assert reader.json()["results"][0]["title"] == exempt.title
    assert other.json()["results"][0]["title"] == "Sak om innkjøp"
    client = api_client_for("observator")
    assert client.get(path, HTTP_IF_NONE_MATCH=other["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH=reader["ETag"]).status_code == 200
    record_mark(
        actor=user("sekretariat"),
        record=exempt,
        access="public",
        legal_basis="",
        screened_title="",
        reason="Ikke lenger taushetsbelagt",
    )
    assert client.get(path).json()["results"][0]["title"] == exempt.title
