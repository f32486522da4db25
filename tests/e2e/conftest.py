"""Browser tests: Debian's Chromium driven by Playwright, with axe-core from npm."""

from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nb-NO"}


@pytest.fixture
def axe_violations(page):
    """Run axe-core on the page for WCAG 2.1 A and AA and return the violations."""

    def run() -> list[dict]:
        # Evaluated, not added as an inline <script>: the Content Security Policy forbids those.
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_21_AA,
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "targets": [node["target"] for node in violation["nodes"]],
            }
            for violation in result["violations"]
        ]

    return run


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form as a demo user."""

    def as_user(username: str, password: str = "demo") -> None:
        page.goto(f"{live_server.url}/logg-inn/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(password)
        # Wait for the answer to the form, not just the click: a page opened right after
        # would otherwise cancel the login.
        with page.expect_navigation():
            page.get_by_role("button", name="Logg inn").click()

    return as_user
