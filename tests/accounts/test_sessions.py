"""Session timeout, the account page and logging out everywhere."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portfolio.accounts.services import account_logout_everywhere
from portfolio.models import AuditEvent


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_session_lasts_a_working_day_by_default(demo_users):
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client = Client()
    response = client.post("/logg-inn/", {"username": "leder-fin", "password": "demo"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    assert response.cookies["sessionid"]["httponly"]


def test_account_page_needs_login(demo_users):
    response = Client().get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_account_page_shows_who_i_am(client_for):
    response = client_for("leder-fin").get("/konto/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "leder-fin" in page
    assert "Ekspedisjonssjef (medlem av Strategisk forum)" in page and "admin-head" not in page
    assert "logg-ut-overalt" in page


def test_logout_everywhere_ends_all_my_sessions_and_tokens(client_for):
    here, there, colleague = (
        client_for("leder-fin"),
        client_for("leder-fin"),
        client_for("koordinator"),
    )
    token = Token.objects.create(user=_user("leder-fin"))
    colleague_token = Token.objects.create(user=_user("koordinator"))
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/measures/").status_code == 200
    assert there.get("/konto/").status_code == 200

    response = here.post("/konto/logg-ut-overalt/", follow=True)

    assert response.redirect_chain[-1][0] == "/logg-inn/"
    assert "_auth_user_id" not in here.session
    # The other browser is logged out too, and the token no longer works.
    assert there.get("/konto/").status_code == 302
    assert api.get("/api/v1/measures/").status_code in (401, 403)
    assert not Token.objects.filter(pk=token.pk).exists()
    # Someone else keeps their session and token.
    assert colleague.get("/konto/").status_code == 200
    assert Token.objects.filter(pk=colleague_token.pk).exists()
    assert AuditEvent.objects.filter(kind="user.logged_out_everywhere", channel="ui").count() == 1


def test_logging_in_again_after_logout_everywhere_works(client_for):
    client = client_for("leder-fin")
    client.post("/konto/logg-ut-overalt/")
    fresh = Client()
    assert (
        fresh.post("/logg-inn/", {"username": "leder-fin", "password": "demo"}).status_code == 302
    )
    assert fresh.get("/konto/").status_code == 200


def test_logout_everywhere_is_post_only(client_for):
    client = client_for("leder-fin")
    assert client.get("/konto/logg-ut-overalt/").status_code == 405
    assert client.get("/konto/").status_code == 200


def test_only_the_user_or_a_superuser_may_log_a_user_out_everywhere(demo_users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        account_logout_everywhere(actor=_user("koordinator"), user=_user("leder-fin"))
    assert account_logout_everywhere(actor=_user("admin"), user=_user("leder-fin")) == 1
    assert account_logout_everywhere(actor=_user("leder-fin"), user=_user("leder-fin")) == 2
