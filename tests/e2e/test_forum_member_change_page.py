"""The secretariat changes a person's role and period in a forum in the browser; the page, with
and without an error, passes axe (WCAG 2.1 A/AA) in bokmål, nynorsk and English."""

import pytest
from playwright.sync_api import expect

from forums.models import Forum, ForumMembership
from forums.services.forum_admin import forum_member_add
from tests.e2e.test_forum_admin_pages import _shot
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "nb": {
        "link": "Endre rollen til {name}",
        "role": "Rolle",
        "to": "Til",
        "save": "Lagre rollen og perioden",
        "twice": "Personen har allerede denne rollen i forumet.",
        "done": "Personens rolle og periode er endret.",
    },
    "nn": {
        "link": "Endre rolla til {name}",
        "role": "Rolle",
        "to": "Til",
        "save": "Lagre rolla og perioden",
        "twice": "Personen har alt denne rolla i forumet.",
        "done": "Rolla og perioden til personen er endra.",
    },
    "en": {
        "link": "Change the role of {name}",
        "role": "Role",
        "to": "To",
        "save": "Save the role and period",
        "twice": "The person already has this role in the forum.",
        "done": "The person's role and period are changed.",
    },
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_secretariat_changes_a_role_in_the_browser(
    page, live_server, login, axe_violations, demo_users, language
):
    forum = Forum.objects.get(slug="hr-tjenester")
    secretariat = user("sekretariat")
    person = user("leder-fin")
    membership = forum_member_add(actor=secretariat, forum=forum, user=person, role="deputy")
    forum_member_add(actor=secretariat, forum=forum, user=person, role="secretary")
    name = person.get_full_name() or person.get_username()
    text = TEXTS[language]
    login("sekretariat")
    if language != "nb":
        page.get_by_label("Språk", exact=True).select_option(language)
        page.get_by_role("button", name="Bytt").click()
        page.wait_for_load_state()
    page.goto(f"{live_server.url}/forums/{forum.slug}/administrer/")
    assert axe_violations() == []
    page.get_by_role("link", name=text["link"].format(name=name)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(text["link"].format(name=name))
    assert axe_violations() == []
    _shot(page, f"member-edit-{language}")

    page.get_by_label(text["role"], exact=True).select_option("secretary")
    page.get_by_role("button", name=text["save"]).click()
    expect(page.get_by_text(text["twice"])).to_be_visible()
    assert axe_violations() == []
    _shot(page, f"member-edit-error-{language}")

    page.get_by_label(text["role"], exact=True).select_option("chair")
    page.get_by_label(text["to"], exact=True).fill("2027-12-31")
    page.get_by_role("button", name=text["save"]).click()
    expect(page.get_by_text(text["done"])).to_be_visible()
    membership = ForumMembership.objects.get(pk=membership.pk)
    assert (membership.role, str(membership.valid_to)) == ("chair", "2027-12-31")
