"""The bad-input sweep: every write endpoint gets wrong input and must refuse it, write nothing.

An `Endpoint` names a URL (its URL name and HTTP method), the demo user who is allowed to make
the change, how to build the URL and a valid payload, and the fields with their kind. From the
kinds the sweep derives the bad variants: NUL bytes and over-long text, wrong types, missing
fields, impossible and out-of-range dates, unknown ids and choices, bad uploads. Endpoints add
their own domain rules as `extra` variants (a period that ends before it starts, …).

Every variant is sent in Norwegian and in English. It must be refused the way the channel
refuses input (API: 400 with a JSON body naming the field, or 404 for an unknown object in the
URL; pages: the form again, 200 or 400, with the message next to the field), never a 500; the
message must differ between the two languages (it is translated); and no row of any table may
have been added or removed. Finally the valid payload must be accepted, which shows that the
user was allowed and that each refusal was about the input.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

MISSING = object()  # a variant that leaves the field out
ONE_MB = "x" * 1_000_000
UNKNOWN_PK = 987654321
LANGUAGES = ("nb", "en")


# --- Field kinds --------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    max_length: int
    required: bool = True
    strip: bool = True  # spaces alone count as empty (not for passwords)


@dataclass(frozen=True)
class Number:
    required: bool = True
    decimal: bool = False


@dataclass(frozen=True)
class Day:
    required: bool = True


@dataclass(frozen=True)
class Moment:
    required: bool = True


@dataclass(frozen=True)
class Choice:
    required: bool = True


@dataclass(frozen=True)
class Ref:
    """A reference to another object by id, slug or code; `unknown` names none."""

    unknown: Any = UNKNOWN_PK
    required: bool = True
    many: bool = False


@dataclass(frozen=True)
class Flag:
    pass


@dataclass(frozen=True)
class Upload:
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class Variant:
    label: str
    field: str | None  # the field the error must name; None for a non-field error
    change: dict  # field -> value (MISSING removes it); applied to the valid payload
    body: Any = None  # an API body that replaces the payload entirely (a list, bad JSON)


def _text_values(kind: Text, api: bool) -> list[tuple[str, Any]]:
    values = [
        ("NUL byte", "Tekst med \x00 NUL"),
        (f"{kind.max_length + 1} characters", "x" * (kind.max_length + 1)),
    ]
    if kind.max_length >= 1000:  # free text: also a megabyte of it
        values.append(("1 MB", ONE_MB))
    if kind.required:
        values.append(("missing", MISSING))
    if kind.required and kind.strip:
        values.append(("blank", "   "))
    if api:
        values += [("object", {"text": "x"}), ("lone surrogate", "Tekst \ud800")]
    return values


def _number_values(kind: Number, api: bool) -> list[tuple[str, Any]]:
    values = [("letters", "abc"), ("huge", "9" * 30)]
    values += [("NaN", "NaN"), ("infinity", "-Infinity")] if kind.decimal else [("fraction", "1.5")]
    if kind.required:
        values.append(("missing", MISSING))
    if api:
        values.append(("list", [1]))
    return values


DAY_VALUES = [
    ("30 February", "2026-02-30"),
    ("year 0", "0000-01-01"),
    ("year 10000", "10000-01-01"),
    ("year 1", "0001-01-01"),
]
MOMENT_VALUES = [
    ("30 February", "2026-02-30T10:00"),
    ("year 0", "0000-01-01T10:00"),
    ("year 10000", "10000-01-01T10:00"),
    ("year 1", "0001-01-01T00:00"),
    ("end of year 9999", "9999-12-31T23:30"),
]


def _date_values(kind: Day | Moment, api: bool) -> list[tuple[str, Any]]:
    values = list(DAY_VALUES if isinstance(kind, Day) else MOMENT_VALUES)
    if kind.required:
        values.append(("missing", MISSING))
    if api:
        values.append(("list", ["2027-01-01"]))
    return values


def _choice_values(kind: Choice, api: bool) -> list[tuple[str, Any]]:
    values = [("unknown choice", "no-such-choice")]
    if kind.required:
        values.append(("missing", MISSING))
    if api:
        values.append(("list", ["open"]))
    return values


def _ref_values(kind: Ref, api: bool) -> list[tuple[str, Any]]:
    unknown = [kind.unknown] if kind.many else kind.unknown
    values = [("unknown id", unknown), ("NUL byte", ["T\x001"] if kind.many else "T\x001")]
    if not isinstance(kind.unknown, str):
        values.append(("letters for an id", ["abc"] if kind.many else "abc"))
    if kind.required:
        values.append(("missing", MISSING))
    if api:
        values.append(("object", {"id": 1}))
    return values


def _flag_values(kind: Flag, api: bool) -> list[tuple[str, Any]]:
    return [("not a boolean", "maybe")] if api else []


def _upload_values(kind: Upload, api: bool) -> list[tuple[str, Any]]:
    return [
        ("missing", MISSING),
        ("empty file", lambda: SimpleUploadedFile("notat.pdf", b"", "application/pdf")),
        (
            "text named .pdf",
            lambda: SimpleUploadedFile("notat.pdf", b"Just text, not a PDF.", "application/pdf"),
        ),
        (
            "program named .pdf",
            lambda: SimpleUploadedFile("notat.pdf", b"MZ\x90\x00\x03program", "application/pdf"),
        ),
        (
            "PDF named .exe",
            lambda: SimpleUploadedFile("notat.exe", PDF, "application/x-msdownload"),
        ),
        (
            "PDF labelled as Word",
            lambda: SimpleUploadedFile("notat.docx", PDF, "application/msword"),
        ),
        (
            "too large",
            lambda: SimpleUploadedFile(
                "stor.pdf", PDF + b"0" * (kind.max_bytes + 1 - len(PDF)), "application/pdf"
            ),
        ),
    ]


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

VALUES = {
    Text: _text_values,
    Number: _number_values,
    Day: _date_values,
    Moment: _date_values,
    Choice: _choice_values,
    Ref: _ref_values,
    Flag: _flag_values,
    Upload: _upload_values,
}


# --- Endpoints ----------------------------------------------------------------------------


@dataclass
class Endpoint:
    """One write endpoint, as a user allowed to write sees it, with a valid payload."""

    name: str  # URL name, namespaced for pages ("measures:risk-create"), bare for the API
    user: str
    url: Callable[[SimpleNamespace], str]
    method: str = "POST"
    valid: Callable[[SimpleNamespace], dict] = lambda ctx: {}
    fields: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[], SimpleNamespace] = SimpleNamespace
    # URLs naming an object that does not exist: 404, nothing written.
    unknown_urls: Callable[[SimpleNamespace], list[str]] = lambda ctx: []
    extra: Callable[[SimpleNamespace], list[Variant]] = lambda ctx: []
    # Status codes of accepting the valid payload; by default 200/201 (API) or 302 (pages).
    accepted: tuple[int, ...] = ()
    prefix: str = ""  # HTML form prefix: field "title" is posted as "<prefix>-title"
    label: str = ""  # tells apart several cases of one URL name (actions of one view)
    partial: bool = False  # fields may be left out (PATCH, and PUT where it revises)
    # Pages whose error is one alert for the whole form (the login page).
    alert_only: bool = False
    error_id: Callable[[SimpleNamespace, str], str] | None = None

    @property
    def api(self) -> bool:
        return ":" not in self.name and self.name != "login"

    @property
    def multipart(self) -> bool:
        """An API upload: sent as multipart/form-data, the other fields beside the file."""
        return self.api and any(isinstance(kind, Upload) for kind in self.fields.values())

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.method)

    def __str__(self) -> str:
        return f"{self.method} {self.name}{f' [{self.label}]' if self.label else ''}"

    def variants(self, ctx: SimpleNamespace) -> list[Variant]:
        found = []
        partial = self.partial or self.method == "PATCH"
        for name, kind in self.fields.items():
            for label, value in VALUES[type(kind)](kind, self.api):
                if not (partial and value is MISSING):
                    found.append(Variant(f"{name}: {label}", name, {name: value}))
        if self.api and self.fields:
            found += [
                Variant("body is a list", None, {}, body=[1, 2]),
                Variant("body is not JSON", None, {}, body=b"{not json"),
            ]
        elif self.fields:
            found.append(Variant("empty form", None, {name: MISSING for name in self.fields}))
        return found + self.extra(ctx)


# --- Measuring what was written -----------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows per table of every model (history, audit, notifications and outbox included)."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return dict(zip(tables, row, strict=True))


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def written(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {
        table: after[table] - before[table] for table in before if after[table] != before[table]
    }


# --- Sending ------------------------------------------------------------------------------


def _form_value(value: Any) -> Any:
    if callable(value):
        return value()
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list):
        return [str(item) for item in value]
    return "" if value is None else value


def build(endpoint: Endpoint, payload: dict) -> dict:
    """The request body: JSON types for the API, form encoding (with prefix) for pages."""
    if endpoint.api:
        return {key: value for key, value in payload.items() if value is not MISSING}
    prefix = f"{endpoint.prefix}-" if endpoint.prefix else ""
    return {
        f"{prefix}{key}": _form_value(value)
        for key, value in payload.items()
        if value is not MISSING and not (value is None or value is False)
    }


def send(client, endpoint: Endpoint, url: str, payload: dict, *, language: str, body=None):
    """One request in the given language (cookie and Accept-Language)."""
    cache.clear()  # the token endpoint's rate limit must not answer for the input
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    if endpoint.multipart and body is None:
        form = {
            key: _form_value(value)
            for key, value in payload.items()
            if value is not MISSING and value is not None
        }
        return client.post(url, form, format="multipart", **headers)
    if endpoint.api:
        if body is None:
            data = json.dumps(build(endpoint, payload))
        else:
            data = body if isinstance(body, bytes) else json.dumps(body)
        return client.generic(
            endpoint.method, url, data, content_type="application/json", **headers
        )
    return client.post(url, build(endpoint, payload), **headers)


# --- Judging the answer -------------------------------------------------------------------

ERROR_ELEMENT = re.compile(
    r'<(?P<tag>p|div|span)[^>]*(?:class="ds-validation-message"|role="alert")[^>]*>(?P<text>.*?)</(?P=tag)>',
    re.S,
)


def _strip(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def page_errors(content: str, element_id: str | None) -> list[str]:
    """Texts of the error messages on the page; of the field's message when an id is given."""
    if element_id:
        pattern = re.compile(
            rf'<(?P<tag>p|div|span)[^>]*id="{re.escape(element_id)}[-_]error"[^>]*>(?P<text>.*?)</(?P=tag)>',
            re.S,
        )
        return [_strip(match["text"]) for match in pattern.finditer(content)]
    return [_strip(match["text"]) for match in ERROR_ELEMENT.finditer(content)]


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def api_errors(response, field_name: str | None) -> list[str] | None:
    """The messages for the field in the JSON error body, or None when it does not name it."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    if field_name is None:
        return _texts(body)
    if field_name not in body:
        return None
    return _texts(body[field_name])


def field_id(endpoint: Endpoint, ctx: SimpleNamespace, name: str | None) -> str | None:
    if name is None or endpoint.alert_only:
        return None
    if endpoint.error_id is not None:
        return endpoint.error_id(ctx, name)
    prefix = f"{endpoint.prefix}-" if endpoint.prefix else ""
    return f"id_{prefix}{name}"


def judge(endpoint: Endpoint, ctx, variant: Variant | None, response, *, url_variant=False):
    """(problem or "", messages): is the answer a proper refusal, and what did it say?"""
    status = response.status_code
    if status >= 500:
        return f"server error {status}", []
    if url_variant:
        return ("" if status == 404 else f"status {status}, expected 404"), []
    name = variant.field if variant else None
    if endpoint.api:
        if status != 400:
            return f"status {status}, expected 400", []
        messages = api_errors(response, name)
        if messages is None:
            return f"the error body does not name {name!r}: {response.content[:300]!r}", []
        return "", messages
    if status not in (200, 400):
        return f"status {status}, expected the form again (200 or 400)", []
    content = response.content.decode()
    messages = page_errors(content, field_id(endpoint, ctx, name))
    if not messages and name is not None:
        # An error for the form as a whole (e.g. from a service) is shown above it.
        messages = page_errors(content, None)
    if not messages:
        return "no error message on the page", []
    return "", messages


@dataclass
class Outcome:
    problems: list[str] = field(default_factory=list)

    def add(self, what: str, problem: str) -> None:
        if problem:
            self.problems.append(f"{what}: {problem}")


def sweep(endpoint: Endpoint, client, ctx: SimpleNamespace) -> list[str]:
    """Send every bad variant in both languages; return what went wrong (empty: all fine)."""
    outcome = Outcome()
    url = endpoint.url(ctx)
    valid = endpoint.valid(ctx)
    checked_fields = set()
    for variant in endpoint.variants(ctx):
        payload = {**valid, **variant.change}
        answers = {}
        # Translation is checked on every API refusal, and on the first per field of a page
        # (whose messages come from Django's forms, complete in both languages).
        first = variant.field not in checked_fields
        languages = LANGUAGES if endpoint.api or first else LANGUAGES[:1]
        checked_fields.add(variant.field)
        for language in languages:
            before, files = row_counts(), media_files()
            try:
                response = send(
                    client, endpoint, url, payload, language=language, body=variant.body
                )
            except Exception as exc:  # the test client re-raises what would be a 500
                outcome.add(variant.label, f"server error: {type(exc).__name__}: {exc}"[:400])
                break
            outcome.add(f"{variant.label} ({language})", _changes(before, files))
            problem, messages = judge(endpoint, ctx, variant, response)
            outcome.add(f"{variant.label} ({language})", problem)
            if problem:
                break
            answers[language] = messages
        if len(answers) == 2:
            same = [en for nb, en in zip(answers["nb"], answers["en"], strict=False) if nb == en]
            if same or answers["nb"] == answers["en"]:
                outcome.add(variant.label, f"not translated: {same or answers['en']}"[:400])
    for other in endpoint.unknown_urls(ctx):
        before, files = row_counts(), media_files()
        try:
            response = send(client, endpoint, other, valid, language="nb")
        except Exception as exc:
            outcome.add(other, f"server error: {type(exc).__name__}: {exc}"[:400])
            continue
        outcome.add(other, _changes(before, files))
        outcome.add(other, judge(endpoint, ctx, None, response, url_variant=True)[0])
    return outcome.problems


def _changes(before: dict[str, int], files: set[str]) -> str:
    changed = written(before, row_counts())
    new_files = media_files() - files
    if changed or new_files:
        return f"wrote {changed or ''} {sorted(new_files) or ''}".strip()
    return ""


def check(endpoint: Endpoint, client) -> None:
    """The whole sweep for one endpoint, then the valid payload; fails with every problem."""
    ctx = endpoint.setup()
    problems = [*sweep(endpoint, client, ctx), accept(endpoint, client, ctx)]
    problems = [problem for problem in problems if problem]
    assert not problems, f"{endpoint}:\n" + "\n".join(problems)


def accept(endpoint: Endpoint, client, ctx: SimpleNamespace) -> str:
    """The valid payload is accepted: "" or what went wrong."""
    response = send(client, endpoint, endpoint.url(ctx), endpoint.valid(ctx), language="en")
    accepted = endpoint.accepted or ((200, 201) if endpoint.api else (302,))
    if response.status_code not in accepted:
        return f"the valid payload got {response.status_code}: {response.content[:500]!r}"
    return ""
