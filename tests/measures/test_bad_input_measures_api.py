"""Bad input to the API of measures' status, benefits, dependencies and core groups is refused,
translated, and writes nothing."""

import pytest
from django.urls import reverse

from tests.bad_input import UNKNOWN_PK, Choice, Day, Number, Ref, Text, Variant, check
from tests.measures.test_bad_input import FollowUp, _benefit

pytestmark = pytest.mark.django_db

BENEFIT_KINDS = {
    "title": Text(200),
    "indicator": Text(200),
    "unit": Text(40, required=False),
    "baseline": Number(decimal=True),
    "target": Number(decimal=True),
    "target_on": Day(required=False),
    "description": Text(4000, required=False),
}
MEASUREMENT_KINDS = {
    "measured_on": Day(),
    "value": Number(decimal=True),
    "comment": Text(1000, required=False),
}
GROUP_KINDS = {
    "mandate_nb": Text(10_000, required=False),
    "mandate_en": Text(10_000, required=False),
    "status": Choice(),
}
GROUP = {"mandate_nb": "Mandat.", "mandate_en": "Mandate.", "status": "active"}


def _benefit_url(ctx) -> str:
    return reverse("benefit-detail", args=[ctx.benefit.pk])


ENDPOINTS = [
    FollowUp(
        name="measure-transition",
        user="koordinator",
        url=lambda ctx: reverse("measure-transition", args=["T5"]),
        valid=lambda ctx: {
            "to_status": "completed",
            "decided_on": "2027-06-01",
            "decided_in": "SF 2027/04",
            "note": "Levert.",
        },
        fields={
            "to_status": Choice(),
            "decided_on": Day(required=False),
            "decided_in": Text(100, required=False),
            "note": Text(4000, required=False),
        },
        unknown_urls=lambda ctx: [reverse("measure-transition", args=["T99"])],
    ),
    FollowUp(
        name="benefit-list",
        user="leder-kdd",
        url=lambda ctx: reverse("benefit-list"),
        valid=lambda ctx: {**_benefit(ctx), "measure": "T5"},
        fields={**BENEFIT_KINDS, "measure": Ref(unknown="T99")},
    ),
    FollowUp(
        name="benefit-detail",
        method="PUT",
        user="leder-kdd",
        url=_benefit_url,
        valid=lambda ctx: {**_benefit(ctx), "measure": "T5"},
        fields=BENEFIT_KINDS,
        unknown_urls=lambda ctx: [reverse("benefit-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="benefit-detail",
        method="PATCH",
        user="leder-kdd",
        url=_benefit_url,
        valid=lambda ctx: {"target": "90"},
        fields=BENEFIT_KINDS,
        unknown_urls=lambda ctx: [reverse("benefit-detail", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="benefit-measurements",
        user="leder-kdd",
        url=lambda ctx: reverse("benefit-measurements", args=[ctx.benefit.pk]),
        valid=lambda ctx: {"measured_on": "2027-05-01", "value": "10.5", "comment": "Første."},
        fields=MEASUREMENT_KINDS,
        extra=lambda ctx: [Variant("too many digits", "value", {"value": "1" * 13 + ".5"})],
        unknown_urls=lambda ctx: [reverse("benefit-measurements", args=[UNKNOWN_PK])],
    ),
    FollowUp(
        name="dependency-list",
        user="leder-kdd",
        url=lambda ctx: reverse("dependency-list"),
        valid=lambda ctx: {"measure": "T5", "depends_on": "T7", "description": "Trenger avtalen."},
        fields={
            "measure": Ref(unknown="T99"),
            "depends_on": Ref(unknown="T99"),
            "description": Text(1000, required=False),
        },
        extra=lambda ctx: [
            Variant("on itself", None, {"depends_on": "T5"}),
            Variant("twice", None, {"depends_on": ctx.dependency.depends_on.code}),
        ],
    ),
    FollowUp(
        name="core-group-detail",
        method="PUT",
        user="koordinator",
        url=lambda ctx: reverse("core-group-detail", args=[ctx.group.code]),
        valid=lambda ctx: dict(GROUP),
        fields=GROUP_KINDS,
        partial=True,
        unknown_urls=lambda ctx: [reverse("core-group-detail", args=["KG99"])],
    ),
    FollowUp(
        name="core-group-detail",
        method="PATCH",
        user="koordinator",
        url=lambda ctx: reverse("core-group-detail", args=[ctx.group.code]),
        valid=lambda ctx: {"status": "completed"},
        fields=GROUP_KINDS,
        unknown_urls=lambda ctx: [reverse("core-group-detail", args=["KG99"])],
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, api_client_for):
    check(endpoint, api_client_for(endpoint.user))
