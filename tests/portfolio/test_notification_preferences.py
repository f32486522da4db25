"""Each person chooses, per kind of notification, e-mail at once, a daily digest or none, and
the language of the e-mails; only for themselves, on the page and in the API."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from portfolio.accounts.models import NotificationPreference
from portfolio.accounts.preferences import notification_preferences_set
from portfolio.models import AuditEvent, Notification, UserProfile
from portfolio.notifications import notification_send

pytestmark = pytest.mark.django_db

PAGE = "/konto/varsler/"
API = "/api/v1/me/notification-preferences/"


def user(username):
    return get_user_model().objects.get(username=username)


def deliveries(username):
    return dict(
        NotificationPreference.objects.filter(user__username=username).values_list(
            "kind", "delivery"
        )
    )


def _form(**changes):
    data = {
        "meeting": "email",
        "minutes": "email",
        "proposal": "email",
        "objection": "email",
        "proposal_deadline": "digest",
        "follow_up": "digest",
        "owed": "email",
        "status_report": "email",
        "general": "email",
        "language": "nb",
    }
    return {**data, **changes}


def test_the_page_is_reachable_from_the_account_and_the_notifications(client_for):
    client = client_for("leder-fin")
    for page in ("/konto/", "/varsler/"):
        assert f'href="{PAGE}"' in client.get(page).content.decode()
    assert reverse("accounts:notification-preferences") == PAGE


@pytest.mark.parametrize(
    ("language", "kept"),
    [
        ("nb", "Valgene gjelder bare e-post."),
        ("en", "These choices govern e-mail only."),
    ],
)
def test_the_page_shows_the_defaults_and_says_notifications_are_kept(client_for, language, kept):
    client = client_for("leder-fin")
    client.cookies["django_language"] = language
    content = client.get(PAGE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert kept in content
    assert {"meeting": "email", "follow_up": "digest"}.items() <= checked(content).items()


def checked(content):
    """The chosen value of each radio group on the page."""
    return {
        re.search(r'name="([^"]+)"', tag)[1]: re.search(r'value="([^"]+)"', tag)[1]
        for tag in re.findall(r"<input[^>]*>", content)
        if 'type="radio"' in tag and " checked" in tag
    }


def test_a_person_saves_their_choices_and_the_change_is_audited(client_for):
    response = client_for("leder-fin").post(PAGE, _form(meeting="none", language="en"))
    assert response.status_code == 302
    assert deliveries("leder-fin")["meeting"] == "none"
    assert UserProfile.objects.get(user__username="leder-fin").language == "en"
    event = AuditEvent.objects.get(kind="user.notification_preferences_changed")
    assert event.actor == user("leder-fin")
    assert (event.before["deliveries"]["meeting"], event.after["deliveries"]["meeting"]) == (
        "email",
        "none",
    )
    assert (event.before["language"], event.after["language"]) == ("nb", "en")


def test_saving_the_same_choices_records_no_event(client_for):
    client_for("leder-fin").post(PAGE, _form())
    assert not AuditEvent.objects.filter(kind="user.notification_preferences_changed").exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client_for):
    client = client_for("anonymous")
    assert client.get(PAGE).status_code == 302
    assert client.post(PAGE, _form(meeting="none")).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_a_language_the_portal_does_not_offer_is_refused(client_for, settings):
    settings.LANGUAGES = [("nb", "Bokmål"), ("en", "English")]
    response = client_for("leder-fin").post(PAGE, _form(language="nn"))
    assert response.status_code == 400
    assert UserProfile.objects.get(user__username="leder-fin").language == "nb"


def test_any_language_the_portal_offers_is_accepted(api_client_for, settings):
    settings.LANGUAGES = [("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")]
    response = api_client_for("leder-fin").patch(API, {"language": "nn"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["language"] == "nn"


# The API ------------------------------------------------------------------------------------


def test_the_api_gives_the_callers_own_preferences(api_client_for):
    notification_preferences_set(
        actor=user("leder-kdd"), user=user("leder-kdd"), deliveries={"meeting": "none"}
    )
    body = api_client_for("leder-fin").get(API).json()
    kinds = {row["kind"]: row for row in body["kinds"]}
    assert kinds["meeting"]["delivery"] == "email"  # leder-kdd's choice is not shown
    assert kinds["follow_up"] == {**kinds["follow_up"], "delivery": "digest", "default": "digest"}
    assert body["language"] == "nb"


def test_the_api_changes_only_the_callers_preferences(api_client_for):
    response = api_client_for("leder-fin").patch(
        API, {"deliveries": {"meeting": "digest"}}, format="json"
    )
    assert response.status_code == 200
    assert deliveries("leder-fin") == {"meeting": "digest"}
    assert deliveries("leder-kdd") == {}
    assert AuditEvent.objects.get(kind="user.notification_preferences_changed").channel == "api"


def test_the_api_refuses_the_anonymous(api_client_for):
    client = api_client_for("anonymous")
    assert client.get(API).status_code == 401
    assert client.patch(API, {"deliveries": {"meeting": "none"}}, format="json").status_code == 401
    assert not NotificationPreference.objects.exists()


def test_nobody_changes_anothers_preferences(demo_users):
    with pytest.raises(PermissionDenied):
        notification_preferences_set(
            actor=user("koordinator"), user=user("leder-fin"), deliveries={"meeting": "none"}
        )
    with pytest.raises(PermissionDenied):
        notification_preferences_set(
            actor=user("admin"), user=user("leder-fin"), deliveries={"meeting": "none"}
        )
    assert not NotificationPreference.objects.exists()


def test_the_api_reads_in_a_constant_number_of_queries(
    api_client_for, django_assert_max_num_queries
):
    client = api_client_for("leder-fin")
    with django_assert_max_num_queries(6):
        assert client.get(API).status_code == 200


# What the choices do ------------------------------------------------------------------------


def _send(username, kind, key="k"):
    return notification_send(
        recipients=[user(username)], key=key, subject=lambda: "Emne", kind=kind
    )


def test_only_the_kinds_set_to_email_are_emailed_at_once(
    demo_users, celery_eager, django_capture_on_commit_callbacks
):
    me = user("leder-fin")
    notification_preferences_set(
        actor=me, user=me, deliveries={"meeting": "none", "minutes": "digest"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send("leder-fin", "meeting", "a")
        _send("leder-fin", "minutes", "b")
        _send("leder-fin", "proposal", "c")
    assert [message.subject for message in mail.outbox] == ["Emne"]
    # In the portal every notification is kept, whatever is chosen.
    assert set(Notification.objects.filter(recipient=me).values_list("kind", flat=True)) == {
        "meeting",
        "minutes",
        "proposal",
    }


def test_an_undeclared_kind_is_a_programming_error(demo_users):
    with pytest.raises(ValueError, match="undeclared"):
        _send("leder-fin", "no-such-kind")


def test_the_email_is_in_the_recipients_language_not_the_senders(
    demo_users, celery_eager, django_capture_on_commit_callbacks
):
    me = user("leder-fin")
    notification_preferences_set(actor=me, user=me, deliveries={}, language="en")
    with translation.override("nb"), django_capture_on_commit_callbacks(execute=True):
        _send("leder-fin", "meeting")
        _send("leder-kdd", "meeting")
    texts = {message.to[0]: message.body for message in mail.outbox}
    assert "You get this e-mail because of your choices" in texts["leder-fin@demo.invalid"]
    assert "Du får denne e-posten" in texts["leder-kdd@demo.invalid"]
    assert PAGE in texts["leder-fin@demo.invalid"]


def test_a_bad_delivery_is_refused_in_a_flat_list_naming_the_kind(api_client_for):
    response = api_client_for("leder-fin").patch(
        API, {"deliveries": {"meeting": "x" * 30, "proposal": ["email"]}}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["deliveries"]
    assert isinstance(errors, list) and all(isinstance(e, str) for e in errors)
    assert any(e.startswith("meeting: ") for e in errors)
    assert any(e.startswith("proposal: ") for e in errors)
    assert deliveries("leder-fin") == {}
