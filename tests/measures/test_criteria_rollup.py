"""One criteria roll-up: the measure page and the portfolio balance read the same figures."""

import pytest

from measures.models import Measure
from measures.services.assessments import assessment_record
from portfolio.models import Criterion
from tests.follow_up import open_period, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(demo_users):
    """T5 assessed by the coordinator (A 4, C 2) and FIN's admin head (A 1, C 5)."""
    period = open_period(2027, 1)
    measure = Measure.objects.get(code="T5")
    for username, scores in (("koordinator", (4, 2)), ("leder-fin", (1, 5))):
        for code, score in zip("AC", scores, strict=True):
            assessment_record(
                actor=user(username),
                measure=measure,
                criterion=Criterion.objects.get(code=code),
                period=period,
                score=score,
            )
    return measure


def test_the_measure_page_and_the_balance_agree(client_for, assessed):
    client = client_for("observator")
    rows = client.get(f"/tiltak/{assessed.code}/").context["assessments"]["rows"]
    on_page = {
        row["criterion"].code: (row["coordinator"].score, row["mean"], row["spread"])
        for row in rows
    }
    assert on_page == {"A": (4, 2.5, 3), "C": (2, 3.5, 3)}

    point = client.get("/portefolje/balanse/").context["chart"]["points"][0]
    assert (point.code, point.a, point.c) == ("T5", 4, 2)
    assert (point.a_low, point.a_high, point.c_low, point.c_high) == (1, 4, 2, 5)


def test_the_measure_page_shows_each_ministry_and_the_disagreement(client_for, assessed):
    client = client_for("observator")
    client.cookies["django_language"] = "en"
    page = client.get(f"/tiltak/{assessed.code}/", headers={"accept-language": "en"})
    text = page.content.decode()
    assert "FIN: 1" in text and "ministries disagree" in text
