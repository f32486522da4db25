"""Follow-up actions: made from the minutes, closed by the owner ministry, reopened by the
coordinator, reminded once; in the pages and the API, refusals change nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import FollowUpAction, FollowUpReminder
from forums.services.delegations import delegation_grant
from forums.services.follow_up import follow_up_action_complete
from forums.services.minutes import minutes_correct, minutes_entry_delete
from forums.tasks.follow_up import follow_up_remind
from portfolio.models import AuditEvent, Notification, UserProfile
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db
API = "/api/v1/follow-up-actions/"


@pytest.fixture
def action(review_minutes) -> FollowUpAction:
    return FollowUpAction.objects.get()


def _snapshot(action: FollowUpAction) -> tuple:
    action.refresh_from_db()
    return (action.state, action.account, action.reason, action.closed_at)


def test_an_action_is_made_when_the_minutes_go_to_review_not_before(draft_minutes):
    from forums.services.minutes import minutes_submit

    assert not FollowUpAction.objects.exists()
    minutes_submit(actor=user("sekretariat"), minutes=draft_minutes)
    action = FollowUpAction.objects.get()
    entry = draft_minutes.entries.get(kind="follow_up_action")
    assert (action.owner_ministry.abbreviation, action.due_date, action.text, action.state) == (
        "FIN",
        datetime.date(2027, 3, 1),
        entry.text,
        "open",
    )
    assert action.minutes_entry == entry
    assert AuditEvent.objects.filter(kind="follow_up.created").count() == 1


def test_the_api_lists_actions_with_their_origin_and_filters(action, api_client_for):
    client = api_client_for("observator")
    item = client.get(API).json()["results"][0]
    assert item["id"] == action.pk
    assert item["owner_ministry"] == "FIN"
    assert item["state"] == "open"
    assert item["due_date"] == "2027-03-01"
    assert item["minutes"] == action.minutes_entry.minutes_id
    assert item["minutes_entry"] == action.minutes_entry_id
    assert client.get(API, {"ministry": "fin"}).json()["count"] == 1
    assert client.get(API, {"ministry": "KDD"}).json()["count"] == 0
    assert client.get(API, {"state": "done"}).json()["count"] == 0
    assert client.get(API, {"overdue": "true"}).json()["count"] == 0
    action.due_date = timezone.localdate() - datetime.timedelta(days=1)
    action.save()
    overdue = client.get(API, {"ministry": "FIN", "state": "open", "overdue": "true"}).json()
    assert [row["id"] for row in overdue["results"]] == [action.pk]
    assert overdue["results"][0]["overdue"] is True
    assert client.get(API, {"state": "nonsense"}).status_code == 400


def test_the_owner_ministry_completes_an_action_in_the_api(action, api_client_for):
    response = api_client_for("leder-fin").post(
        f"{API}{action.pk}/complete/", {"account": "Rapporten er oppdatert."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "done"
    assert response.json()["account"] == "Rapporten er oppdatert."
    assert AuditEvent.objects.filter(kind="follow_up.done", target_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    ("who", "path", "body", "code"),
    [
        ("leder-kdd", "complete", {"account": "Gjort."}, 403),
        ("koordinator", "complete", {"account": "Gjort."}, 403),
        ("sekretariat", "cancel", {"reason": "Ikke aktuelt."}, 403),
        ("leder-kdd", "cancel", {"reason": "Ikke aktuelt."}, 403),
        ("leder-fin", "complete", {}, 400),
        ("leder-fin", "complete", {"account": "   "}, 400),
        ("leder-fin", "cancel", {"account": "Feil felt."}, 400),
        ("leder-fin", "reopen", {}, 403),
        ("koordinator", "reopen", {}, 409),
    ],
)
def test_the_api_refuses_and_changes_nothing(action, api_client_for, who, path, body, code):
    before = _snapshot(action)
    events = AuditEvent.objects.count()
    response = api_client_for(who).post(f"{API}{action.pk}/{path}/", body, format="json")
    assert response.status_code == code, response.content
    assert _snapshot(action) == before
    assert AuditEvent.objects.count() == events


def test_a_closed_action_cannot_be_closed_again_and_the_coordinator_reopens_it(
    action, api_client_for
):
    follow_up_action_complete(actor=user("leder-fin"), action=action, account="Gjort.")
    fin = api_client_for("leder-fin")
    before = _snapshot(action)
    assert fin.post(f"{API}{action.pk}/cancel/", {"reason": "x"}, format="json").status_code == 409
    assert fin.post(f"{API}{action.pk}/complete/", {"account": "y"}).status_code == 409
    assert _snapshot(action) == before
    response = api_client_for("koordinator").post(f"{API}{action.pk}/reopen/")
    assert response.status_code == 200
    assert response.json()["state"] == "open"
    response = fin.post(f"{API}{action.pk}/cancel/", {"reason": "Ikke aktuelt."}, format="json")
    assert response.json()["state"] == "cancelled"
    assert response.json()["reason"] == "Ikke aktuelt."


def test_a_delegate_of_the_owner_ministry_may_close_it(action, api_client_for):
    deputy = get_user_model().objects.create_user("nestleder-fin", password="demo")
    UserProfile.objects.create(user=deputy, ministry=ministry("FIN"))
    assert api_client_for("anonymous").post(f"{API}{action.pk}/complete/").status_code == 401
    client = api_client_for("anonymous")
    client.force_authenticate(deputy)
    assert client.post(f"{API}{action.pk}/complete/", {"account": "x"}).status_code == 403
    today = timezone.localdate()
    delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today,
    )
    response = client.post(f"{API}{action.pk}/complete/", {"account": "Gjort."}, format="json")
    assert response.status_code == 200


# --- Pages ---------------------------------------------------------------------------------


def test_the_detail_page_offers_closing_only_to_the_owner_ministry(action, client_for):
    page = f"/oppfolgingspunkter/{action.pk}/"
    assert client_for("leder-fin").get(page).context["complete_form"] is not None
    for who in ("leder-kdd", "koordinator", "sekretariat", "observator"):
        response = client_for(who).get(page)
        assert response.status_code == 200
        assert response.context["complete_form"] is None, who
        assert response.context["may_reopen"] is False, who


def test_closing_in_the_page_is_refused_for_another_ministry(action, client_for):
    before = _snapshot(action)
    for step, field in (("complete", "complete-account"), ("cancel", "cancel-reason")):
        url = f"/oppfolgingspunkter/{action.pk}/{step}/"
        assert client_for("leder-kdd").post(url, {field: "Gjort."}).status_code == 403
        assert client_for("koordinator").post(url, {field: "Gjort."}).status_code == 403
    assert _snapshot(action) == before


def test_the_owner_ministry_completes_in_the_page_and_the_coordinator_reopens(action, client_for):
    url = f"/oppfolgingspunkter/{action.pk}/"
    fin = client_for("leder-fin")
    empty = fin.post(f"{url}complete/", {"complete-account": ""})
    assert empty.status_code == 400
    assert _snapshot(action)[0] == "open"
    assert fin.post(f"{url}complete/", {"complete-account": "Gjort."}).status_code == 302
    assert _snapshot(action)[:2] == ("done", "Gjort.")
    assert fin.post(f"{url}reopen/").status_code == 403
    assert _snapshot(action)[0] == "done"
    assert client_for("koordinator").get(url).context["may_reopen"] is True
    assert client_for("koordinator").post(f"{url}reopen/").status_code == 302
    assert _snapshot(action)[0] == "open"
    assert fin.post(f"{url}cancel/", {"cancel-reason": "Utgår."}).status_code == 302
    assert _snapshot(action)[:3] == ("cancelled", "", "Utgår.")
    assert fin.post(f"{url}no-such-step/").status_code == 404


def test_the_list_page_shows_my_ministry_by_default(action, client_for):
    assert [
        a.pk for a in client_for("leder-fin").get("/oppfolgingspunkter/").context["actions"]
    ] == [action.pk]
    assert client_for("leder-kdd").get("/oppfolgingspunkter/").context["actions"] == []
    everyone = client_for("leder-kdd").get("/oppfolgingspunkter/?ministry=")
    assert [a.pk for a in everyone.context["actions"]] == [action.pk]


def test_start_page_and_dashboard_show_my_ministrys_open_and_overdue_actions(action, client_for):
    action.due_date = timezone.localdate() - datetime.timedelta(days=3)
    action.save()
    home = client_for("leder-fin").get("/").content.decode()
    assert action.text in home
    dashboard = client_for("leder-fin").get("/portefolje/")
    assert dashboard.context["follow_up_actions"] == [action]
    assert action.text not in client_for("leder-kdd").get("/").content.decode()
    follow_up_action_complete(actor=user("leder-fin"), action=action, account="Gjort.")
    assert client_for("leder-fin").get("/portefolje/").context["follow_up_actions"] == []


# --- Reminders -----------------------------------------------------------------------------


def test_reminders_go_once_per_kind_to_the_owner_ministry_only(action):
    today = timezone.localdate()
    action.due_date = today + datetime.timedelta(days=3)
    action.save()
    assert follow_up_remind() == 1
    assert follow_up_remind() == 0
    recipients = set(
        Notification.objects.filter(key__startswith="follow-up:").values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"leder-fin"}
    action.due_date = today - datetime.timedelta(days=1)
    action.save()
    assert follow_up_remind() == 1
    assert follow_up_remind() == 0
    kinds = set(FollowUpReminder.objects.values_list("kind", flat=True))
    assert kinds == {"due_soon", "overdue"}
    assert Notification.objects.filter(key__startswith="follow-up:").count() == 2


def test_no_reminder_for_a_closed_action_or_one_far_ahead(action):
    action.due_date = timezone.localdate() + datetime.timedelta(days=30)
    action.save()
    assert follow_up_remind() == 0
    action.due_date = timezone.localdate() - datetime.timedelta(days=1)
    action.save()
    follow_up_action_complete(actor=user("leder-fin"), action=action, account="Gjort.")
    assert follow_up_remind() == 0


# --- Minutes keep their actions in step ----------------------------------------------------


def test_removing_the_entry_during_review_cancels_its_action(action):
    entry = action.minutes_entry
    minutes_entry_delete(actor=user("sekretariat"), entry=entry)
    action.refresh_from_db()
    assert (action.state, action.minutes_entry) == ("cancelled", None)
    assert action.reason


def test_a_correction_carries_the_actions_without_copies(action, review_minutes):
    from forums.services.minutes import minutes_approve, minutes_submit
    from tests.forums.conftest import end_review

    end_review(review_minutes)
    minutes_approve(actor=user("leder-dfd"), minutes=review_minutes)
    correction = minutes_correct(actor=user("sekretariat"), minutes=review_minutes)
    minutes_submit(actor=user("sekretariat"), minutes=correction)
    action.refresh_from_db()
    assert FollowUpAction.objects.count() == 1
    assert action.minutes_entry.minutes == correction


def test_the_data_migration_turns_seen_follow_up_entries_into_actions(review_minutes):
    import importlib

    from django.apps import apps

    FollowUpAction.objects.all().update(minutes_entry=None)
    FollowUpAction.objects.all()._raw_delete(FollowUpAction.objects.db)
    migration = importlib.import_module("forums.migrations.0014_follow_up_actions_from_minutes")
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: no copies
    action = FollowUpAction.objects.get()
    assert action.minutes_entry.minutes == review_minutes
    assert (action.owner_ministry.abbreviation, action.state) == ("FIN", "open")
