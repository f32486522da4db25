"""The deployable stack: docker-compose.yml against the Compose specification, and the image."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DCLINT = ROOT / "node_modules" / ".bin" / "dclint"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_is_valid_against_the_specification():
    result = subprocess.run(
        [str(DCLINT), "--formatter", "json", "--max-warnings", "0", "docker-compose.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(result.stdout)
    messages = [message for file in report for message in file["messages"]]
    assert messages == []
    assert result.returncode == 0, result.stderr


def test_compose_has_the_five_services_each_with_a_health_check(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name


def test_app_services_start_only_after_what_they_need_is_healthy(compose):
    services = compose["services"]
    assert services["web"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    # Worker and beat wait for web, which has migrated the database before it turns healthy.
    for name in ("worker", "beat"):
        assert services[name]["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])


def test_exactly_one_beat(compose):
    beats = [s for s in compose["services"].values() if s.get("command") == ["beat"]]
    assert len(beats) == 1
    assert beats[0]["deploy"]["replicas"] == 1


def test_every_compose_variable_is_documented_in_env_example():
    used = set(re.findall(r"\$\{(\w+)", (ROOT / "docker-compose.yml").read_text()))
    documented = set(
        re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    assert used - documented == set()


def test_every_documented_variable_has_a_comment_line():
    lines = (ROOT / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[A-Z_]+=", line):
            assert lines[number - 1].startswith("#"), line


def test_image_builds_assets_translations_and_static_files_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in dockerfile
    assert "fonts-dejavu-core" in dockerfile and "gettext" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "npm ci" in dockerfile
    assert "manage.py compilemessages" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert user and user[-1] not in {"root", "0"}
    assert "gunicorn" in (ROOT / "docker" / "entrypoint.sh").read_text()


def test_image_vendors_the_same_front_end_files_as_the_makefile():
    def copied(text: str) -> set[str]:
        return set(re.findall(r"cp (node_modules/\S+)", text))

    makefile = copied((ROOT / "Makefile").read_text())
    assert makefile
    assert copied((ROOT / "Dockerfile").read_text()) == makefile


def test_docker_context_leaves_out_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", "node_modules", ".env", "db.sqlite3*", ".git"):
        assert path in ignored


def test_gunicorn_trusts_forwarding_headers_only_from_the_configured_proxies(compose):
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert '--forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"' in entrypoint
    assert "*" not in entrypoint.split("--forwarded-allow-ips", 1)[1].splitlines()[0]
    web = compose["services"]["web"]["environment"]
    assert web["FORWARDED_ALLOW_IPS"] == "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
