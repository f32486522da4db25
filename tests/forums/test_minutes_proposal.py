"""A conclusion names the proposal it concludes: the minutes show the proposal's outcome and
the register shows the minutes it is in."""

import pytest
from django.core.exceptions import ValidationError

from forums.models import MinutesEntry
from forums.services.minutes import minutes_entry_add
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(draft_minutes, consultation):
    item = draft_minutes.meeting.agenda_items.order_by("number").first()
    item.proposals.add(consultation)
    return item


def _add(minutes, item, proposal, kind="conclusion"):
    return minutes_entry_add(
        actor=user("sekretariat"),
        minutes=minutes,
        agenda_item=item,
        kind=kind,
        text="Forumet sluttet seg til forslaget.",
        proposal=proposal,
    )


def test_a_conclusion_names_its_proposal_and_both_pages_show_it(
    draft_minutes, item, consultation, client_for
):
    entry = _add(draft_minutes, item, consultation)
    assert entry.proposal == consultation
    minutes_page = client_for("leder-fin").get(f"/meetings/{item.meeting_id}/minutes/")
    assert consultation.register_number in minutes_page.content.decode()
    assert consultation.get_status_display() in minutes_page.content.decode()
    register = client_for("leder-fin").get("/saker/").content.decode()
    assert f"/meetings/{item.meeting_id}/minutes/" in register


def test_only_a_conclusion_names_a_proposal_and_only_one_on_the_item(
    draft_minutes, item, consultation
):
    import datetime

    from django.utils import timezone

    from forums.services.proposals import proposal_create

    elsewhere = proposal_create(
        actor=user("koordinator"),
        title="Et annet forslag",
        text="Tekst.",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    before = MinutesEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        _add(draft_minutes, item, consultation, kind="information")
    assert "proposal" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _add(draft_minutes, item, elsewhere)  # not on the agenda item
    assert MinutesEntry.objects.count() == before


def test_the_api_takes_and_shows_the_proposal(draft_minutes, item, consultation, api_client_for):
    url = f"/api/v1/minutes/{draft_minutes.pk}/entries/"
    body = {
        "agenda_item": item.pk,
        "kind": "conclusion",
        "text": "Ja.",
        "proposal": consultation.pk,
    }
    assert api_client_for("leder-fin").post(url, body, format="json").status_code == 403
    response = api_client_for("sekretariat").post(url, body, format="json")
    assert response.status_code == 201, response.content
    (entry,) = [e for e in response.json()["entries"] if e["proposal"]]
    assert (entry["proposal"], entry["proposal_status"]) == (consultation.pk, "consultation")
    wrong = api_client_for("sekretariat").post(url, {**body, "kind": "information"}, format="json")
    assert wrong.status_code == 400
    assert "proposal" in wrong.json()
