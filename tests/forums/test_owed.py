"""Who owes what (/oppfolging/): for the coordinator and the secretariat, each admin head
their own row; sortable, to Excel, a rate-limited and audited reminder (also through the API);
flat query count."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from forums.models import FollowUpAction
from portfolio.models import AuditEvent, Ministry, Notification

pytestmark = pytest.mark.django_db
PAGE = "/oppfolging/"


def _action(abbreviation: str, days: int) -> FollowUpAction:
    return FollowUpAction.objects.create(
        owner_ministry=Ministry.objects.get(abbreviation=abbreviation),
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        text=f"Punkt for {abbreviation}",
    )


@pytest.fixture
def owed(demo_users, consultation):
    """FIN owes a position (the consultation), one overdue and one open action; KDD one."""
    return [_action("FIN", -3), _action("FIN", 10), _action("KDD", 5)]


def _row(response, abbreviation):
    return next(
        row for row in response.context["rows"] if row.ministry.abbreviation == abbreviation
    )


@pytest.mark.parametrize("who", ["koordinator", "sekretariat"])
def test_coordinator_and_secretariat_see_every_ministry(owed, client_for, who):
    response = client_for(who).get(PAGE)
    assert response.status_code == 200
    listed = {row.ministry.abbreviation for row in response.context["rows"]}
    assert len(listed) == Ministry.objects.owners().active_on(timezone.localdate()).count()
    assert not listed & {"ASD", "KMD"}  # ended at the end of 2021
    fin = _row(response, "FIN")
    assert (len(fin.positions), len(fin.actions), len(fin.overdue)) == (1, 2, 1)
    assert response.context["may_remind"] is True


def test_an_admin_head_sees_only_their_own_row(owed, client_for):
    response = client_for("leder-kdd").get(PAGE)
    assert [row.ministry.abbreviation for row in response.context["rows"]] == ["KDD"]
    assert response.context["may_remind"] is False
    assert "Punkt for FIN" not in response.content.decode()


@pytest.mark.parametrize("who", ["observator"])
def test_others_are_refused(owed, client_for, who):
    assert client_for(who).get(PAGE).status_code == 403
    assert client_for(who).get(f"{PAGE}eksport.xlsx").status_code == 403
    assert client_for("anonymous").get(PAGE).status_code == 302


def test_rows_sort_by_any_column(owed, client_for):
    client = client_for("koordinator")
    by_total = [row.ministry.abbreviation for row in client.get(PAGE).context["rows"]]
    assert by_total[0] == "FIN"
    by_name = [
        row.ministry.abbreviation for row in client.get(PAGE, {"sort": "ministry"}).context["rows"]
    ]
    assert by_name == sorted(by_name)
    reverse = client.get(PAGE, {"sort": "-ministry"}).context["rows"]
    assert [row.ministry.abbreviation for row in reverse] == sorted(by_name, reverse=True)
    assert client.get(PAGE, {"sort": "nonsense"}).status_code == 200


def test_excel_export_has_the_visible_rows(owed, client_for):
    response = client_for("leder-fin").get(f"{PAGE}eksport.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "FIN"
    assert len(rows) == 2
    assert rows[1][3] == 2  # open follow-up actions


def test_the_reminder_is_sent_once_a_day_to_the_ministry_and_audited(owed, client_for):
    url = f"{PAGE}FIN/paminn/"
    for who in ("leder-fin", "observator"):
        assert client_for(who).post(url).status_code == 403
    assert not Notification.objects.filter(key__startswith="owed:").exists()
    assert client_for("koordinator").post(url).status_code == 302
    sent = Notification.objects.filter(key__startswith="owed:")
    assert set(sent.values_list("recipient__username", flat=True)) == {"leder-fin"}
    assert (
        AuditEvent.objects.filter(kind="owed.reminded", ministry__abbreviation="FIN").count() == 1
    )
    again = client_for("sekretariat").post(url, follow=True)
    assert "24" in again.content.decode()
    assert sent.count() == 1
    assert AuditEvent.objects.filter(kind="owed.reminded").count() == 1
    assert client_for("koordinator").post(f"{PAGE}NOPE/paminn/").status_code == 404


def test_the_api_reminds_as_the_page_does(owed, api_client_for):
    url = "/api/v1/ministries/FIN/owed-reminder/"
    for who in ("leder-fin", "observator"):
        response = api_client_for(who).post(url)
        assert response.status_code == 403 and set(response.json()) == {"detail"}
    assert not Notification.objects.filter(key__startswith="owed:").exists()
    response = api_client_for("sekretariat").post(url)
    assert response.status_code == 201
    assert response.json() == {"ministry": "FIN", "recipients": 1}
    sent = Notification.objects.filter(key__startswith="owed:")
    assert set(sent.values_list("recipient__username", flat=True)) == {"leder-fin"}
    again = api_client_for("koordinator").post(url, HTTP_ACCEPT_LANGUAGE="nb")
    assert again.status_code == 409 and "24 timer" in again.json()["detail"]
    assert sent.count() == 1
    assert AuditEvent.objects.filter(kind="owed.reminded").count() == 1
    assert (
        api_client_for("koordinator").post("/api/v1/ministries/NOPE/owed-reminder/").status_code
        == 404
    )
    # DSS is no owner: it owes nothing and is never reminded.
    assert (
        api_client_for("koordinator").post("/api/v1/ministries/DSS/owed-reminder/").status_code
        == 404
    )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE).status_code == 200
    return len(captured)


def test_the_query_count_is_flat(owed, client_for):
    client = client_for("koordinator")
    few = _queries(client)
    for number in range(30):
        _action("FIN" if number % 2 else "KDD", number - 15)
    assert _queries(client) == few


def test_only_ministries_existing_on_the_day_are_listed(owed, client_for):
    from portfolio.dashboard.owed import owed_rows

    today = timezone.localdate()
    kdd = Ministry.objects.get(abbreviation="KDD")
    kdd.valid_to = today - datetime.timedelta(days=1)
    kdd.save(update_fields=["valid_to"])
    new = Ministry.objects.create(
        abbreviation="NYD",
        name_nb="Nytt departement",
        valid_from=today + datetime.timedelta(days=30),
    )
    client = client_for("koordinator")
    listed = [row.ministry.abbreviation for row in client.get(PAGE).context["rows"]]
    assert "KDD" not in listed and "NYD" not in listed
    assert "FIN" in listed
    assert len(listed) == Ministry.objects.owners().active_on(today).count()
    sheet = load_workbook(io.BytesIO(client.get(f"{PAGE}eksport.xlsx").content)).active
    assert "KDD" not in [row[0] for row in sheet.iter_rows(values_only=True)]
    assert client.post(f"{PAGE}KDD/paminn/").status_code == 404
    assert not AuditEvent.objects.filter(kind="owed.reminded").exists()
    # On a day they both existed, both are listed, with what they owed.
    on_the_day = {
        row.ministry.abbreviation: row
        for row in owed_rows(today=today + datetime.timedelta(days=30))
        if row.ministry.abbreviation in ("KDD", "NYD")
    }
    assert set(on_the_day) == {"NYD"}
    earlier = {row.ministry.abbreviation: row for row in owed_rows(today=kdd.valid_to)}
    assert len(earlier["KDD"].actions) == 1 and new.abbreviation not in earlier


def test_a_cell_lists_ten_entries_and_counts_the_rest(owed, client_for):
    for days in range(12):
        _action("FIN", days + 20)
    response = client_for("koordinator").get(PAGE)
    assert len(_row(response, "FIN").actions) == 14
    page = response.content.decode()
    fin = page[page.index('<th scope="row">FIN</th>') :]
    fin = fin[: fin.index("</tr>")]
    assert len(re.findall(r'href="/oppfolgingspunkter/\d+/"', fin)) == 10
    assert "og 4 til" in fin
    assert 'href="/oppfolgingspunkter/?ministry=FIN&amp;state=open"' in fin
