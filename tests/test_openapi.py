"""The OpenAPI schema of the API validates, with no warnings, and its docs page renders."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


def test_schema_validates_without_warnings(tmp_path: Path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(tmp_path / "schema.yml"),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/api/v1/measures/" in (tmp_path / "schema.yml").read_text()


@pytest.mark.django_db
def test_api_docs_page_renders_for_logged_in_users(client_for):
    assert client_for("leder-fin").get("/api/v1/docs/").status_code == 200
    assert client_for("leder-fin").get("/api/v1/schema/").status_code == 200


@pytest.mark.django_db
def test_api_docs_load_no_third_party_assets(client_for):
    html = client_for("leder-fin").get("/api/v1/docs/").content.decode()
    assert "cdn." not in html
    assert "/static/drf_spectacular_sidecar/" in html


@pytest.mark.django_db
def test_schema_documents_error_responses(api_client_for):
    response = api_client_for("koordinator").get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    listing = paths["/api/v1/ministries/"]["get"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(listing)
    token = paths["/api/v1/auth/token/"]["post"]["responses"]
    assert "400" in token and "404" not in token


@pytest.mark.django_db
def test_schema_documents_what_the_fuzzer_met(api_client_for):
    """404 on any operation on an object, 409 on writes, 429 on the token endpoint, and a
    proposal's `amends` that is null unless it amends another."""
    schema = api_client_for("koordinator").get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    close = paths["/api/v1/proposals/{id}/close/"]["post"]["responses"]
    assert {"404", "409"} <= set(close)
    assert "409" not in paths["/api/v1/proposals/"]["get"]["responses"]
    assert "429" in paths["/api/v1/auth/token/"]["post"]["responses"]
    assert schema["components"]["schemas"]["ProposalOutput"]["properties"]["amends"]["nullable"]


@pytest.mark.django_db
def test_an_unknown_api_address_answers_json_and_a_page_address_html(client_for):
    client = client_for("leder-fin")
    api = client.get("/api/v1/proposals/1.5/")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/json"
    assert "detail" in api.json()
    page = client.get("/finnes-ikke/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
