"""The evaluation package's two write endpoints in the bad-input sweep (tests/bad_input.py).

Neither takes a body: the strategy is named in the address, so the bad input is an address
that names no strategy (404, nothing written).
"""

import pytest
from django.urls import reverse

from tests.bad_input import Endpoint, check

pytestmark = pytest.mark.django_db

STRATEGY = "2021-2025"
NO_STRATEGY = "1999-2000"

ENDPOINTS = [
    Endpoint(
        name="portfolio:evaluation-start",
        user="koordinator",
        url=lambda ctx: reverse("portfolio:evaluation-start", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("portfolio:evaluation-start", args=[NO_STRATEGY])],
    ),
    Endpoint(
        name="api-evaluation-package",
        user="koordinator",
        url=lambda ctx: reverse("api-evaluation-package", args=[STRATEGY]),
        unknown_urls=lambda ctx: [reverse("api-evaluation-package", args=[NO_STRATEGY])],
        accepted=(202,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))
