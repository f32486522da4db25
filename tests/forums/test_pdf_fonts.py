"""Every PDF the portal renders reuses its thread's font configuration: memory stays flat."""

import pytest
from weasyprint.text.fonts import FontConfiguration

from forums.pdf import agenda_pdf
from portfolio.pdf import font_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(monkeypatch):
    """The font configurations made while the test runs."""
    made: list[FontConfiguration] = []
    make = FontConfiguration.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        make(self, *args, **kwargs)

    monkeypatch.setattr(FontConfiguration, "__init__", counting)
    return made


def test_the_portfolio_pdf_makes_no_new_font_configuration_per_request(client_for, made):
    client = client_for("observator")
    first = client.get("/portefolje/portefolje.pdf")  # may make this thread's one
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    made.clear()
    for _ in range(2):
        response = client.get("/portefolje/portefolje.pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert made == []


def test_the_forums_and_the_portfolio_share_one_font_configuration_per_thread(meetings_2027, made):
    shared = font_config()
    for _ in range(2):
        assert agenda_pdf(meetings_2027[0]).startswith(b"%PDF")
    assert font_config() is shared
    assert made == []
