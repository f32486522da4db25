"""A revision answers objections, on the revise page as in the API, and the answers are shown.

Only the coordinator revises; the page has one answer field per standing objection, with the
API's rules and errors: an answer to a ministry without an objection refuses the whole revision,
and a refusal changes nothing. The proposal in the API lists every resolved objection.
"""

import pytest
from django.utils import translation

from forums.models import Position, Proposal
from forums.services.proposals import objection_withdraw, position_record, proposal_revise
from portfolio.models import AuditEvent
from tests.forums.conftest import ministry, user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "koordinator", "sekretariat", "observator", "leder-fin", "leder-kdd", "admin"]
ANSWER = "Kostnadene er nå avklart i punkt 3."
REASON = "Kostnadene er ikke avklart."


def _object(proposal: Proposal, abbreviation: str = "FIN") -> Position:
    return position_record(
        actor=user(f"leder-{abbreviation.lower()}"),
        proposal=proposal,
        ministry=ministry(abbreviation),
        position="object",
        reason=REASON,
    )[0]


def _page(proposal: Proposal) -> str:
    return f"/saker/{proposal.pk}/revider/"


def _unchanged(proposal: Proposal) -> bool:
    proposal.refresh_from_db()
    return (
        proposal.version == 1
        and not Position.objects.exclude(resolution="").exists()
        and not AuditEvent.objects.filter(
            kind__in=["proposal.revised", "proposal.objection_answered"]
        ).exists()
    )


def _answered(proposal: Proposal, abbreviation: str = "FIN") -> Position:
    return Position.objects.get(
        proposal=proposal, ministry=ministry(abbreviation), resolution="answered_by_revision"
    )


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("nb", "Hvordan svarer revisjonen på innsigelsen fra FIN?"),
        ("en", "How does the revision answer the objection of FIN?"),
    ],
)
def test_the_page_has_an_answer_field_per_standing_objection(
    consultation, client_for, language, label
):
    _object(consultation)
    page = client_for("koordinator").get(_page(consultation), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = page.content.decode()
    assert label in text
    assert REASON in text
    assert 'name="answer_fin"' in text
    assert 'name="answer_kdd"' not in text  # KDD has not objected


def test_without_objections_the_page_has_no_answer_fields(consultation, client_for):
    text = client_for("koordinator").get(_page(consultation)).content.decode()
    assert 'name="answer_' not in text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_answers_objections_with_a_revision_on_the_page(
    consultation, client_for, role
):
    _object(consultation)
    response = client_for(role).post(
        _page(consultation), {"title": "Ny tittel", "text": "Ny tekst.", "answer_fin": ANSWER}
    )
    if role == "koordinator":
        assert response.status_code == 302
        objection = _answered(consultation)
        assert (objection.resolution_text, objection.withdrawn_by) == (ANSWER, user(role))
        assert AuditEvent.objects.filter(kind="proposal.objection_answered").count() == 1
        consultation.refresh_from_db()
        assert consultation.version == 2
    else:
        expected = 302 if role == "anonymous" else 403
        assert response.status_code == expected
        assert _unchanged(consultation)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_answers_objections_with_a_revision_in_the_api(
    consultation, api_client_for, role
):
    _object(consultation)
    response = api_client_for(role).post(
        f"/api/v1/proposals/{consultation.pk}/revise/",
        {"text": "Ny tekst.", "answers": {"FIN": ANSWER}},
        format="json",
    )
    if role == "koordinator":
        assert response.status_code == 200
        assert _answered(consultation).resolution_text == ANSWER
    else:
        assert response.status_code == (401 if role == "anonymous" else 403)
        assert _unchanged(consultation)


def test_an_empty_answer_field_answers_nothing(consultation, client_for):
    _object(consultation)
    response = client_for("koordinator").post(
        _page(consultation), {"title": "Ny tittel", "text": "Ny tekst.", "answer_fin": "   "}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.version == 2
    assert not Position.objects.exclude(resolution="").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "KDD har ingen innsigelse mot denne versjonen å svare på."),
        ("en", "KDD has no objection to this version to answer."),
    ],
)
def test_an_answer_to_a_ministry_without_an_objection_refuses_the_revision(
    consultation, client_for, api_client_for, language, message
):
    _object(consultation)
    page = client_for("koordinator").post(
        _page(consultation),
        {"title": "Ny tittel", "text": "Ny tekst.", "answer_fin": ANSWER, "answer_kdd": "Svar."},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert page.status_code == 400
    assert message in page.content.decode()
    api = api_client_for("koordinator").post(
        f"/api/v1/proposals/{consultation.pk}/revise/",
        {"text": "Ny tekst.", "answers": {"FIN": ANSWER, "KDD": "Svar."}},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert api.status_code == 400
    assert api.json()["answers"] == [message]
    assert _unchanged(consultation)


def test_an_objection_withdrawn_while_the_page_was_open_refuses_its_answer(
    consultation, client_for
):
    _object(consultation)
    client = client_for("koordinator")
    assert 'name="answer_fin"' in client.get(_page(consultation)).content.decode()
    objection_withdraw(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        explanation="Avklart i møte.",
    )
    with translation.override("en"):
        response = client.post(
            _page(consultation),
            {"title": "Ny tittel", "text": "Ny tekst.", "answer_fin": ANSWER},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert "FIN has no objection to this version to answer." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.version == 1
    assert not Position.objects.filter(resolution="answered_by_revision").exists()


def test_bad_answer_text_on_the_page_is_refused_next_to_its_field(consultation, client_for):
    _object(consultation)
    client = client_for("koordinator")
    for bad in ("Svar med \x00 NUL", "x" * 4001):
        response = client.post(
            _page(consultation), {"title": "Ny tittel", "text": "Ny tekst.", "answer_fin": bad}
        )
        assert response.status_code == 400
        assert 'id="id_answer_fin_error"' in response.content.decode()
    assert _unchanged(consultation)


def test_the_api_proposal_lists_each_resolved_objection(consultation, api_client_for):
    _object(consultation, "FIN")
    _object(consultation, "KDD")
    objection_withdraw(
        actor=user("leder-kdd"),
        proposal=consultation,
        ministry=ministry("KDD"),
        explanation="Avklart i møte.",
    )
    proposal_revise(
        actor=user("koordinator"), proposal=consultation, text="Ny tekst.", answers={"FIN": ANSWER}
    )
    body = api_client_for("observator").get(f"/api/v1/proposals/{consultation.pk}/").json()
    resolved = body["resolved_objections"]
    assert [(row["ministry"], row["resolution"]) for row in resolved] == [
        ("KDD", "withdrawn"),
        ("FIN", "answered_by_revision"),
    ]
    kdd, fin = resolved
    assert (kdd["explanation"], kdd["resolved_by"], kdd["reason"], kdd["version"]) == (
        "Avklart i møte.",
        "leder-kdd",
        REASON,
        1,
    )
    assert (fin["explanation"], fin["resolved_by"]) == (ANSWER, "koordinator")
    assert fin["resolved_at"]


def test_a_proposal_without_resolved_objections_lists_none(consultation, api_client_for):
    _object(consultation)
    body = api_client_for("observator").get(f"/api/v1/proposals/{consultation.pk}/").json()
    assert body["resolved_objections"] == []


def test_the_schema_documents_the_resolved_objections(api_client_for):
    schema = api_client_for("koordinator").get(
        "/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    components = schema.json()["components"]["schemas"]
    listed = components["ProposalOutput"]["properties"]["resolved_objections"]
    assert listed["items"]["$ref"].endswith("/ResolvedObjectionOutput")
    assert "answered by a revision" in listed["description"]
    fields = components["ResolvedObjectionOutput"]["properties"]
    assert set(fields) == {
        "ministry",
        "version",
        "reason",
        "resolution",
        "explanation",
        "resolved_by",
        "resolved_at",
    }
    assert all(field.get("description") for field in fields.values())
    revise = components["ReviseInput"]["properties"]["answers"]
    assert "objection" in revise["description"]
