"""The OpenAPI schema documents the error responses clients and the fuzzer will meet."""

import pytest

pytestmark = pytest.mark.django_db


def test_schema_documents_error_responses(api_client_for):
    response = api_client_for("koordinator").get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    listing = paths["/api/v1/ministries/"]["get"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(listing)
    token = paths["/api/v1/auth/token/"]["post"]["responses"]
    assert "400" in token and "404" not in token
