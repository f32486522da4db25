"""Field-level history: every change leaves a row with the acting user and the channel."""

import pytest
from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from measures.models import Measure
from measures.services.lifecycle import measure_transition
from portfolio.audit import audit_channel
from portfolio.models import AuditEvent

User = get_user_model()


@shared_task(name="tests.measures.set_status", acks_late=True)
def set_status_task(measure_id: int, status: str, actor_id: int) -> str:
    """A task as the conventions shape them: ids in, channel set, the service does the work."""
    with audit_channel("task"):
        measure = Measure.objects.get(pk=measure_id)
        if measure.status != status:  # Delivered twice: the move already happened.
            measure_transition(
                actor=User.objects.get(pk=actor_id), measure=measure, to_status=status
            )
    return status


@pytest.fixture
def t5(demo_users):
    return Measure.objects.select_related("lead_ministry").get(code="T5")


def _head_of(measure: Measure) -> str:
    return f"leder-{measure.lead_ministry.abbreviation.lower()}"


def _latest(measure: Measure):
    return measure.history.order_by("-history_id").first()


def _admin_form(measure: Measure, **changes) -> dict:
    data = {
        "code": measure.code,
        "position": measure.position,
        "name_nb": measure.name_nb,
        "name_nn": measure.name_nn,
        "name_en": measure.name_en,
        "description_nb": measure.description_nb,
        "description_en": measure.description_en,
        "lead_ministry": measure.lead_ministry_id,
        "participating_ministries": list(
            measure.participating_ministries.values_list("pk", flat=True)
        ),
        "target_areas": list(measure.target_areas.values_list("pk", flat=True)),
        "status": measure.status,
        "sources": measure.sources,
        "unconfirmed_fields": __import__("json").dumps(measure.unconfirmed_fields),
    }
    data.update(changes)
    return data


def test_reference_data_is_recorded_as_created(t5):
    assert t5.history.filter(history_type="+").count() == 1


def test_change_through_the_admin_is_recorded_with_user_and_channel(t5, client_for):
    response = client_for("admin").post(
        f"/admin/measures/measure/{t5.pk}/change/", _admin_form(t5, status="completed")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = t5.history.filter(status="completed").order_by("history_id").first()
    assert row.history_user.username == "admin"
    assert row.history_channel == "admin"
    assert row.history_request_id is not None
    assert row.prev_record.status != "completed"


def test_change_through_a_service_in_an_api_request_is_recorded(t5):
    actor = User.objects.get(username="koordinator")
    with audit_channel("api"):
        measure_transition(actor=actor, measure=t5, to_status="completed")
    row = _latest(t5)
    assert (row.status, row.history_user, row.history_channel) == ("completed", actor, "api")
    event = AuditEvent.objects.get(kind="measure.transitioned")
    assert event.channel == "api"
    assert event.after["status"] == "completed"


def test_change_through_a_task_is_recorded_and_running_twice_changes_nothing(t5):
    coordinator = User.objects.get(username="koordinator")
    assert set_status_task.apply(args=[t5.pk, "completed", coordinator.pk]).get() == "completed"
    row = _latest(t5)
    assert (row.status, row.history_user, row.history_channel) == (
        "completed",
        coordinator,
        "task",
    )
    rows = t5.history.count()

    set_status_task.apply(args=[t5.pk, "completed", coordinator.pk]).get()
    assert t5.history.count() == rows
    assert AuditEvent.objects.filter(kind="measure.transitioned").count() == 1


@pytest.mark.parametrize("username", ["observator", "sekretariat", "leder-xyz"])
def test_others_may_not_change_the_status_and_leave_no_history(t5, username):
    if username == "leder-xyz":
        # An admin head, but of another ministry than the lead.
        username = next(
            name
            for name in User.objects.filter(username__startswith="leder-").values_list(
                "username", flat=True
            )
            if name != _head_of(t5)
        )
    rows = t5.history.count()
    with pytest.raises(PermissionDenied):
        measure_transition(
            actor=User.objects.get(username=username), measure=t5, to_status="stopped"
        )
    t5.refresh_from_db()
    assert t5.status != "stopped"
    assert t5.history.count() == rows


def test_admin_may_not_revert_or_edit_history(t5, client_for):
    admin = client_for("admin")
    with audit_channel("api"):
        measure_transition(
            actor=User.objects.get(username="koordinator"), measure=t5, to_status="stopped"
        )
    first = t5.history.order_by("history_id").first()
    url = f"/admin/measures/measure/{t5.pk}/history/{first.history_id}/"
    assert admin.get(f"/admin/measures/measure/{t5.pk}/history/").status_code == 200
    assert admin.post(url, _admin_form(t5, status="proposed")).status_code == 403
    t5.refresh_from_db()
    assert t5.status == "stopped"
    assert admin.get("/admin/measures/historicalmeasure/").status_code == 404


def test_history_tab_shows_old_and_new_value_who_and_channel(t5, client_for):
    with audit_channel("api"):
        measure_transition(
            actor=User.objects.get(username="koordinator"), measure=t5, to_status="stopped"
        )
    client = client_for("observator")
    client.cookies["django_language"] = "en"
    response = client.get("/tiltak/T5/historikk/", headers={"accept-language": "en"})
    assert response.status_code == 200
    entry = response.context["entries"][0]
    assert entry["user"] == "koordinator"
    assert entry["channel"] == "API"
    assert {"field": "status", "old": "Active", "new": "Stopped"} in [
        {**change, "field": str(change["field"])} for change in entry["changes"]
    ]
    assert response.context["entries"][-1]["type"] == "+"


def test_history_tab_needs_login_and_a_real_measure(t5, client_for):
    assert client_for("anonymous").get("/tiltak/T5/historikk/").status_code == 302
    assert client_for("observator").get("/tiltak/T99/historikk/").status_code == 404


def test_history_tab_query_count_does_not_grow_with_changes(
    t5, client_for, django_assert_max_num_queries
):
    actor = User.objects.get(username="koordinator")
    client = client_for("observator")
    for number in range(5):
        # Test setup: edits of the kind the admin makes, to give the page many rows.
        t5.name_en = f"Shared ICT {number}"
        t5._history_user = actor
        t5.save()
    measure_transition(actor=actor, measure=t5, to_status="stopped")
    t5.participating_ministries.clear()
    with django_assert_max_num_queries(12):
        response = client.get("/tiltak/T5/historikk/")
    assert len(response.context["entries"]) >= 7


def test_generated_portfolio_rows_have_their_history_on_the_system_channel(demo_users):
    from django.core.management import call_command

    from measures.models import Benefit, BenefitMeasurement, Milestone, Risk, StatusReport

    call_command("generate_portfolio", "--measures", "12", "--periods", "2", "--force", verbosity=0)
    for model in (Measure, StatusReport, Risk, Milestone, Benefit, BenefitMeasurement):
        ids = set(model.objects.values_list("pk", flat=True))
        created = model.history.filter(history_type="+")
        assert ids <= set(created.values_list("id", flat=True)), model
        generated = created.filter(history_channel="system", history_user__isnull=True)
        assert generated.exists(), model
