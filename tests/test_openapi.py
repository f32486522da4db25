"""The OpenAPI schema of the API: it validates with no warnings in bokmål and English, every
operation says what it does and who may call it in both languages, the error responses are
documented in the shapes the API really gives, and the docs page loads the schema in the
user's language.

The checks walk every operation of the schema, so a new endpoint is held to them too.
"""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

LANGUAGES = ["nb", "nn", "en"]
MARKER = {"nb": "**Tilgang:**", "nn": "**Tilgang:**", "en": "**Permissions:**"}
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    """The schema in each language, as the schema view generates it."""
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = SchemaGenerator().get_schema(request=None, public=True)
    return result


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", method, path, operation


@pytest.mark.parametrize("language", LANGUAGES)
def test_schema_validates_without_warnings(tmp_path: Path, language):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--lang",
            language,
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_operation_says_what_it_does_and_who_may_call_it(schemas, language):
    undocumented = []
    for name, _method, _path, operation in operations(schemas[language]):
        summary = operation.get("summary", "").strip()
        description = operation.get("description", "")
        _, marker, permissions = description.partition(MARKER[language])
        if not (summary and description.strip() and marker and permissions.strip()):
            undocumented.append(name)
    assert undocumented == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_operation_is_translated(schemas, language):
    english = {name: operation for name, _, _, operation in operations(schemas["en"])}
    untranslated = [
        name
        for name, _, _, operation in operations(schemas[language])
        if operation.get("summary") == english[name].get("summary")
        or operation.get("description") == english[name].get("description")
    ]
    assert untranslated == []
    assert schemas[language]["info"]["description"] != schemas["en"]["info"]["description"]


def test_every_tag_is_described_in_every_language(schemas):
    used = {tag for _, _, _, operation in operations(schemas["en"]) for tag in operation["tags"]}
    described = {
        language: {tag["name"]: tag.get("description", "") for tag in schemas[language]["tags"]}
        for language in LANGUAGES
    }
    for tag in used:
        assert described["en"].get(tag), tag
        assert described["nb"].get(tag) not in ("", None, described["en"][tag]), tag
        assert described["nn"].get(tag) not in ("", None, described["en"][tag]), tag


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_parameter_is_described(schemas, language):
    bare = [
        f"{name} {parameter['name']}"
        for name, _, _, operation in operations(schemas[language])
        for parameter in operation.get("parameters", [])
        if not parameter.get("description", "").strip()
    ]
    assert bare == []


def _error_schema(schema: dict, response: dict) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_every_operation_documents_its_error_responses(schemas):
    schema = schemas["en"]
    for name, method, path, operation in operations(schema):
        responses = operation["responses"]
        public = not operation.get("security") or {} in operation["security"]
        expected = set()
        if not public:
            expected.add("401")
            if method in WRITES:
                expected.add("403")
        if "{" in path:
            expected.add("404")
        if operation.get("requestBody"):
            expected.add("400")
        assert expected <= set(responses), name
        for code, response in responses.items():
            if code.startswith("4"):
                shape = "FieldErrors" if code == "400" else "ErrorDetail"
                assert _error_schema(schema, response) == shape, f"{name} {code}"
                assert response["description"], f"{name} {code}"


def test_reads_are_not_refused_and_the_token_endpoint_is_public(schemas):
    paths = schemas["en"]["paths"]
    listing = paths["/api/v1/ministries/"]["get"]["responses"]
    assert {"200", "400", "401", "404"} <= set(listing)
    assert "403" not in listing
    token = paths["/api/v1/auth/token/"]["post"]["responses"]
    assert {"200", "400", "429"} <= set(token)
    assert not {"401", "403", "404"} & set(token)


def test_wrong_state_is_documented_where_the_services_refuse_it(schemas):
    paths = schemas["en"]["paths"]
    for path, method in [
        ("/api/v1/reporting-periods/{id}/close/", "post"),
        ("/api/v1/status-reports/", "post"),
        ("/api/v1/assessments/", "post"),
        ("/api/v1/minutes/{id}/approve/", "post"),
        ("/api/v1/proposals/{id}/positions/{abbreviation}/", "put"),
    ]:
        assert "409" in paths[path][method]["responses"], path


# The documented shapes are the real ones: each kind of error, produced for real.


def _documented(schemas, path: str, method: str, code: int) -> dict:
    schema = schemas["en"]
    response = schema["paths"][path][method]["responses"][str(code)]
    return schema["components"]["schemas"][_error_schema(schema, response)]


def _assert_documented(schemas, response, path: str, method: str, code: int) -> None:
    assert response.status_code == code, response.content
    jsonschema.validate(response.json(), _documented(schemas, path, method, code))


@pytest.mark.django_db
def test_anonymous_requests_get_401_with_the_token_challenge(schemas, api_client_for):
    response = api_client_for("anonymous").get("/api/v1/measures/")
    _assert_documented(schemas, response, "/api/v1/measures/", "get", 401)
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_error_bodies_match_the_documented_shapes(schemas, api_client_for):
    periods = "/api/v1/reporting-periods/"
    period = {
        "year": 2031,
        "sequence": 1,
        "starts_on": "2031-01-01",
        "ends_on": "2031-03-31",
        "due_on": "2031-04-10",
    }
    refused = api_client_for("leder-fin").post(periods, period, format="json")
    _assert_documented(schemas, refused, periods, "post", 403)

    coordinator = api_client_for("koordinator")
    invalid = coordinator.post(periods, {**period, "starts_on": "soon"}, format="json")
    _assert_documented(schemas, invalid, periods, "post", 400)
    assert "starts_on" in invalid.json()

    created = coordinator.post(periods, period, format="json")
    assert created.status_code == 201, created.content
    close = f"{periods}{{id}}/close/"
    url = close.replace("{id}", str(created.json()["id"]))
    assert coordinator.post(url).status_code == 200
    _assert_documented(schemas, coordinator.post(url), close, "post", 409)

    missing = coordinator.get("/api/v1/measures/T99/")
    _assert_documented(schemas, missing, "/api/v1/measures/{code}/", "get", 404)
    past_the_end = coordinator.get("/api/v1/measures/", {"page": 99})
    _assert_documented(schemas, past_the_end, "/api/v1/measures/", "get", 404)
    bad_filter = coordinator.get("/api/v1/measures/", {"rag": "purple"})
    _assert_documented(schemas, bad_filter, "/api/v1/measures/", "get", 400)


@pytest.mark.django_db
def test_rules_of_no_single_field_are_reported_under_non_field_errors(schemas, api_client_for):
    token = "/api/v1/auth/token/"
    wrong = api_client_for("anonymous").post(token, {"username": "leder-fin", "password": "x"})
    _assert_documented(schemas, wrong, token, "post", 400)
    assert list(wrong.json()) == ["non_field_errors"]

    from django.contrib.auth import get_user_model

    from forums.models import Forum, Proposal
    from forums.services.proposals import proposal_create

    Forum.objects.get(slug="strategisk-forum").seats.all().delete()
    draft = proposal_create(
        actor=get_user_model().objects.get(username="koordinator"),
        title="Uten deltakere",
        text="Ingen departementer har plass i forumet.",
        deadline=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    path = "/api/v1/proposals/{id}/open/"
    response = api_client_for("koordinator").post(path.replace("{id}", str(draft.pk)))
    _assert_documented(schemas, response, path, "post", 400)
    assert list(response.json()) == ["non_field_errors"]
    assert Proposal.objects.get(pk=draft.pk).status == Proposal.Status.DRAFT


@pytest.mark.django_db
def test_a_path_no_route_takes_gets_the_documented_404(schemas, api_client_for):
    # The router's ids take no dot: without handler404, Django's HTML page would answer.
    approve = "/api/v1/minutes/{id}/approve/"
    response = api_client_for("sekretariat").post(approve.replace("{id}", "0.5"))
    _assert_documented(schemas, response, approve, "post", 404)
    nothing = api_client_for("anonymous").get("/api/v1/nothing-here/")
    assert nothing.status_code == 404 and nothing["Content-Type"] == "application/json"
    assert api_client_for("sekretariat").get("/api/v1/measures").status_code == 301


# The schema and the docs page in the user's language.


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "opening"), [("nb", "Porteføljen"), ("en", "The portfolio")])
def test_schema_is_served_in_the_language_asked_for(api_client_for, language, opening):
    response = api_client_for("leder-fin").get("/api/v1/schema/", {"lang": language})
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert response.data["info"]["description"].startswith(opening)


@pytest.mark.django_db
def test_schema_without_a_known_language_follows_the_users_language(client_for):
    client = client_for("leder-fin")
    default = client.get("/api/v1/schema/", {"lang": "xx"})
    assert default["Content-Language"] == settings.LANGUAGE_CODE == "nb"
    client.post("/i18n/setlang/", {"language": "en"})
    switched = client.get("/api/v1/schema/")
    assert switched["Content-Language"] == "en"
    assert b"The portfolio" in switched.content


def _schema_url_of_docs_page(client, query: dict | None = None) -> str:
    page = client.get("/api/v1/docs/", query or {})
    assert page.status_code == 200
    html = page.content.decode()
    script = html.split('<script src="')[-1].split('"')[0].replace("&amp;", "&")
    init = client.get(script)
    assert init.status_code == 200
    url = init.content.decode().split('url: "')[1].split('"')[0]
    return json.loads(f'"{url}"')  # a JavaScript string literal


@pytest.mark.django_db
def test_docs_page_loads_the_schema_in_the_users_language(client_for):
    client = client_for("leder-fin")
    assert _schema_url_of_docs_page(client) == "/api/v1/schema/?lang=nb"
    client.post("/i18n/setlang/", {"language": "en"})
    assert _schema_url_of_docs_page(client) == "/api/v1/schema/?lang=en"
    assert _schema_url_of_docs_page(client, {"lang": "nb"}) == "/api/v1/schema/?lang=nb"


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


@pytest.mark.django_db
def test_the_schema_and_its_page_are_public_and_hold_no_data(client, demo_users):
    """Decided: the API's description is public, like its rules; every answer it describes
    still needs a login, and the schema names no person, ministry row or proposal."""
    schema = client.get("/api/v1/schema/?lang=en")
    assert schema.status_code == 200
    assert b"leder-fin" not in schema.content
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/ministries/").status_code == 401
