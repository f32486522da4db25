"""The journal entry, its access marking and requests to change it, through the API.

The same rules as the journal pages: the secretariat and the coordinator change a marking, an
admin head asks for a change; others are refused and nothing changes; bad input is a
translated 400; an archived document's marking is final (409).
"""

import pytest
from django.utils import timezone

from forums.models import MarkingChangeRequest, Record
from portfolio.models import AuditEvent
from tests.forums.records_helpers import mark_exempt

pytestmark = pytest.mark.django_db

MARK = {
    "access": "exempt",
    "legal_basis": "offl-14-1",
    "screened_title": "Sak om innkjøp",
    "reason": "Organinternt",
}
ASK = {"access": "exempt", "reason": "Forhandlingsposisjon"}


@pytest.fixture
def record(consultation) -> Record:
    return Record.objects.get(proposal_version__proposal=consultation)


def _url(record: Record, tail: str = "") -> str:
    return f"/api/v1/journal/records/{record.pk}/{tail}"


def _marking(record: Record) -> tuple:
    record.refresh_from_db()
    return (record.access, record.legal_basis_id, record.screened_title)


def _in(client, language: str):
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def test_the_journal_list_names_each_entry_by_the_id_the_record_takes(api_client_for, record):
    today = timezone.localdate().isoformat()
    journal = api_client_for("observator").get(f"/api/v1/journal/?from={today}&to={today}")
    [entry] = journal.json()["results"]
    assert entry["id"] == record.pk
    detail = api_client_for("observator").get(_url(record)).json()
    assert {key: detail[key] for key in entry} == entry
    assert (detail["may_mark"], detail["may_request"], detail["changes"]) == (False, False, [])


@pytest.mark.parametrize(
    ("who", "reads", "may_mark", "may_request"),
    [
        ("observator", False, False, False),
        ("leder-fin", True, False, True),
        ("sekretariat", True, True, False),
        ("koordinator", True, True, False),
    ],
)
def test_an_entry_shows_the_title_and_actions_of_the_caller(
    api_client_for, record, who, reads, may_mark, may_request
):
    mark_exempt(record, screened_title="Sak om innkjøp")
    body = api_client_for(who).get(_url(record)).json()
    assert body["title"] == (record.title if reads else "Sak om innkjøp")
    assert (body["readable"], body["may_mark"], body["may_request"]) == (
        reads,
        may_mark,
        may_request,
    )
    assert (body["access"], body["legal_basis_code"]) == ("exempt", "offl-14-1")
    assert bool(body["changes"]) == may_mark


def test_a_document_not_yet_registered_is_found_only_by_those_who_mark(api_client_for, draft):
    record = Record.objects.get(proposal_version__proposal=draft)
    assert record.document_number is None
    for who in ["observator", "leder-fin"]:
        assert api_client_for(who).get(_url(record)).status_code == 404
        response = api_client_for(who).post(_url(record, "marking-requests/"), ASK, format="json")
        assert response.status_code == 404
    body = api_client_for("sekretariat").get(_url(record)).json()
    assert (body["document_number"], body["registered_on"]) == (None, None)
    response = api_client_for("sekretariat").put(_url(record, "marking/"), MARK, format="json")
    assert response.status_code == 200, response.json()
    assert _marking(record)[0] == "exempt"


def test_an_unknown_entry_is_404(api_client_for, demo_users):
    client = api_client_for("sekretariat")
    assert client.get("/api/v1/journal/records/987654321/").status_code == 404
    missing = client.put("/api/v1/journal/records/987654321/marking/", MARK, format="json")
    assert missing.status_code == 404


@pytest.mark.parametrize("who", ["sekretariat", "koordinator"])
def test_the_secretariat_and_the_coordinator_change_the_marking(api_client_for, record, who):
    response = api_client_for(who).put(_url(record, "marking/"), MARK, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["access"], body["legal_basis_code"], body["screened_title"]) == (
        "exempt",
        "offl-14-1",
        "Sak om innkjøp",
    )
    assert [(c["kind"], c["access"], c["note"]) for c in body["changes"]] == [
        ("marked", "exempt", "Organinternt")
    ]
    event = AuditEvent.objects.get(kind="record.marked", target_id=str(record.pk))
    assert (event.actor.username, event.channel) == (who, "api")
    row = record.history.latest("history_id")
    assert (row.history_user.username, row.history_channel) == (who, "api")


@pytest.mark.parametrize("who", ["leder-fin", "observator", "anonymous"])
def test_others_cannot_change_the_marking_and_nothing_changes(api_client_for, record, who):
    before = _marking(record)
    response = api_client_for(who).put(_url(record, "marking/"), MARK, format="json")
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert _marking(record) == before
    assert not AuditEvent.objects.filter(kind="record.marked").exists()


def test_a_refusal_is_translated(api_client_for, record):
    client = api_client_for("leder-fin")
    nb = _in(client, "nb").put(_url(record, "marking/"), MARK, format="json").json()["detail"]
    en = _in(client, "en").put(_url(record, "marking/"), MARK, format="json").json()["detail"]
    assert en == "Only the secretariat and the coordinator mark documents."
    assert nb != en
    observer = api_client_for("observator")
    nb = _in(observer, "nb").post(_url(record, "marking-requests/"), ASK, format="json")
    en = _in(observer, "en").post(_url(record, "marking-requests/"), ASK, format="json")
    assert en.json()["detail"] == "Only an admin head may ask for a change of marking."
    assert nb.json()["detail"] != en.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"legal_basis": ""}, "legal_basis"),
        ({"legal_basis": "offl-99"}, "legal_basis"),
        ({"access": "secret"}, "access"),
        ({"reason": "  "}, "reason"),
        ({"screened_title": "x" * 251}, "screened_title"),
    ],
)
def test_bad_marking_is_a_translated_400_and_changes_nothing(api_client_for, record, change, field):
    client = api_client_for("sekretariat")
    before = _marking(record)
    answers = {}
    for language in ["nb", "en"]:
        response = _in(client, language).put(
            _url(record, "marking/"), {**MARK, **change}, format="json"
        )
        assert response.status_code == 400
        answers[language] = response.json()[field]
    assert answers["nb"] != answers["en"]
    assert _marking(record) == before
    assert not AuditEvent.objects.filter(kind="record.marked").exists()


def test_the_marking_of_an_archived_document_is_final(api_client_for, record):
    Record.objects.filter(pk=record.pk).update(archived_at=timezone.now())
    before = _marking(record)
    client = api_client_for("sekretariat")
    nb = _in(client, "nb").put(_url(record, "marking/"), MARK, format="json")
    en = _in(client, "en").put(_url(record, "marking/"), MARK, format="json")
    assert (nb.status_code, en.status_code) == (409, 409)
    assert nb.json()["detail"] != en.json()["detail"]
    asked = api_client_for("leder-fin").post(_url(record, "marking-requests/"), ASK, format="json")
    assert asked.status_code == 409
    assert _marking(record) == before
    assert not MarkingChangeRequest.objects.exists()
    assert api_client_for("sekretariat").get(_url(record)).json()["archived"] is True


def test_an_admin_head_asks_and_the_secretariat_sees_and_answers(api_client_for, record):
    response = api_client_for("leder-fin").post(
        _url(record, "marking-requests/"), ASK, format="json"
    )
    assert response.status_code == 201, response.json()
    asked = response.json()
    assert (asked["ministry"], asked["requested_by"], asked["access"], asked["outcome"]) == (
        "FIN",
        "leder-fin",
        "exempt",
        "open",
    )
    event = AuditEvent.objects.get(kind="record.marking_change_requested")
    assert (event.actor.username, event.channel, event.note) == (
        "leder-fin",
        "api",
        "Forhandlingsposisjon",
    )
    secretariat = api_client_for("sekretariat")
    [listed] = secretariat.get(_url(record, "marking-requests/")).json()
    assert listed == asked
    secretariat.put(_url(record, "marking/"), MARK, format="json")
    [answered] = secretariat.get(_url(record, "marking-requests/")).json()
    assert answered["outcome"] == "done"
    kinds = [change["kind"] for change in secretariat.get(_url(record)).json()["changes"]]
    assert kinds == ["marked", "requested"]


@pytest.mark.parametrize("who", ["observator", "sekretariat", "koordinator"])
def test_only_an_admin_head_asks_and_nothing_is_made(api_client_for, record, who):
    response = api_client_for(who).post(_url(record, "marking-requests/"), ASK, format="json")
    assert response.status_code == 403
    assert not MarkingChangeRequest.objects.exists()


@pytest.mark.parametrize("who", ["observator", "leder-fin"])
def test_only_those_who_mark_see_the_requests(api_client_for, record, who):
    api_client_for("leder-fin").post(_url(record, "marking-requests/"), ASK, format="json")
    assert api_client_for(who).get(_url(record, "marking-requests/")).status_code == 403
    assert api_client_for("koordinator").get(_url(record, "marking-requests/")).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [({"access": "secret"}, "access"), ({"reason": " "}, "reason"), ({"reason": None}, "reason")],
)
def test_a_bad_request_is_a_translated_400_and_makes_nothing(api_client_for, record, change, field):
    client = api_client_for("leder-fin")
    answers = {}
    for language in ["nb", "en"]:
        response = _in(client, language).post(
            _url(record, "marking-requests/"), {**ASK, **change}, format="json"
        )
        assert response.status_code == 400
        answers[language] = response.json()[field]
    assert answers["nb"] != answers["en"]
    assert not MarkingChangeRequest.objects.exists()
    assert not AuditEvent.objects.filter(kind="record.marking_change_requested").exists()
