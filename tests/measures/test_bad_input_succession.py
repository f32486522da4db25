"""Closing a strategy period and creating its successor, in the bad-input sweep (tests/bad_input.py).

Closing takes no body: the bad input is an address that names no strategy (404, nothing written).
"""

import pytest
from django.urls import reverse

from tests.bad_input import Endpoint, Number, Ref, Text, check

pytestmark = pytest.mark.django_db

STRATEGY = "2021-2025"
NO_STRATEGY = "1999-2000"

SUCCESSOR_FORM = {
    "title_nb": "Neste strategi",
    "title_en": "The next strategy",
    "period_start": "2026",
    "period_end": "2030",
    "overall_goal_nb": "Vi løser samfunnsutfordringer sammen",
    "target_areas": "Samordning | Coordination\nKompetanse | Competence",
    "criteria": "A | Nyttig | Useful\nC | Gjennomførbart | Feasible",
    "measures": ["T1", "T2"],
}
SUCCESSOR_API = {
    "title_nb": "Neste strategi",
    "period_start": 2026,
    "period_end": 2030,
    "overall_goal_nb": "Vi løser samfunnsutfordringer sammen",
    "target_areas": [{"name_nb": "Samordning", "name_en": "Coordination"}],
    "criteria": [{"code": "A", "name_nb": "Nyttig"}],
    "measures": ["T1"],
}

ENDPOINTS = [
    Endpoint(
        name="portfolio:strategy-close",
        user="koordinator",
        url=lambda ctx: reverse("portfolio:strategy-close", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("portfolio:strategy-close", args=[NO_STRATEGY])],
    ),
    Endpoint(
        name="api-strategy-close",
        user="koordinator",
        url=lambda ctx: reverse("api-strategy-close", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("api-strategy-close", args=[NO_STRATEGY])],
    ),
    Endpoint(
        name="succession:create",
        user="koordinator",
        url=lambda ctx: reverse("succession:create", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("succession:create", args=[NO_STRATEGY])],
        valid=lambda ctx: SUCCESSOR_FORM,
        fields={
            "title_nb": Text(200),
            "title_en": Text(200, required=False),
            "period_start": Number(),
            "period_end": Number(),
            "overall_goal_nb": Text(5000),
            "target_areas": Text(5000),
            "criteria": Text(5000),
            "measures": Ref(unknown="T99", required=False, many=True),
        },
    ),
    Endpoint(
        name="api-strategy-successor",
        user="koordinator",
        url=lambda ctx: reverse("api-strategy-successor", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("api-strategy-successor", args=[NO_STRATEGY])],
        valid=lambda ctx: SUCCESSOR_API,
        accepted=(201,),
        fields={
            "title_nb": Text(200),
            "title_en": Text(200, required=False),
            "period_start": Number(),
            "period_end": Number(),
            "overall_goal_nb": Text(5000),
            "measures": Ref(unknown="T99", required=False, many=True),
        },
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))
