"""The field history names who acted and through which channel, whatever the way in.

A representative change through each channel (web page, API, admin, background task,
management command), every task's services, history rows written in bulk, and history rows
that are never changed afterwards.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from simple_history.models import HistoricalRecords

from forums import tasks as forums_tasks
from forums.models import (
    Delegation,
    FollowUpAction,
    Meeting,
    Minutes,
    MinutesEntry,
    Proposal,
    Record,
)
from forums.services.delegations import delegation_grant
from forums.services.proposals import position_record
from forums.tasks import (
    close_due_proposals,
    follow_up_remind,
    meeting_minutes_remind,
    meeting_notices_send,
    meeting_papers_remind,
    minutes_approval_remind,
    minutes_conclude_due,
    remind_missing_positions,
    wheel_materialise,
)
from forums.tasks.records import archive_extraction_run
from measures.models import Measure
from measures.services.lifecycle import measure_transition
from portfolio import tasks as portfolio_tasks
from portfolio.audit import audit_channel
from portfolio.history import history_actor
from portfolio.models import UserProfile
from portfolio.permanence import PermanentRecordError
from portfolio.tasks import (
    evaluation_package,
    notification_digests,
    notification_email,
    outbox_flush,
)
from tests.forums.conftest import end_review, make_deadline_pass, ministry, user

pytestmark = pytest.mark.django_db


def _historical_models():
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_channel")
    ]


def _marks() -> dict:
    return {
        model: model.objects.order_by("-history_id").values_list("history_id").first()
        for model in _historical_models()
    }


def _written_since(marks: dict) -> list:
    rows = []
    for model, mark in marks.items():
        queryset = model.objects.all()
        if mark is not None:
            queryset = queryset.filter(history_id__gt=mark[0])
        rows.extend(queryset)
    return rows


def _objection(consultation, username="leder-fin", abbreviation="FIN"):
    return position_record(
        actor=user(username),
        proposal=consultation,
        ministry=ministry(abbreviation),
        position="object",
        reason="Mangler finansiering.",
    )[0]


# One representative change per channel ------------------------------------------------------


def test_web_ui_revoking_a_delegation_is_recorded_with_the_user(client_for, demo_users):
    deputy = get_user_model().objects.create_user("nestleder-fin")
    UserProfile.objects.create(user=deputy, ministry=ministry("FIN"))
    today = timezone.localdate()
    delegation = delegation_grant(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        delegate=deputy,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
    )
    response = client_for("leder-fin").post(f"/saker/fullmakter/{delegation.pk}/tilbakekall/")
    assert response.status_code == 302
    row = delegation.history.latest("history_id")
    assert (row.history_type, row.history_user, row.history_channel) == (
        "~",
        user("leder-fin"),
        "ui",
    )
    assert row.revoked_at is not None and row.history_request_id is not None


def test_api_approving_minutes_records_the_chair_on_minutes_and_meeting(
    api_client_for, review_minutes, held_meeting
):
    end_review(review_minutes)
    response = api_client_for("leder-dfd").post(f"/api/v1/minutes/{review_minutes.pk}/approve/")
    assert response.status_code == 200
    for model, pk in [(Minutes, review_minutes.pk), (Meeting, held_meeting.pk)]:
        row = model.history.filter(id=pk).latest("history_id")
        assert (row.history_user, row.history_channel) == (user("leder-dfd"), "api"), model


def test_admin_granting_a_delegation_is_recorded_with_the_administrator(client_for, demo_users):
    deputy = get_user_model().objects.create_user("nestleder-fin")
    UserProfile.objects.create(user=deputy, ministry=ministry("FIN"))
    today = timezone.localdate()
    response = client_for("admin").post(
        "/admin/forums/delegation/add/",
        {
            "ministry": ministry("FIN").pk,
            "delegate": deputy.pk,
            "valid_from": today.isoformat(),
            "valid_to": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    row = Delegation.history.get(delegate=deputy)
    assert (row.history_type, row.history_user, row.history_channel) == (
        "+",
        user("admin"),
        "admin",
    )


def test_a_task_acting_for_a_user_records_that_user_on_the_task_channel(demo_users):
    measure = Measure.objects.get(code="T5")
    with audit_channel("task"):
        measure_transition(actor=user("koordinator"), measure=measure, to_status="completed")
    row = measure.history.latest("history_id")
    assert (row.status, row.history_user, row.history_channel) == (
        "completed",
        user("koordinator"),
        "task",
    )


def test_a_system_task_run_eagerly_records_no_user(celery_eager, consultation):
    make_deadline_pass(consultation)
    assert close_due_proposals.delay().get() == [consultation.pk]
    row = Proposal.history.filter(id=consultation.pk).latest("history_id")
    assert (row.history_user, row.history_channel) == (None, "task")


def test_a_management_command_records_the_system_channel_and_no_user(forum):
    marks = _marks()
    call_command("materialise_wheel", "--forum", forum.slug, "--year", "2031", stdout=None)
    rows = _written_since(marks)
    assert {type(row).__name__ for row in rows} >= {"HistoricalMeeting", "HistoricalAgendaItem"}
    assert {(row.history_user_id, row.history_channel) for row in rows} == {(None, "system")}


def test_a_service_outside_any_request_names_its_actor(consultation):
    position = _objection(consultation)
    row = position.history.latest("history_id")
    assert (row.history_user, row.history_channel) == (user("leder-fin"), "system")


def test_the_services_actor_wins_over_a_request_user_left_in_the_thread(consultation):
    # As when a task runs eagerly inside a request: the request's user did not act here.
    request = RequestFactory().get("/")
    request.user = user("koordinator")
    HistoricalRecords.context.request = request
    try:
        position = _objection(consultation)
    finally:
        del HistoricalRecords.context.request
    assert position.history.latest("history_id").history_user == user("leder-fin")


def test_history_written_in_bulk_carries_user_channel_and_request_id(
    api_client_for, review_minutes
):
    end_review(review_minutes)
    api_client_for("leder-dfd").post(f"/api/v1/minutes/{review_minutes.pk}/approve/")
    response = api_client_for("sekretariat").post(f"/api/v1/minutes/{review_minutes.pk}/correct/")
    assert response.status_code == 201
    rows = MinutesEntry.history.filter(minutes_id=response.json()["id"])
    assert rows.count() == 2
    assert {(r.history_user, r.history_channel) for r in rows} == {(user("sekretariat"), "api")}
    assert None not in {r.history_request_id for r in rows}


# Every task: the services it runs act as the system --------------------------------------------


def _due_consultation(consultation):
    make_deadline_pass(consultation)


def _consultation_due_soon(consultation):
    Proposal.objects.filter(pk=consultation.pk).update(
        deadline=timezone.now() + datetime.timedelta(days=1)
    )


def _meeting_in(meetings, days, status=Meeting.Status.PLANNED):
    starts = timezone.now() + datetime.timedelta(days=days)
    Meeting.objects.filter(pk=meetings[0].pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status
    )


def _next_year_unplanned():
    # Test setup: the sweep plans next year again, so there is something to create.
    Meeting.objects.filter(year=timezone.localdate().year + 1).delete()


def _action_due_soon():
    FollowUpAction.objects.create(
        owner_ministry=ministry("FIN"),
        due_date=timezone.localdate() + datetime.timedelta(days=2),
        text="Oppdatere statusrapporten.",
    )


TASKS = [
    # (task, set-up, whether it writes history-tracked rows)
    (close_due_proposals, lambda c, m: _due_consultation(c), True),
    (remind_missing_positions, lambda c, m: _consultation_due_soon(c), False),
    (meeting_notices_send, lambda c, m: _meeting_in(m, 3), True),
    (meeting_papers_remind, lambda c, m: _meeting_in(m, 8), True),
    (meeting_minutes_remind, lambda c, m: _meeting_in(m, -20, Meeting.Status.HELD), True),
    (wheel_materialise, lambda c, m: _next_year_unplanned(), True),
    (outbox_flush, lambda c, m: None, False),
    (notification_digests, lambda c, m: None, False),
    (follow_up_remind, lambda c, m: _action_due_soon(), False),
    (minutes_approval_remind, lambda c, m: None, False),
    (minutes_conclude_due, lambda c, m: None, False),
]


@pytest.mark.parametrize(
    ("task", "set_up", "writes"), TASKS, ids=[task.name for task, _set_up, _writes in TASKS]
)
def test_every_task_records_the_task_channel_and_no_user(
    task, set_up, writes, consultation, meetings_2027, django_capture_on_commit_callbacks
):
    set_up(consultation, meetings_2027)
    marks = _marks()
    # A user left in the context (an eager run inside someone's request) must not be named.
    with history_actor(user("koordinator")), django_capture_on_commit_callbacks(execute=False):
        task.apply().get()
    rows = _written_since(marks)
    assert bool(rows) == writes
    assert {(row.history_user_id, row.history_channel) for row in rows} <= {(None, "task")}


def test_the_notification_email_task_writes_no_history(
    demo_users, django_capture_on_commit_callbacks
):
    from portfolio.notifications import notification_send

    with django_capture_on_commit_callbacks(execute=False):
        (notification,) = notification_send(
            recipients=[user("leder-fin")], key="history-test", subject=lambda: "Hei"
        )
    marks = _marks()
    assert notification_email.apply(args=[notification.pk]).get() is True
    assert _written_since(marks) == []


def test_every_task_module_is_covered():
    covered = {task.name for task, _set_up, _writes in TASKS} | {
        notification_email.name,
        archive_extraction_run.name,
        evaluation_package.name,
    }
    found = {
        task.name
        for module in (portfolio_tasks, forums_tasks)
        for task in vars(module).values()
        if hasattr(task, "delay") and not isinstance(task, type)
    }
    assert len(found) >= 8
    assert found - {"portfolio.tasks.heartbeat"} <= covered


# History rows are written once -------------------------------------------------------------


def test_history_rows_are_never_changed_or_deleted(consultation):
    row = consultation.history.latest("history_id")
    row.title = "Endret i ettertid"
    with pytest.raises(PermanentRecordError):
        row.save()
    with pytest.raises(PermanentRecordError):
        row.delete()
    with pytest.raises(PermanentRecordError):
        Proposal.history.filter(id=consultation.pk).update(title="Endret")
    with pytest.raises(PermanentRecordError):
        Proposal.history.filter(id=consultation.pk).delete()
    assert not Proposal.history.filter(title="Endret i ettertid").exists()


def test_the_tasks_that_take_arguments_record_the_task_channel_and_no_user(
    consultation, django_capture_on_commit_callbacks
):
    """Neither names the user left in the context: the extraction marks its documents archived
    in one update (the change log of the extraction records it), the package writes a file."""
    from forums.services.extractions import archive_extraction_start
    from portfolio.models import Strategy

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=False):
        extraction = archive_extraction_start(
            actor=user("sekretariat"), start=today.replace(month=1, day=1), end=today
        )
    marks = _marks()
    with history_actor(user("koordinator")):
        assert archive_extraction_run.apply(args=[extraction.pk]).get() is True
    rows = _written_since(marks)
    assert {(row.history_user_id, row.history_channel) for row in rows} <= {(None, "task")}
    assert Record.objects.filter(archived_at__isnull=False).exists()

    marks = _marks()
    with history_actor(user("koordinator")):
        evaluation_package.apply(args=[Strategy.objects.get(code="GHFO-2021").pk]).get()
    assert _written_since(marks) == []
