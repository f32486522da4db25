"""A draft amendment is named on the endorsed proposal's page only for those who see drafts."""

import datetime

import pytest
from django.utils import timezone

from forums.services.proposals import (
    position_record,
    proposal_close,
    proposal_create,
    proposal_open,
)
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def endorsed_with_draft_amendment(consultation):
    for ministry in consultation.participants.all():
        position_record(
            actor=user(f"leder-{ministry.abbreviation.lower()}"),
            proposal=consultation,
            ministry=ministry,
            position="endorse",
        )
    endorsed = proposal_close(actor=user("koordinator"), proposal=consultation)
    amendment = proposal_create(
        actor=user("koordinator"),
        title="Hemmelig endring",
        text="Endrer vedtaket.",
        deadline=timezone.now() + datetime.timedelta(days=3),
        amends=endorsed,
    )
    return endorsed, amendment


@pytest.mark.parametrize(
    ("who", "sees"),
    [("leder-fin", False), ("observator", False), ("koordinator", True), ("sekretariat", True)],
)
def test_the_endorsed_page_names_a_draft_amendment_only_to_those_who_see_drafts(
    client_for, endorsed_with_draft_amendment, who, sees
):
    endorsed, amendment = endorsed_with_draft_amendment
    page = client_for(who).get(f"/saker/{endorsed.pk}/").content.decode()
    assert (f"/saker/{amendment.pk}/" in page) is sees
    assert (amendment.register_number in page) is sees


def test_an_opened_amendment_is_named_for_everyone(client_for, endorsed_with_draft_amendment):
    endorsed, amendment = endorsed_with_draft_amendment
    proposal_open(actor=user("koordinator"), proposal=amendment)
    page = client_for("leder-fin").get(f"/saker/{endorsed.pk}/").content.decode()
    assert f"/saker/{amendment.pk}/" in page
