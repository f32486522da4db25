"""The secretariat changes a person's role and period in a forum, on the management page and
in the API, through `forum_member_change`; everyone else is refused and nothing changes."""

import datetime

import pytest
from django.urls import reverse

from forums.models import ForumMembership
from forums.services.forum_admin import forum_member_add
from portfolio.models import AuditEvent
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

REFUSED = ["koordinator", "leder-fin", "observator"]
ALLOWED = ["sekretariat", "admin"]
TWICE = {
    "nb": "Personen har allerede denne rollen i forumet.",
    "en": "The person already has this role in the forum.",
}


@pytest.fixture
def member(forum):
    return forum_member_add(
        actor=user("sekretariat"), forum=forum, user=user("observator"), role="deputy"
    )


def _state(membership: ForumMembership) -> tuple:
    membership.refresh_from_db()
    return (
        membership.role,
        membership.valid_from,
        membership.valid_to,
        AuditEvent.objects.filter(kind="forum.member_changed").count(),
    )


def _edit(membership: ForumMembership) -> str:
    return reverse("forums:forum-member-edit", args=[membership.forum.slug, membership.pk])


@pytest.mark.parametrize("username", REFUSED)
def test_only_the_secretariat_and_administrators_change_a_member_on_the_page(
    client_for, member, username
):
    client = client_for(username)
    before = _state(member)
    assert client.get(_edit(member)).status_code == 403
    response = client.post(_edit(member), {"member-role": "member"})
    assert response.status_code == 403
    assert _state(member) == before
    manage = client.get(reverse("forums:forum-manage", args=[member.forum.slug]))
    assert manage.status_code == 403


@pytest.mark.parametrize("username", ALLOWED)
def test_the_secretariat_changes_the_role_and_period_on_the_page(client_for, member, username):
    client = client_for(username)
    manage = client.get(reverse("forums:forum-manage", args=[member.forum.slug])).content.decode()
    assert _edit(member) in manage
    page = client.get(_edit(member))
    assert page.status_code == 200
    assert 'value="deputy" selected' in page.content.decode()
    response = client.post(
        _edit(member),
        {"member-role": "member", "member-valid_from": "2027-01-01", "member-valid_to": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:forum-manage", args=[member.forum.slug])
    assert _state(member) == ("member", datetime.date(2027, 1, 1), None, 1)
    event = AuditEvent.objects.get(kind="forum.member_changed")
    assert event.actor == user(username)
    assert (event.before["role"], event.after["role"]) == ("deputy", "member")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_role_held_already_is_refused_on_the_page_in_the_readers_language(
    client_for, member, language
):
    forum_member_add(
        actor=user("sekretariat"), forum=member.forum, user=member.user, role="secretary"
    )
    before = _state(member)
    client = client_for("sekretariat")
    client.cookies["django_language"] = language
    response = client.post(
        _edit(member), {"member-role": "secretary"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert TWICE[language] in response.content.decode()
    assert _state(member) == before


@pytest.mark.parametrize("username", REFUSED)
def test_only_the_secretariat_changes_a_member_in_the_api(api_client_for, member, username):
    before = _state(member)
    path = f"/api/v1/forum-members/{member.pk}/"
    response = api_client_for(username).patch(path, {"role": "member"}, format="json")
    assert response.status_code == 403
    assert _state(member) == before
    assert api_client_for(username).get("/api/v1/forum-members/").status_code == 200


def test_the_secretariat_changes_a_member_in_the_api(api_client_for, member):
    path = f"/api/v1/forum-members/{member.pk}/"
    client = api_client_for("sekretariat")
    response = client.patch(path, {"valid_to": "2027-12-31"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "id": member.pk,
        "forum": member.forum.slug,
        "user": "observator",
        "ministry": member.ministry.abbreviation,
        "role": "deputy",
        "valid_from": None,
        "valid_to": "2027-12-31",
    }
    response = client.patch(path, {"role": "chair", "valid_to": None}, format="json")
    assert response.status_code == 200
    assert _state(member) == ("chair", None, None, 2)
    assert AuditEvent.objects.filter(kind="forum.member_changed").latest("pk").actor == user(
        "sekretariat"
    )
    assert client.put(path, {"role": "member"}, format="json").status_code == 405


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_api_refuses_a_role_held_already_in_the_callers_language(
    api_client_for, member, language
):
    forum_member_add(
        actor=user("sekretariat"), forum=member.forum, user=member.user, role="secretary"
    )
    before = _state(member)
    response = api_client_for("sekretariat").patch(
        f"/api/v1/forum-members/{member.pk}/",
        {"role": "secretary"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"role": [TWICE[language]]}
    assert _state(member) == before
