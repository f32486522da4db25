"""Production settings: deploy checks, security headers, CSP without inline code, JSON logs."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from strategyportal.logs import JsonFormatter, RequestIdFilter, logging_config, request_id_var

ROOT = Path(settings.BASE_DIR)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SECURE_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "strategyportal.settings"  # not the suite's own
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_debug_off():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x7-" + "production-secret-for-the-deploy-check-" * 2,
        DEBUG="false",
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_when_debug_is_off():
    result = _manage("check", SECRET_KEY="", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy_and_security_headers(client):
    response = client.get("/logg-inn/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_styles_or_event_handlers():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
    )
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.html")
        # PDF templates are rendered by WeasyPrint on the server, never served to a browser.
        if "pdf" not in path.relative_to(ROOT / "templates").parts
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_json_log_lines_carry_the_request_id_of_the_request(client, db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page/")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["status_code"] == 404


def test_json_log_lines_inside_a_request_use_the_context_request_id():
    record = logging.makeLogRecord({"msg": "saved %s", "args": ("x",), "levelname": "INFO"})
    token = request_id_var.set("abc-123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "saved x"
    assert entry["request_id"] == "abc-123"


def test_log_format_is_chosen_by_environment_and_checked():
    assert logging_config(fmt="json", level="INFO")["handlers"]["console"]["formatter"] == "json"
    assert logging_config(fmt="text", level="INFO")["handlers"]["console"]["formatter"] == "text"
    with pytest.raises(ImproperlyConfigured):
        logging_config(fmt="xml", level="INFO")


def test_debug_is_off_unless_the_environment_turns_it_on():
    """A deployment that forgets DEBUG runs with production settings, not debug ones."""
    show = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    result = _manage("shell", "--no-imports", "-c", show, SECRET_KEY="x" * 50)
    assert result.stdout.split() == ["False", "True"], result.stderr
    forgotten = _manage("check", SECRET_KEY="", DEBUG="")
    assert forgotten.returncode != 0
    assert "SECRET_KEY must be set" in forgotten.stderr


def test_make_run_turns_debug_on_for_the_embedded_default():
    result = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    commands = [
        line for line in result.stdout.splitlines() if "manage.py" in line or "honcho" in line
    ]
    assert commands
    assert all("DEBUG=true" in line for line in commands), commands


def test_uploaded_files_are_never_served_without_the_portals_check():
    """Not even in debug: a paper is downloaded through its view, which checks who asks."""
    probe = (
        "from django.urls import Resolver404, resolve\n"
        "try:\n    resolve('/media/forums/attachments/2027/notat.pdf')\n"
        "except Resolver404:\n    print('not served')\n"
    )
    result = _manage("shell", "--no-imports", "-c", probe, DEBUG="true")
    assert result.stdout.strip() == "not served", result.stdout + result.stderr


def test_the_shared_cache_comes_from_cache_url():
    """The API token throttle counts in the `default` cache: Redis in production, so that
    every gunicorn worker counts together."""
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    shared = _manage(
        "shell", "--no-imports", "-c", show, CACHE_URL="redis://127.0.0.1:6379/4", DEBUG="true"
    )
    assert shared.stdout.strip() == "django.core.cache.backends.redis.RedisCache", shared.stderr
    local = _manage("shell", "--no-imports", "-c", show, CACHE_URL="", DEBUG="true")
    assert local.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache", local.stderr


def test_compose_points_the_cache_at_redis():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    web = compose["services"]["web"]["environment"]
    assert web["CACHE_URL"] == "${CACHE_URL:-redis://redis:6379/1}"
    assert web["CELERY_BROKER_URL"] == "redis://redis:6379/0"  # the broker has a db of its own
