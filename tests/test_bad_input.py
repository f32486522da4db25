"""Bad input everywhere: the sweep covers every write endpoint, and reads survive bad filters.

The sweep itself is in tests/bad_input.py; the endpoints of measures and forums are listed in
tests/measures/test_bad_input.py and tests/forums/test_bad_input.py, and those of the portfolio
and the accounts below. `test_every_write_endpoint_is_in_the_sweep` fails for a write endpoint
that none of the tables lists, so a new form or API operation cannot go without its bad input.
"""

import json
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic.edit import ProcessFormView

from portfolio.accounts.forms import PASSWORD_MAX
from portfolio.models import Notification
from portfolio.notification_kinds import notification_kinds
from tests.bad_input import (
    LANGUAGES,
    UNKNOWN_PK,
    Choice,
    Endpoint,
    Text,
    Variant,
    check,
    media_files,
    page_errors,
    row_counts,
    written,
)
from tests.evaluation.test_bad_input_evaluation import ENDPOINTS as EVALUATION_ENDPOINTS
from tests.forums.test_bad_input import ENDPOINTS as FORUM_ENDPOINTS
from tests.forums.test_bad_input_forum_api import ENDPOINTS as FORUM_API_ENDPOINTS
from tests.forums.test_bad_input_records import ENDPOINTS as RECORDS_ENDPOINTS
from tests.measures.test_bad_input import ENDPOINTS as MEASURE_ENDPOINTS
from tests.measures.test_bad_input_measures_api import ENDPOINTS as MEASURE_API_ENDPOINTS
from tests.measures.test_bad_input_succession import ENDPOINTS as SUCCESSION_ENDPOINTS

pytestmark = pytest.mark.django_db


def notification() -> SimpleNamespace:
    """A notification for leder-fin, and one for someone else."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    mine = Notification.objects.create(
        recipient=users.get(username="leder-fin"), key="t:1", subject="Sak", url="/saker/"
    )
    theirs = Notification.objects.create(
        recipient=users.get(username="leder-kdd"), key="t:2", subject="Sak", url="/saker/"
    )
    return SimpleNamespace(mine=mine, theirs=theirs)


CREDENTIALS = {"username": "leder-fin", "password": "demo"}
CREDENTIAL_KINDS = {
    "username": Text(150),
    # A password of spaces is a wrong password (it counts towards the lockout), not bad input.
    "password": Text(PASSWORD_MAX, strip=False),
}


def _preferences() -> dict:
    """Every kind's e-mail, as the preferences form posts it, and a language."""
    deliveries = ["digest", "none", "email"]
    kinds = {kind: deliveries[n % 3] for n, kind in enumerate(notification_kinds())}
    return {**kinds, "language": "en"}


ENDPOINTS = [
    Endpoint(
        name="accounts:notification-preferences",
        user="leder-fin",
        url=lambda ctx: reverse("accounts:notification-preferences"),
        valid=lambda ctx: _preferences(),
        fields={**{kind: Choice() for kind in notification_kinds()}, "language": Choice()},
    ),
    Endpoint(
        name="api-notification-preferences",
        user="leder-fin",
        method="PATCH",
        url=lambda ctx: reverse("api-notification-preferences"),
        valid=lambda ctx: {"deliveries": {"meeting": "digest"}, "language": "en"},
        fields={"language": Choice()},
        extra=lambda ctx: [
            Variant("deliveries: not an object", "deliveries", {"deliveries": "digest"}),
            Variant("deliveries: unknown kind", "deliveries", {"deliveries": {"x": "email"}}),
            Variant("deliveries: unknown choice", "deliveries", {"deliveries": {"meeting": "x"}}),
            Variant("deliveries: a list", "deliveries", {"deliveries": {"meeting": ["email"]}}),
            Variant("deliveries: NUL byte", "deliveries", {"deliveries": {"meeting": "e\x00"}}),
        ],
    ),
    Endpoint(
        name="portfolio:notifications",
        user="leder-fin",
        setup=notification,
        url=lambda ctx: reverse("portfolio:notifications"),
        # Takes no input: marks all of the person's notifications as read.
    ),
    Endpoint(
        name="portfolio:notification-open",
        user="leder-fin",
        setup=notification,
        url=lambda ctx: reverse("portfolio:notification-open", args=[ctx.mine.pk]),
        unknown_urls=lambda ctx: [
            reverse("portfolio:notification-open", args=[UNKNOWN_PK]),
            reverse("portfolio:notification-open", args=[ctx.theirs.pk]),
        ],
    ),
    Endpoint(
        name="notification-read",
        user="leder-fin",
        setup=notification,
        url=lambda ctx: reverse("notification-read", args=[ctx.mine.pk]),
        unknown_urls=lambda ctx: [
            reverse("notification-read", args=[UNKNOWN_PK]),
            reverse("notification-read", args=[ctx.theirs.pk]),
        ],
        # Takes no input: marks the caller's notification in the path as read.
    ),
    Endpoint(
        name="notification-read-all",
        user="leder-fin",
        setup=notification,
        url=lambda ctx: reverse("notification-read-all"),
        # Takes no input: marks all of the caller's notifications as read.
    ),
    Endpoint(
        name="login",
        user="anonymous",
        url=lambda ctx: reverse("login"),
        valid=lambda ctx: dict(CREDENTIALS),
        fields=CREDENTIAL_KINDS,
        alert_only=True,  # one message for the form: it does not tell which part was wrong
    ),
    Endpoint(
        name="accounts:logout-everywhere",
        user="leder-fin",
        url=lambda ctx: reverse("accounts:logout-everywhere"),
        # Takes no input.
    ),
    Endpoint(
        name="accounts:api-tokens-revoke",
        user="leder-fin",
        url=lambda ctx: reverse("accounts:api-tokens-revoke"),
        # Takes no input: revokes the person's own API token.
    ),
    Endpoint(
        name="forums:calendar-rotate",
        user="leder-fin",
        url=lambda ctx: reverse("forums:calendar-rotate"),
        # Takes no input: a new calendar address for the person.
    ),
    Endpoint(
        name="forums:calendar-revoke",
        user="leder-fin",
        url=lambda ctx: reverse("forums:calendar-revoke"),
        # Takes no input: revokes the person's calendar address.
    ),
    Endpoint(
        name="api-calendar-address-rotate",
        user="leder-fin",
        url=lambda ctx: reverse("api-calendar-address-rotate"),
        # Takes no input: a new calendar address for the caller.
    ),
    Endpoint(
        name="api-calendar-address",
        user="leder-fin",
        method="DELETE",
        url=lambda ctx: reverse("api-calendar-address"),
        accepted=(204,),
        # Takes no input: revokes the caller's calendar address.
    ),
    Endpoint(
        name="api-own-tokens",
        user="leder-fin",
        method="DELETE",
        url=lambda ctx: reverse("api-own-tokens"),
        accepted=(204,),
        # Takes no input: revokes the caller's own API tokens.
    ),
    Endpoint(
        name="api-token",
        user="anonymous",
        url=lambda ctx: reverse("api-token"),
        valid=lambda ctx: dict(CREDENTIALS),
        fields=CREDENTIAL_KINDS,
    ),
]

ALL = [
    *MEASURE_ENDPOINTS,
    *MEASURE_API_ENDPOINTS,
    *FORUM_ENDPOINTS,
    *FORUM_API_ENDPOINTS,
    *RECORDS_ENDPOINTS,
    *EVALUATION_ENDPOINTS,
    *SUCCESSION_ENDPOINTS,
    *ENDPOINTS,
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_bad_input_is_refused_and_writes_nothing(endpoint, client_for, api_client_for):
    check(endpoint, (api_client_for if endpoint.api else client_for)(endpoint.user))


# --- Coverage: every write endpoint has its bad input -------------------------------------

WRITE_METHODS = ("post", "put", "patch", "delete")
# Views of libraries: their input is the library's business (admin, login via OIDC, language).
LIBRARY_MODULES = ("django.", "mozilla_django_oidc.", "drf_spectacular.", "rest_framework.")
# Function views that only read; a function view must be listed here or in a sweep table.
READ_ONLY_FUNCTION_VIEWS = {
    "accounts:account": "shows the account; its only form posts to logout-everywhere",
    "accounts:sso-refused": "says why single sign-on was refused",
}


def _patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.callback


def write_endpoints() -> tuple[set[tuple[str, str]], set[str]]:
    """((URL name, method) of every write endpoint of the portal, unclassified function views)."""
    found, unclassified = set(), set()
    for name, callback in _patterns(get_resolver().url_patterns):
        if name.startswith("admin:"):
            continue
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        module = (view or callback).__module__
        if module.startswith(LIBRARY_MODULES) or view is LogoutView:
            continue
        actions = getattr(callback, "actions", None)
        if actions is not None:  # a DRF viewset route: method -> action
            methods = [method for method in actions if method in WRITE_METHODS]
        elif view is not None:
            methods = [
                method
                for method in WRITE_METHODS
                if hasattr(view, method)
                # FormView's PUT only calls POST: the same endpoint.
                and getattr(view, method) is not ProcessFormView.put
            ]
        else:
            if name not in READ_ONLY_FUNCTION_VIEWS and not any(e.name == name for e in ALL):
                unclassified.add(name)
            methods = ["post"] if any(e.name == name for e in ALL) else []
        found |= {(name, method.upper()) for method in methods}
    return found, unclassified


def test_every_write_endpoint_is_in_the_sweep():
    endpoints, unclassified = write_endpoints()
    swept = {endpoint.key for endpoint in ALL}
    assert not unclassified, f"Function views neither swept nor read-only: {sorted(unclassified)}"
    assert not endpoints - swept, f"Write endpoints without bad input: {sorted(endpoints - swept)}"
    assert not swept - endpoints, f"Swept, but not write endpoints: {sorted(swept - endpoints)}"


def test_the_coverage_check_sees_pages_api_and_function_views():
    endpoints, _ = write_endpoints()
    assert {
        ("measures:risk-create", "POST"),
        ("risk-detail", "PATCH"),
        ("proposal-position", "PUT"),
        ("accounts:logout-everywhere", "POST"),
        ("login", "POST"),
    } <= endpoints
    assert not {name for name, _ in endpoints} & {"logout", "set_language", "api-search"}


# --- Reads: bad filters and search text never break a page --------------------------------

NUL = "\x00"
HUGE = "9" * 40
BAD_READS = [
    ("/sok/", {"q": NUL}),
    ("/sok/", {"q": "x" * 100_000}),
    ("/saker/", {"q": NUL, "forum": NUL, "year": HUGE, "measure": NUL, "status": NUL}),
    (
        "/portefolje/",
        {"target_area": NUL, "lead_ministry": NUL, "status": NUL, "rag": NUL, "sort": NUL},
    ),
    ("/portefolje/", {"page": HUGE}),
    ("/portefolje/", {"page": NUL}),
    ("/portefolje/utskrift/", {"lead_ministry": NUL}),
    ("/portefolje/utskrift/", {"page": NUL}),
    ("/portefolje/eksport.csv", {"target_area": NUL, "sort": HUGE}),
    ("/portefolje/balanse/", {"period": NUL}),
    ("/portefolje/balanse/", {"period": HUGE}),
    ("/portefolje/balanse/", {"page": HUGE, "period": NUL}),
    ("/portefolje/veikart/", {"start": NUL}),
    ("/portefolje/veikart/", {"page": NUL, "start": HUGE}),
    ("/forums/strategisk-forum/", {"year": NUL}),
    ("/forums/strategisk-forum/", {"year": HUGE}),
    ("/varsler/", {"page": NUL}),
    ("/tiltak/T5/historikk/", {"page": NUL}),
    ("/api/v1/search/", {"q": NUL}),
    ("/api/v1/search/", {"q": "x" * 100_000}),
    ("/api/v1/proposals/", {"q": NUL, "forum": NUL, "measure": NUL, "status": NUL}),
    ("/api/v1/proposals/", {"year": HUGE}),
    ("/api/v1/measures/", {"target_area": NUL, "lead_ministry": NUL, "status": NUL, "rag": NUL}),
    ("/api/v1/meetings/", {"forum": NUL, "status": NUL}),
    ("/api/v1/meetings/", {"year": HUGE}),
    ("/api/v1/minutes/", {"meeting": NUL, "status": NUL}),
    ("/api/v1/minutes/", {"meeting": HUGE}),
    ("/api/v1/status-reports/", {"measure": NUL, "core_group": NUL, "period": NUL, "rag": NUL}),
    ("/api/v1/status-reports/", {"period": HUGE}),
    ("/api/v1/assessments/", {"measure": NUL, "criterion": NUL, "ministry": NUL}),
    ("/api/v1/risks/", {"measure": NUL, "owner_ministry": NUL, "status": NUL}),
    ("/api/v1/milestones/", {"measure": NUL}),
    ("/api/v1/reporting-periods/", {"year": NUL, "status": NUL}),
    ("/api/v1/reporting-periods/", {"year": HUGE}),
    ("/api/v1/ministries/", {"kind": NUL, "page": NUL}),
    ("/api/v1/ministries/", {"page": HUGE}),
]
# Unknown objects named with a NUL byte in the URL: 404, like any unknown name.
BAD_PATHS = [
    "/tiltak/T%005/",
    "/tiltak/T%005/historikk/",
    "/tiltak/kjernegrupper/KG%001/",
    "/forums/strategisk%00forum/",
    "/calendar/me/abc%00def.ics",
    "/api/v1/measures/T%005/",
    "/api/v1/ministries/FI%00N/",
    "/api/v1/forums/strategisk%00forum/",
    "/api/v1/meetings/1%00/",
    "/api/v1/proposals/1%00/",
    "/api/v1/minutes/%00/",
    "/api/v1/risks/%00/",
]


@pytest.mark.parametrize(("path", "params"), BAD_READS, ids=lambda value: str(value)[:40])
def test_bad_filters_and_search_text_never_break_a_read(client_for, path, params):
    response = client_for("koordinator").get(path, params)
    # 404 is a page number that names no page.
    assert response.status_code in (200, 400, 404), response.content[:500]
    if path.startswith("/api/") and response.status_code == 400:
        assert response.json()


@pytest.mark.parametrize("path", BAD_PATHS)
def test_a_nul_byte_in_the_url_is_an_unknown_object(client_for, path):
    assert client_for("koordinator").get(path).status_code == 404


def test_search_pages_say_why_a_search_text_is_refused(client_for):
    client = client_for("koordinator")
    for language, expected in (
        ("nb", "Søketeksten inneholder et NUL-tegn"),
        ("en", "The search text contains a NUL character"),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert expected in client.get("/sok/", {"q": "a\x00b"}).content.decode()
        assert expected in client.get("/api/v1/search/", {"q": "a\x00b"}).json()["q"][0]


# --- Bodies that Django refuses before any view reads them --------------------------------


def _too_much(client, path: str, data: dict, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    before, files = row_counts(), media_files()
    response = client.post(path, data)
    assert not written(before, row_counts())
    assert media_files() == files
    return response


@pytest.mark.parametrize(
    ("data", "status", "messages"),
    [
        (
            {"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "text": "Tekst"},
            413,
            {"nb": "Skjemaet sendte mer enn", "en": "The form sent more than"},
        ),
        (
            {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)},
            400,
            {"nb": "Skjemaet sendte for mange felt", "en": "The form sent too many fields"},
        ),
    ],
    ids=["too large", "too many fields"],
)
def test_a_body_over_the_limits_gets_a_clear_page_and_writes_nothing(
    client_for, data, status, messages
):
    client = client_for("koordinator")
    for language in LANGUAGES:
        response = _too_much(client, reverse("proposals:create"), data, language)
        assert response.status_code == status
        assert messages[language] in " ".join(page_errors(response.content.decode(), None))


def test_an_upload_with_too_many_files_is_refused_with_a_message(client_for, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    files = {
        f"memo-file-{n}": SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.7\n", "application/pdf")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = _too_much(client_for("koordinator"), reverse("proposals:create"), files, "en")
    assert response.status_code == 400
    assert "too many fields or files" in response.content.decode()


def test_the_api_says_in_json_when_a_body_is_over_the_limits(api_client_for):
    client = api_client_for("koordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    before = row_counts()
    data = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("proposal-list"), data, format="multipart")
    assert response.status_code == 400
    assert "Skjemaet sendte for mange felt" in response.json()["detail"]
    assert not written(before, row_counts())
    big = {"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "text": "t"}
    response = client.post(
        reverse("proposal-list"), json.dumps(big), content_type="application/json"
    )
    assert response.status_code in (400, 413)
    assert not written(before, row_counts())
