"""The follow-up pages pass axe (WCAG 2.1 A/AA), and a measure lead reports through the form."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from measures.models import Benefit, Measure, StatusReport
from measures.services.assessments import assessment_record
from measures.services.benefits import benefit_save
from measures.services.delivery import milestone_save, risk_save
from portfolio.models import Criterion, Ministry
from tests.follow_up import open_period, report, user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def follow_up(demo_users):
    """Two periods of reports, assessments with disagreement, a risk, a milestone, a benefit."""
    first, second = open_period(2027, 1), open_period(2027, 2)
    measure = Measure.objects.get(code="T5")
    report("T5", first, rag="amber")
    report("T5", second, rag="red")
    for username, scores in (("koordinator", (4, 3, 2)), ("leder-fin", (2, 3, 5))):
        for code, score in zip("ABC", scores, strict=True):
            assessment_record(
                actor=user(username),
                measure=measure,
                criterion=Criterion.objects.get(code=code),
                period=second,
                score=score,
            )
    risk_save(
        actor=user("leder-dfd"),
        measure=measure,
        title="Leverandør forsinket",
        probability=3,
        impact=4,
        owner_ministry=Ministry.objects.get(abbreviation="KDD"),
    )
    milestone_save(
        actor=user("leder-dfd"),
        measure=measure,
        title="Pilot i drift",
        planned_on=datetime.date.today() + datetime.timedelta(days=40),
    )
    benefit_save(
        actor=user("leder-dfd"),
        measure=measure,
        title="Sparte timer",
        indicator="Timer",
        baseline=10,
        target=20,
    )
    return second


PAGES = [
    ("leder-fin", "/portefolje/", "Portefølje"),
    ("leder-fin", "/portefolje/balanse/", "Balansen i porteføljen"),
    ("leder-fin", "/portefolje/veikart/", "Veikart"),
    ("leder-fin", "/tiltak/perioder/", "Rapporteringsperioder"),
    ("leder-fin", "/tiltak/T5/", "T5 Felles IKT"),
    ("leder-fin", "/tiltak/kjernegrupper/KG1/", "KG1 Utsatte barn og unge"),
    ("leder-fin", "/tiltak/T5/vurdering/", "Vurder T5 Felles IKT"),
    ("leder-dfd", "/tiltak/T5/rapport/{period}/", "Statusrapport 2027-2: T5 Felles IKT"),
    ("leder-dfd", "/tiltak/T5/risiko/ny/", "Risiko for T5"),
    ("leder-dfd", "/tiltak/T5/milepel/ny/", "Milepæl for T5"),
    ("leder-dfd", "/tiltak/T5/gevinst/ny/", "Gevinst for T5"),
    ("leder-dfd", "/tiltak/T5/gevinst/{benefit}/maling/", "Målt verdi: Sparte timer"),
    ("koordinator", "/tiltak/T5/status/", "Endre statusen til T5"),
    ("koordinator", "/tiltak/perioder/ny/", "Ny rapporteringsperiode"),
    (
        "koordinator",
        "/tiltak/kjernegrupper/KG1/endre/",
        "Mandat og status for Utsatte barn og unge",
    ),
    (
        "leder-bfd",
        "/tiltak/kjernegrupper/KG1/rapport/{period}/",
        "Statusrapport 2027-2: Utsatte barn og unge",
    ),
]


@pytest.mark.parametrize("username", sorted({username for username, _, _ in PAGES}))
def test_follow_up_pages_have_no_axe_violations(
    page, live_server, login, axe_violations, follow_up, username
):
    # One login per user for all of that user's pages keeps the browser tests quick.
    benefit = Benefit.objects.get()
    login(username)
    found = {}
    for _, path, heading in (p for p in PAGES if p[0] == username):
        url = path.format(period=follow_up.pk, benefit=benefit.pk)
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", level=1, name=heading), url).to_be_visible()
        found[url] = axe_violations()
    assert found == {url: [] for url in found}


def test_print_view_has_no_axe_violations(page, live_server, login, axe_violations, follow_up):
    login("leder-fin")
    page.goto(f"{live_server.url}/portefolje/utskrift/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations() == []


def test_measure_lead_reports_and_the_dashboard_shows_it(page, live_server, login, demo_users):
    period = open_period(2027, 1)
    login("leder-fin")
    page.goto(f"{live_server.url}/tiltak/T4/")
    page.get_by_role("link", name="Skriv statusrapporten").click()
    page.get_by_label("Samlet status").select_option("amber")
    page.get_by_label("Leveransesikkerhet", exact=True).select_option("medium")
    page.get_by_label("Begrunnelse for leveransesikkerheten").fill("Avhenger av T5.")
    for label in ("Framdrift", "Tidsplan", "Kostnad", "Risiko"):
        page.get_by_label(label, exact=True).select_option("green")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Statusrapporten er lagret.")).to_be_visible()
    assert StatusReport.objects.get(period=period).rag == "amber"
    page.get_by_role("link", name="Portefølje", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Portefølje")).to_be_visible()
    page.get_by_label("Samlet status (RAG)").select_option("amber")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"rag=amber"))
    rows = page.get_by_role("table", name="1 tiltak").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Gul")
