"""The journal: the API list with its period, the Noark 5 public journal, screened titles."""

import pytest
from django.utils import timezone

from forums.models import Record
from tests.forums.records_helpers import assert_valid, mark_exempt

pytestmark = pytest.mark.django_db

NS = {"j": "http://www.arkivverket.no/standarder/noark5/offentligJournal"}


def _period() -> str:
    today = timezone.localdate().isoformat()
    return f"from={today}&to={today}"


@pytest.fixture
def exempt_version(consultation) -> Record:
    record = Record.objects.get(proposal_version__proposal=consultation)
    return mark_exempt(record, screened_title="Sak om innkjøp")


def test_journal_api_lists_the_exact_fields(api_client_for, consultation):
    response = api_client_for("observator").get(f"/api/v1/journal/?{_period()}")
    assert response.status_code == 200
    [entry] = response.json()["results"]
    for field in [
        "document_number",
        "case_number",
        "title",
        "access",
        "legal_basis",
        "registered_on",
    ]:
        assert field in entry
    assert entry["document_number"].startswith(entry["case_number"] + "-")
    assert entry["title"] == Record.objects.get().title


@pytest.mark.parametrize(
    ("who", "sees_title"),
    [
        ("observator", False),
        ("leder-fin", True),
        ("koordinator", True),
        ("sekretariat", True),
    ],
)
def test_journal_api_screens_exempt_titles_for_who_may_not_read(
    api_client_for, exempt_version, who, sees_title
):
    [entry] = api_client_for(who).get(f"/api/v1/journal/?{_period()}").json()["results"]
    assert entry["access"] == "exempt" and entry["legal_basis"] == "offl. § 14 første ledd"
    expected = exempt_version.title if sees_title else "Sak om innkjøp"
    assert (entry["title"], entry["screened"]) == (expected, not sees_title)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2027-01-01", "to"),
        ("from=2027-13-01&to=2027-12-31", "from"),
        ("from=2027-02-01&to=2027-01-01", "to"),
        ("from=2027-01-01&to=2027-12-31&access=secret", "access"),
    ],
)
def test_journal_api_refuses_a_bad_period(api_client_for, demo_users, query, field):
    response = api_client_for("observator").get(f"/api/v1/journal/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_journal_api_needs_a_login(api_client_for, demo_users):
    assert api_client_for("anonymous").get(f"/api/v1/journal/?{_period()}").status_code == 401


def test_public_journal_export_is_valid_noark5_and_never_shows_the_exempt_title(
    api_client_for, exempt_version
):
    for who in ("sekretariat", "observator"):
        response = api_client_for(who).get(f"/api/v1/journal/export.xml?{_period()}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        document = assert_valid(response.content, "offentligJournal.xsd")
        titles = document.xpath("//j:journalpost/j:offentligTittel/text()", namespaces=NS)
        assert titles == ["Sak om innkjøp"]
        assert exempt_version.title.encode() not in response.content
        assert document.xpath("//j:skjermingshjemmel/text()", namespaces=NS) == [
            "offl. § 14 første ledd"
        ]


def test_public_journal_export_of_an_empty_period_is_404(api_client_for, demo_users):
    response = api_client_for("observator").get(
        "/api/v1/journal/export.xml?from=1990-01-01&to=1990-12-31"
    )
    assert response.status_code == 404


def test_public_journal_export_refuses_reversed_dates(api_client_for, demo_users):
    response = api_client_for("observator").get(
        "/api/v1/journal/export.xml?from=2027-02-01&to=2027-01-01"
    )
    assert response.status_code == 400
    assert "to" in response.json()


def test_demo_documents_are_journaled_with_each_marking(demo_users):
    from django.core.management import call_command

    for _ in range(2):  # safe to repeat
        call_command("seed_demo", "--force", "--documents", verbosity=0)
    records = Record.objects.filter(document_number__isnull=False)
    assert sorted(records.values_list("access", flat=True)) == [
        "exempt",
        "partly_exempt",
        "public",
    ]
