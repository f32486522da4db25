"""The dashboard links only where the reader may go: every link on it opens for that reader."""

import datetime
import re

import pytest

from tests.follow_up import open_period, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_period(demo_users):
    period = open_period(2020, 1, due_on=datetime.date(2020, 6, 1))
    report("T4", period, by="leder-fin")
    return period


def links(page: str) -> set[str]:
    return {
        href for href in re.findall(r'href="(/[^"]*)"', page) if not href.startswith("/static/")
    }


@pytest.mark.parametrize("username", ["leder-fin", "leder-dfd", "observator", "koordinator"])
def test_every_dashboard_link_opens_for_its_reader(client_for, overdue_period, username):
    client = client_for(username)
    page = client.get("/portefolje/").content.decode()
    refused = {href: client.get(href).status_code for href in links(page)}
    assert {href: status for href, status in refused.items() if status >= 400} == {}


def test_overdue_reports_link_to_the_form_only_for_the_lead(client_for, overdue_period):
    form = f"/tiltak/T1/rapport/{overdue_period.pk}/"
    assert form in client_for("leder-dfd").get("/portefolje/").content.decode()
    page = client_for("leder-fin").get("/portefolje/").content.decode()
    assert form not in page and 'href="/tiltak/T1/"' in page
