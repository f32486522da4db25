"""The dashboard's "needs attention" shows what the forums expect of the user's ministry."""

import pytest

from forums.services.minutes import minutes_submit
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


def test_proposals_waiting_for_my_ministry_are_listed(consultation, client_for):
    response = client_for("leder-fin").get("/portefolje/")
    waiting = response.context["waiting"]
    assert [(item.proposal, item.ministry.abbreviation) for item in waiting] == [
        (consultation, "FIN")
    ]
    assert consultation.register_number in response.content.decode()


def test_the_coordinator_signs_for_no_ministry_and_waits_for_nothing(consultation, client_for):
    assert client_for("koordinator").get("/portefolje/").context["waiting"] == []


def test_follow_up_actions_owed_by_my_ministry_appear_once_minutes_are_in_review(
    draft_minutes, client_for
):
    assert client_for("leder-fin").get("/portefolje/").context["follow_up_actions"] == []
    minutes_submit(actor=user("sekretariat"), minutes=draft_minutes)
    actions = client_for("leder-fin").get("/portefolje/").context["follow_up_actions"]
    assert [entry.text for entry in actions] == ["Oppdatere statusrapporten for tiltakene."]
    assert client_for("leder-kdd").get("/portefolje/").context["follow_up_actions"] == []
