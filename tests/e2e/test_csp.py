"""The strict Content Security Policy breaks nothing: the browser reports no violations."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# Collects violations before any page script runs; init scripts are not subject to the policy.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def test_pages_run_without_content_security_policy_violations(page, live_server, login, demo_users):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    login("leder-fin")
    violations = []
    for path in ["/", "/departementer/", "/tiltak/T5/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        violations += page.evaluate("window.__cspViolations")
        assert page.evaluate("typeof htmx") == "object", path  # The script was allowed.
    page.goto(f"{live_server.url}/admin/")
    violations += page.evaluate("window.__cspViolations")
    assert violations == []
    assert [text for text in console if "Content Security Policy" in text] == []
