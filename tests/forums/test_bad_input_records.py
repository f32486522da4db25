"""The write endpoints of the journal in the bad-input sweep (tests/bad_input.py)."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.bad_input import UNKNOWN_PK, Choice, Day, Endpoint, Text, Variant, check

pytestmark = pytest.mark.django_db


def registered_record() -> SimpleNamespace:
    """A proposal opened for consultation: its first version is registered and public."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from forums.models import Record
    from forums.services.proposals import proposal_create, proposal_open

    koordinator = get_user_model().objects.get(username="koordinator")
    proposal = proposal_create(
        actor=koordinator,
        title="Felles innkjøp",
        text="Tekst",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    proposal_open(actor=koordinator, proposal=proposal)
    return SimpleNamespace(record=Record.objects.get(proposal_version__proposal=proposal))


def _minutes() -> SimpleNamespace:
    from tests.forums.test_bad_input import minutes

    return minutes()


def _proposal() -> SimpleNamespace:
    ctx = registered_record()
    ctx.proposal = ctx.record.case.proposal
    return ctx


def _unknown(name: str):
    return lambda ctx: [reverse(name, args=[UNKNOWN_PK])]


ENDPOINTS = [
    Endpoint(
        name="journal:mark",
        user="sekretariat",
        setup=registered_record,
        url=lambda ctx: reverse("journal:mark", args=[ctx.record.pk]),
        valid=lambda ctx: {
            "access": "exempt",
            "legal_basis": "offl-14-1",
            "screened_title": "Skjermet sak",
            "reason": "Organinternt",
        },
        fields={
            "access": Choice(),
            "legal_basis": Choice(),
            "screened_title": Text(250, required=False),
            "reason": Text(2000),
        },
        unknown_urls=_unknown("journal:mark"),
    ),
    Endpoint(
        name="journal:request",
        user="leder-fin",
        setup=registered_record,
        url=lambda ctx: reverse("journal:request", args=[ctx.record.pk]),
        valid=lambda ctx: {"access": "exempt", "reason": "Forhandlingsposisjon"},
        fields={"access": Choice(), "reason": Text(2000)},
        unknown_urls=_unknown("journal:request"),
    ),
    Endpoint(
        name="proposals:reference",
        user="leder-fin",
        setup=_proposal,
        url=lambda ctx: reverse("proposals:reference", args=[ctx.proposal.pk]),
        valid=lambda ctx: {"reference": "26/1234-3"},
        fields={"reference": Text(60)},
        unknown_urls=_unknown("proposals:reference"),
    ),
    Endpoint(
        name="forums:minutes-reference",
        user="leder-fin",
        setup=_minutes,
        url=lambda ctx: reverse("forums:minutes-reference", args=[ctx.minutes.pk]),
        valid=lambda ctx: {"reference": "26/1234-3"},
        fields={"reference": Text(60)},
        unknown_urls=_unknown("forums:minutes-reference"),
    ),
    Endpoint(
        name="api-proposal-reference",
        user="leder-fin",
        method="PUT",
        setup=_proposal,
        url=lambda ctx: reverse("api-proposal-reference", args=[ctx.proposal.pk, "FIN"]),
        valid=lambda ctx: {"reference": "26/1234-3"},
        fields={"reference": Text(60)},
        unknown_urls=lambda ctx: [
            reverse("api-proposal-reference", args=[UNKNOWN_PK, "FIN"]),
            reverse("api-proposal-reference", args=[ctx.proposal.pk, "XYZ"]),
        ],
    ),
    Endpoint(
        name="api-minutes-reference",
        user="leder-fin",
        method="PUT",
        setup=_minutes,
        url=lambda ctx: reverse("api-minutes-reference", args=[ctx.minutes.pk, "FIN"]),
        valid=lambda ctx: {"reference": "26/1234-3"},
        fields={"reference": Text(60)},
        unknown_urls=lambda ctx: [reverse("api-minutes-reference", args=[UNKNOWN_PK, "FIN"])],
    ),
    Endpoint(
        name="api-journal-record-marking",
        user="sekretariat",
        method="PUT",
        setup=registered_record,
        url=lambda ctx: reverse("api-journal-record-marking", args=[ctx.record.pk]),
        valid=lambda ctx: {
            "access": "exempt",
            "legal_basis": "offl-14-1",
            "screened_title": "Skjermet sak",
            "reason": "Organinternt",
        },
        fields={
            "access": Choice(),
            "legal_basis": Choice(),
            "screened_title": Text(250, required=False),
            "reason": Text(2000),
        },
        unknown_urls=_unknown("api-journal-record-marking"),
        extra=lambda ctx: [
            Variant("exempt without a legal basis", "legal_basis", {"legal_basis": ""}),
            Variant("NUL byte in the legal basis", "legal_basis", {"legal_basis": "offl\x00"}),
        ],
    ),
    Endpoint(
        name="api-journal-record-marking-requests",
        user="leder-fin",
        setup=registered_record,
        url=lambda ctx: reverse("api-journal-record-marking-requests", args=[ctx.record.pk]),
        valid=lambda ctx: {"access": "exempt", "reason": "Forhandlingsposisjon"},
        fields={"access": Choice(), "reason": Text(2000)},
        accepted=(201,),
        unknown_urls=_unknown("api-journal-record-marking-requests"),
    ),
    Endpoint(
        name="journal:extractions",
        user="sekretariat",
        url=lambda ctx: reverse("journal:extractions"),
        valid=lambda ctx: {"start": "2027-01-01", "end": "2027-12-31"},
        fields={"start": Day(), "end": Day()},
        extra=lambda ctx: [
            Variant("end before start", "end", {"start": "2027-02-01", "end": "2027-01-01"})
        ],
    ),
    Endpoint(
        name="extraction-list",
        user="sekretariat",
        url=lambda ctx: reverse("extraction-list"),
        valid=lambda ctx: {"start": "2027-01-01", "end": "2027-12-31"},
        fields={"start": Day(), "end": Day()},
        extra=lambda ctx: [
            Variant("end before start", "end", {"start": "2027-02-01", "end": "2027-01-01"})
        ],
        accepted=(202,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))
