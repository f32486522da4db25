"""Field history: every change through UI, API and tasks names the actor and the channel;
the History tabs of a proposal and a meeting; history is never edited or deleted."""

import pytest
from django.contrib import admin
from django.utils import translation

from forums.models import Delegation, Minutes, Position, Proposal
from forums.services.proposals import position_record
from forums.tasks.proposals import close_due_proposals
from tests.forums.conftest import end_review, make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def test_a_position_recorded_in_the_web_ui_has_a_history_row_with_the_actor(
    client_for, consultation
):
    response = client_for("leder-fin").post(
        f"/saker/{consultation.pk}/posisjon/FIN/", {"fin-position": "endorse", "fin-reason": ""}
    )
    assert response.status_code in (200, 302)
    row = Position.history.get(proposal_id=consultation.pk, ministry__abbreviation="FIN")
    assert row.history_user.username == "leder-fin"
    assert row.history_channel == "ui"
    assert row.history_type == "+"


def test_a_position_recorded_through_the_api_has_a_history_row_with_the_actor(
    api_client_for, consultation
):
    response = api_client_for("leder-fin").put(
        f"/api/v1/proposals/{consultation.pk}/positions/FIN/",
        {"position": "object", "reason": "Mangler finansiering"},
        format="json",
    )
    assert response.status_code in (200, 201)
    row = Position.history.get(proposal_id=consultation.pk, ministry__abbreviation="FIN")
    assert row.history_user.username == "leder-fin"
    assert row.history_channel == "api"


def test_a_position_changed_by_a_service_outside_a_request_names_the_actor(consultation):
    for choice in ("endorse", "stand_aside"):
        position_record(
            actor=user("leder-fin"),
            proposal=consultation,
            ministry=ministry("FIN"),
            position=choice,
        )
    rows = Position.history.filter(proposal_id=consultation.pk).order_by("history_id")
    assert [row.history_type for row in rows] == ["+", "~"]
    assert {row.history_user.username for row in rows} == {"leder-fin"}


def test_a_proposal_closed_by_the_task_has_a_history_row_on_the_task_channel(consultation):
    make_deadline_pass(consultation)
    assert close_due_proposals() == [consultation.pk]
    assert close_due_proposals() == []
    latest = Proposal.history.filter(id=consultation.pk).latest("history_id")
    assert latest.history_channel == "task"
    # No person acts in a scheduled task: the row names no user, as its audit event says "system".
    assert latest.history_user is None
    assert latest.status != Proposal.Status.CONSULTATION


def test_the_proposal_history_tab_lists_position_changes(
    client_for, consultation, django_assert_max_num_queries
):
    position_record(
        actor=user("leder-fin"), proposal=consultation, ministry=ministry("FIN"), position="endorse"
    )
    client = client_for("koordinator")
    # A bound, not a count that grows: the screening of restricted versions reads one more.
    with django_assert_max_num_queries(26):
        response = client.get(f"/saker/{consultation.pk}/historikk/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "leder-fin" in page and "FIN" in page
    assert (
        f'href="/saker/{consultation.pk}/historikk/"'
        in client.get(f"/saker/{consultation.pk}/").content.decode()
    )


def test_the_proposal_history_tab_is_not_shown_to_anonymous_users(client, consultation):
    response = client.get(f"/saker/{consultation.pk}/historikk/")
    assert response.status_code == 302


def test_the_meeting_history_tab_lists_changes(client_for, held_meeting):
    response = client_for("sekretariat").get(f"/meetings/{held_meeting.pk}/historikk/")
    assert response.status_code == 200
    assert "<table" in response.content.decode()


def test_the_meeting_history_tab_shows_the_minutes_approved_and_by_whom(
    client_for, review_minutes, held_meeting
):
    end_review(review_minutes)
    assert client_for("leder-dfd").post(f"/minutes/{review_minutes.pk}/approve/").status_code == 302
    response = client_for("observator").get(f"/meetings/{held_meeting.pk}/historikk/")
    with translation.override("nb"):
        label = translation.gettext("Minutes")
    minutes_rows = [e for e in response.context["entries"] if e["object"] == label]
    assert minutes_rows[0]["user"] == "leder-dfd"
    assert "Godkjent" in [change["new"] for change in minutes_rows[0]["changes"]]


def test_the_forum_history_tab_shows_who_changed_the_wheel(client_for, demo_users):
    from forums.models import Forum

    slot = Forum.objects.get(slug="strategisk-forum").wheel.slots.first()
    slot.place = "Møllergata 1"
    slot._history_user = user("koordinator")
    slot.save()
    page = client_for("leder-fin").get("/forums/strategisk-forum/")
    assert 'href="/forums/strategisk-forum/historikk/"' in page.content.decode()
    response = client_for("leder-fin").get("/forums/strategisk-forum/historikk/")
    assert response.status_code == 200
    newest = response.context["entries"][0]
    assert newest["user"] == "koordinator"
    assert "Møllergata 1" in [change["new"] for change in newest["changes"]]


def test_the_forum_history_tab_is_for_logged_in_users_of_existing_forums(client_for, demo_users):
    url = "/forums/strategisk-forum/historikk/"
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("observator").get("/forums/finnes-ikke/historikk/").status_code == 404


def test_the_history_tab_of_a_missing_meeting_is_404(client_for, demo_users):
    assert client_for("koordinator").get("/meetings/999999/historikk/").status_code == 404


@pytest.mark.parametrize("model", [Position, Delegation, Minutes, Proposal])
def test_records_that_are_never_deleted_cannot_be_deleted_in_the_admin(rf, model, demo_users):
    request = rf.get("/")
    request.user = user("admin")
    assert admin.site._registry[model].has_delete_permission(request) is False


def test_no_historical_model_is_editable_in_the_admin(demo_users):
    from django.apps import apps

    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert historical
    assert not [m for m in historical if m in admin.site._registry]


def test_admin_history_pages_refuse_to_revert(client_for, demo_users):
    from forums.models import Forum

    forum = Forum.objects.get(slug="strategisk-forum")
    record = forum.history.first()
    url = f"/admin/forums/forum/{forum.pk}/history/{record.history_id}/"
    assert client_for("admin").post(url, {}).status_code == 403


def test_no_api_route_edits_history(api_client_for, demo_users):
    from strategyportal.urls import router

    assert not [prefix for prefix, _viewset, _name in router.registry if "histor" in prefix]
