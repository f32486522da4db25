"""The justering in a browser: the secretariat sends the minutes to review, three ministries
answer (one asks for a change, which the secretariat accepts and edits in), and the minutes
are approved when the last ministry approves."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Forum, Meeting, Minutes
from forums.services.meetings import attendance_set
from forums.services.minutes import minutes_create, minutes_entry_add
from forums.services.wheel import wheel_materialise
from portfolio.models import Ministry
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(demo_users) -> Minutes:
    forum = Forum.objects.get(slug="strategisk-forum")
    wheel_materialise(actor=None, forum=forum, year=2027)
    meeting = forum.meetings.order_by("starts_at").first()
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    secretariat = user("sekretariat")
    for abbreviation in ("FIN", "KDD", "DFD"):
        attendance_set(
            actor=secretariat,
            meeting=meeting,
            ministry=Ministry.objects.get(abbreviation=abbreviation),
            status="present",
        )
    minutes = minutes_create(actor=secretariat, meeting=meeting)
    minutes_entry_add(
        actor=secretariat,
        minutes=minutes,
        agenda_item=meeting.agenda_items.order_by("number").first(),
        kind="conclusion",
        text="Forumet slutter seg til porteføljen.",
    )
    return minutes


def test_the_justering_from_the_secretariat_through_three_ministries_to_approval(
    page, live_server, login, axe_violations, draft
):
    url = f"{live_server.url}/meetings/{draft.meeting_id}/minutes/"

    def as_user(username):
        page.context.clear_cookies()
        login(username)
        page.goto(url)

    as_user("sekretariat")
    page.get_by_role("button", name="Send til justering").click()
    expect(page.get_by_role("heading", name="Godkjenning fra departementene")).to_be_visible()

    as_user("leder-fin")
    assert axe_violations() == []
    page.get_by_label("Be om endringer").check()
    page.get_by_label("Kommentar (påkrevd når du ber om endringer)").fill(
        "Skriv at endringen gjelder tiltak T1."
    )
    page.get_by_role("button", name="Send svaret").click()
    expect(page.get_by_text("Departementets svar er registrert.")).to_be_visible()

    as_user("sekretariat")
    entry = draft.entries.get()
    page.get_by_text("Rediger").first.click()
    page.locator(f"#edit-{entry.pk}-text").fill(
        "Forumet slutter seg til porteføljen; endringen gjelder T1."
    )
    page.get_by_role("button", name="Lagre endringen").click()
    page.get_by_label("Svar", exact=True).fill("Tatt inn i punktet.")
    page.get_by_label("Utfall").select_option("accepted")
    page.get_by_role("button", name="Svar", exact=True).click()
    expect(page.get_by_text("Tatt til følge: punktet er endret")).to_be_visible()

    for username in ("leder-fin", "leder-kdd", "leder-dfd"):
        as_user(username)
        page.get_by_label("Godkjenn", exact=True).check()
        page.get_by_role("button", name="Send svaret").click()
        expect(page.get_by_text("Departementets svar er registrert.")).to_be_visible()

    page.goto(url)
    draft.refresh_from_db()
    assert draft.status == "approved"
    expect(page.get_by_text("endringen gjelder T1").first).to_be_visible()
    expect(page.locator("#approvals-heading + p")).to_contain_text("Godkjent")
    assert axe_violations() == []
