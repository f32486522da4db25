import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portfolio.audit import audit_channel, audit_record
from portfolio.models import Ministry, Notification
from portfolio.notifications import notification_send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def test_an_audit_event_names_actor_channel_and_target(demo_users):
    user = get_user_model().objects.get(username="koordinator")
    fin = Ministry.objects.get(abbreviation="FIN")
    with audit_channel("task"):
        event = audit_record(
            actor=user, kind="ministry.checked", target=fin, ministry=fin, after={"a": 1}
        )
    event.refresh_from_db()
    assert (event.actor_label, event.channel, event.target_label, event.after) == (
        "koordinator",
        "task",
        "FIN",
        {"a": 1},
    )


def test_audit_event_without_actor_is_recorded_as_system(reference_data):
    event = audit_record(actor=None, kind="x.y", target=Ministry.objects.get(abbreviation="FIN"))
    assert (event.actor, event.actor_label, event.channel) == (None, "system", "system")


def test_web_requests_record_the_ui_channel_and_a_request_id(client_for):
    response = client_for("leder-fin").get("/")
    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 36


def test_a_notification_is_stored_and_emailed_once_per_key(
    demo_users, django_capture_on_commit_callbacks
):
    users = get_user_model().objects.filter(username__in=["leder-fin", "leder-kdd"])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notification_send(recipients=users, key="test:1", subject=lambda: "Hei")
    assert Notification.objects.filter(key="test:1").count() == 2
    assert len(mail.outbox) == 2
    assert {message.to[0] for message in mail.outbox} == {
        "leder-fin@demo.invalid",
        "leder-kdd@demo.invalid",
    }


def test_a_notification_is_written_in_the_recipients_language(
    demo_users, django_capture_on_commit_callbacks
):
    from django.utils.translation import gettext

    english = get_user_model().objects.get(username="leder-fin")
    english.profile.language = "en"
    english.profile.save()
    norwegian = get_user_model().objects.get(username="leder-kdd")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipients=[english, norwegian], key="lang", subject=lambda: gettext("Ministries")
        )
    subjects = dict(Notification.objects.values_list("recipient__username", "subject"))
    assert subjects == {"leder-fin": "Ministries", "leder-kdd": "Departementer"}
