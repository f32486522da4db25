"""The audit log's two tabs pass axe, with data, with filters and with a filter error."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from measures.models import Measure
from measures.services.lifecycle import measure_transition
from portfolio.audit import audit_channel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def transitioned(demo_users):
    """T5 stopped by the coordinator on the web: one event and one field change."""
    with audit_channel("ui"):
        measure_transition(
            actor=get_user_model().objects.get(username="koordinator"),
            measure=Measure.objects.get(code="T5"),
            to_status="stopped",
        )


def test_the_coordinator_reaches_the_log_from_the_menu_and_it_passes_axe(
    page, live_server, login, axe_violations, transitioned
):
    login("koordinator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Revisjonslogg"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Revisjonslogg")).to_be_visible()
    expect(page.get_by_role("cell", name="Status for tiltaket endret").first).to_be_visible()
    assert axe_violations() == []

    page.get_by_label("Hendelse").select_option("measure.transitioned")
    page.get_by_role("button", name="Filtrer").click()
    assert "kind=measure.transitioned" in page.url
    expect(page.get_by_role("link", name="T5 Felles IKT").first).to_be_visible()
    assert axe_violations() == []

    page.get_by_role("link", name="Feltendringer").click()
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_text("koordinator").first).to_be_visible()
    assert axe_violations() == []


def test_a_filter_error_is_shown_accessibly(page, live_server, login, axe_violations, demo_users):
    login("admin")
    page.goto(
        f"{live_server.url}/revisjonslogg/?occurred_after=2020-03-01&occurred_before=2020-02-01"
    )
    expect(page.get_by_text("Sluttdatoen er før startdatoen.")).to_be_visible()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations() == []
