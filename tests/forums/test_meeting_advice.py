"""A service forum's or core group's held meeting gives advice to a proposal in Strategisk
forum; only the coordinator and the secretariat record it, in the pages and the API."""

import pytest
from django.urls import reverse

from forums.models import Forum, Meeting
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisory(demo_users):
    from tests.forums.bad_input_forum_admin import advisory_meeting

    return advisory_meeting()


@pytest.mark.parametrize("username", ["leder-fin", "observator", "leder-kdd"])
def test_only_the_coordinator_and_secretariat_bring_advice_from_a_meeting(
    client_for, advisory, username
):
    url = reverse("forums:meeting-advice", args=[advisory.meeting.pk])
    response = client_for(username).post(
        url, {"advice-proposal": advisory.proposal.pk, "advice-text": "Råd."}
    )
    assert response.status_code == 403
    assert not advisory.proposal.advice.exists()
    page = client_for(username).get(advisory.meeting.get_absolute_url()).content.decode()
    assert url not in page


@pytest.mark.parametrize("username", ["sekretariat", "koordinator"])
def test_advice_from_a_meeting_reaches_the_proposal(client_for, advisory, username):
    client = client_for(username)
    url = reverse("forums:meeting-advice", args=[advisory.meeting.pk])
    assert url in client.get(advisory.meeting.get_absolute_url()).content.decode()
    response = client.post(
        url, {"advice-proposal": advisory.proposal.pk, "advice-text": "Forumet støtter."}
    )
    assert response.status_code == 302
    advice = advisory.proposal.advice.get()
    assert (advice.meeting, advice.forum.slug) == (advisory.meeting, "digitale-tjenester")
    page = client_for("observator").get(advisory.proposal.get_absolute_url()).content.decode()
    assert advisory.meeting.get_absolute_url() in page and "Forumet støtter." in page
    meeting_page = client.get(advisory.meeting.get_absolute_url()).content.decode()
    assert advisory.proposal.get_absolute_url() in meeting_page


def test_advice_waits_until_the_meeting_is_held(client_for, advisory):
    Meeting.objects.filter(pk=advisory.meeting.pk).update(status=Meeting.Status.PLANNED)
    response = client_for("sekretariat").post(
        reverse("forums:meeting-advice", args=[advisory.meeting.pk]),
        {"advice-proposal": advisory.proposal.pk, "advice-text": "Råd."},
    )
    assert response.status_code == 302
    assert not advisory.proposal.advice.exists()


def test_a_core_group_meeting_advises_as_the_core_group(advisory):
    from forums.services.meeting_advice import advice_from_meeting

    meeting = advisory.meeting
    meeting.forum = Forum.objects.get(code="KG1")
    meeting.save()
    advice = advice_from_meeting(
        actor=user("koordinator"), meeting=meeting, proposal=advisory.proposal, text="Råd."
    )
    assert advice.core_group.code == "KG1" and advice.forum is None


def test_with_many_open_proposals_the_advice_form_searches_instead_of_listing_them(
    client_for, advisory
):
    from forums.models import Proposal

    client = client_for("sekretariat")
    page = client.get(advisory.meeting.get_absolute_url()).content.decode()
    assert f'name="advice-proposal" value="{advisory.proposal.pk}"' in page  # few: all shown
    Proposal.objects.bulk_create(
        Proposal(
            forum=advisory.proposal.forum,
            year=2030,
            number=n,
            title=f"Sak {n}",
            text=".",
            deadline=advisory.proposal.deadline,
            created_by=user("koordinator"),
        )
        for n in range(1, 60)
    )
    page = client.get(advisory.meeting.get_absolute_url()).content.decode()
    assert "data-picker" in page and "Sak 59" not in page
    found = client.get(
        reverse("proposals:picker"),
        {"q": "Felles IKT", "field": "advice-proposal", "type": "radio", "scope": "advisable"},
    ).content.decode()
    assert f'value="{advisory.proposal.pk}"' in found
    # Only what advice may be given on: not a proposal that is closed.
    advisory.proposal.status = Proposal.Status.ENDORSED
    advisory.proposal.save(update_fields=["status"])
    found = client.get(
        reverse("proposals:picker"),
        {"q": "Felles IKT", "field": "advice-proposal", "type": "radio", "scope": "advisable"},
    ).content.decode()
    assert f'value="{advisory.proposal.pk}"' not in found


# --- the same through the API ----------------------------------------------------------------


def _api_advice(api_client_for, username, advisory, **body):
    return api_client_for(username).post(
        f"/api/v1/meetings/{advisory.meeting.pk}/advice/",
        {"proposal": advisory.proposal.pk, "text": "Forumet støtter.", **body},
        format="json",
    )


@pytest.mark.parametrize("username", ["leder-fin", "observator", "leder-kdd"])
def test_only_the_coordinator_and_secretariat_bring_advice_from_a_meeting_through_the_api(
    api_client_for, advisory, username
):
    response = _api_advice(api_client_for, username, advisory)
    assert response.status_code == 403
    assert not advisory.proposal.advice.exists()


@pytest.mark.parametrize("username", ["sekretariat", "koordinator"])
def test_advice_from_a_meeting_reaches_the_proposal_through_the_api(
    api_client_for, advisory, username
):
    response = _api_advice(api_client_for, username, advisory)
    assert response.status_code == 201
    assert response.json()["id"] == advisory.proposal.pk
    advice = advisory.proposal.advice.get()
    assert (advice.meeting, advice.forum.slug, advice.text) == (
        advisory.meeting,
        "digitale-tjenester",
        "Forumet støtter.",
    )


def test_the_api_refuses_advice_as_the_page_does(api_client_for, advisory):
    # On a proposal of a service forum: the advice goes to Strategisk forum.
    own = advisory.proposal
    Meeting.objects.filter(pk=advisory.meeting.pk).update(status=Meeting.Status.PLANNED)
    assert _api_advice(api_client_for, "sekretariat", advisory).status_code == 409
    Meeting.objects.filter(pk=advisory.meeting.pk).update(status=Meeting.Status.HELD)
    own.forum = advisory.meeting.forum
    own.save(update_fields=["forum"])
    response = _api_advice(api_client_for, "sekretariat", advisory)
    assert response.status_code == 400 and "proposal" in response.json()
    assert not own.advice.exists()
