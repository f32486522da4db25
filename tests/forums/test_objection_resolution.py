"""Objections resolved, not just withdrawn: by withdrawal with an explanation, recorded and shown.

Only someone who may sign for the objecting ministry withdraws its objection, in the pages and
the API; a refusal changes nothing.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from forums.models import Position, PositionChange, Proposal
from forums.services.proposals import objection_withdraw, position_record, proposal_withdraw
from portfolio.models import AuditEvent
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "koordinator", "sekretariat", "observator", "leder-fin", "leder-kdd", "admin"]
EXPLANATION = "Kostnadene er avklart i møte med KDD."


def _object(proposal: Proposal) -> Position:
    return position_record(
        actor=user("leder-fin"),
        proposal=proposal,
        ministry=ministry("FIN"),
        position="object",
        reason="Kostnadene er ikke avklart.",
    )[0]


def _unchanged(proposal: Proposal) -> bool:
    objection = Position.objects.get(proposal=proposal, ministry=ministry("FIN"))
    return (
        objection.withdrawn_at is None
        and objection.resolution == ""
        and not PositionChange.objects.filter(kind="objection_withdrawn").exists()
        and not AuditEvent.objects.filter(kind="proposal.objection_withdrawn").exists()
    )


def _resolved(proposal: Proposal) -> bool:
    objection = Position.objects.get(proposal=proposal, ministry=ministry("FIN"))
    return (
        objection.resolution == "withdrawn"
        and objection.resolution_text == EXPLANATION
        and objection.withdrawn_by == user("leder-fin")
        and objection.withdrawn_at is not None
        and AuditEvent.objects.filter(kind="proposal.objection_withdrawn").count() == 1
    )


def _api_url(proposal: Proposal, abbreviation: str = "FIN") -> str:
    return f"/api/v1/proposals/{proposal.pk}/positions/{abbreviation}/withdraw-objection/"


def _page_url(proposal: Proposal, abbreviation: str = "FIN") -> str:
    return f"/saker/{proposal.pk}/innsigelse/{abbreviation}/trekk/"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_objecting_ministry_withdraws_in_the_api(consultation, api_client_for, role):
    _object(consultation)
    response = api_client_for(role).post(
        _api_url(consultation), {"explanation": EXPLANATION}, format="json"
    )
    if role == "leder-fin":
        assert response.status_code == 200
        assert _resolved(consultation)
        fin = next(row for row in response.json()["positions"] if row["ministry"] == "FIN")
        assert fin["position"] is None  # missing again until FIN records a new position
    else:
        assert response.status_code == (401 if role == "anonymous" else 403)
        assert _unchanged(consultation)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_objecting_ministry_withdraws_in_the_pages(consultation, client_for, role):
    _object(consultation)
    response = client_for(role).post(
        _page_url(consultation), {"withdraw-fin-explanation": EXPLANATION}
    )
    if role == "leder-fin":
        assert response.status_code == 302
        assert _resolved(consultation)
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/logg-inn/")
        assert _unchanged(consultation)
    else:
        assert response.status_code == 403
        assert _unchanged(consultation)


def test_permission_is_checked_before_the_input(consultation, api_client_for, client_for):
    _object(consultation)
    assert api_client_for("leder-kdd").post(_api_url(consultation), {}).status_code == 403
    assert client_for("leder-kdd").post(_page_url(consultation), {}).status_code == 403
    assert _unchanged(consultation)


def test_withdrawal_needs_an_explanation(consultation, api_client_for, client_for):
    _object(consultation)
    api = api_client_for("leder-fin")
    for body in ({}, {"explanation": "   "}):
        response = api.post(_api_url(consultation), body, format="json", HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 400
        assert "explanation" in response.json()
    page = client_for("leder-fin").post(
        _page_url(consultation), {"withdraw-fin-explanation": " "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 400
    assert _unchanged(consultation)
    with translation.override("nb"), pytest.raises(ValidationError) as refused:
        objection_withdraw(
            actor=user("leder-fin"), proposal=consultation, ministry=ministry("FIN"), explanation=""
        )
    assert "Si hvorfor innsigelsen trekkes." in str(refused.value)


def test_no_standing_objection_or_not_in_consultation_is_a_conflict(
    consultation, api_client_for, client_for
):
    api = api_client_for("leder-fin")
    body = {"explanation": EXPLANATION}
    assert api.post(_api_url(consultation), body, format="json").status_code == 409
    _object(consultation)
    proposal_withdraw(actor=user("koordinator"), proposal=consultation)
    assert api.post(_api_url(consultation), body, format="json").status_code == 409
    page = client_for("leder-fin").post(
        _page_url(consultation), {"withdraw-fin-explanation": EXPLANATION}
    )
    assert page.status_code == 302  # back to the proposal, with the refusal as a message
    assert _unchanged(consultation)


@pytest.mark.parametrize(
    ("language", "heading", "how"),
    [
        ("nb", "Innsigelser som er løst", "Trukket med en forklaring"),
        ("en", "Objections resolved", "Withdrawn with an explanation"),
    ],
)
def test_the_proposal_page_shows_the_resolution(consultation, client_for, language, heading, how):
    _object(consultation)
    objection_withdraw(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        explanation=EXPLANATION,
    )
    page = client_for("observator").get(f"/saker/{consultation.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (heading, how, EXPLANATION, "Kostnadene er ikke avklart.", "leder-fin"):
        assert shown in text


def test_a_revision_answers_an_objection_and_the_answer_is_recorded(consultation, api_client_for):
    _object(consultation)
    api = api_client_for("koordinator")
    url = f"/api/v1/proposals/{consultation.pk}/revise/"
    for answers in ({"KDD": "Svar."}, {"FIN": " "}):
        response = api.post(url, {"text": "Ny tekst.", "answers": answers}, format="json")
        assert response.status_code == 400
        assert "answers" in response.json()
    assert _unchanged(consultation)
    consultation.refresh_from_db()
    assert consultation.version == 1
    refused = api_client_for("leder-fin").post(
        url, {"text": "Ny tekst.", "answers": {"FIN": EXPLANATION}}, format="json"
    )
    assert refused.status_code == 403
    assert _unchanged(consultation)
    response = api.post(url, {"text": "Ny tekst.", "answers": {"fin": EXPLANATION}}, format="json")
    assert response.status_code == 200
    objection = Position.objects.get(proposal=consultation, ministry=ministry("FIN"))
    assert (objection.resolution, objection.resolution_text, objection.withdrawn_by) == (
        "answered_by_revision",
        EXPLANATION,
        user("koordinator"),
    )
    assert AuditEvent.objects.filter(kind="proposal.objection_answered").count() == 1
