"""A proposal can be put on a meeting's agenda; both pages link to each other."""

import pytest
from django.core.exceptions import PermissionDenied

from forums.services.meetings import agenda_item_create
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


def test_the_secretariat_puts_an_open_proposal_on_the_agenda(
    consultation, meetings_2027, client_for
):
    meeting = meetings_2027[0]
    item = agenda_item_create(
        actor=user("sekretariat"), meeting=meeting, title="Tilslutning", proposals=[consultation]
    )
    assert list(item.proposals.all()) == [consultation]
    meeting_page = client_for("leder-fin").get(f"/meetings/{meeting.pk}/").content.decode()
    assert consultation.register_number in meeting_page
    proposal_page = client_for("leder-fin").get(f"/saker/{consultation.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/" in proposal_page
    assert item.title in proposal_page


def test_a_draft_on_the_agenda_stays_hidden_from_the_ministries(draft, meetings_2027, client_for):
    meeting = meetings_2027[0]
    agenda_item_create(
        actor=user("sekretariat"), meeting=meeting, title="Forberedes", proposals=[draft]
    )
    assert (
        draft.title not in client_for("leder-fin").get(f"/meetings/{meeting.pk}/").content.decode()
    )


def test_only_the_secretariat_links_proposals_to_the_agenda(consultation, meetings_2027):
    with pytest.raises(PermissionDenied):
        agenda_item_create(
            actor=user("leder-fin"), meeting=meetings_2027[0], title="X", proposals=[consultation]
        )
    assert not consultation.agenda_items.exists()


def test_the_agenda_form_links_proposals(consultation, meetings_2027, client_for):
    meeting = meetings_2027[0]
    response = client_for("sekretariat").post(
        f"/meetings/{meeting.pk}/agenda/",
        {"agenda-title": "Sak om anskaffelser", "agenda-proposals": [consultation.pk]},
    )
    assert response.status_code == 302
    assert consultation.agenda_items.get().title == "Sak om anskaffelser"
