import csv
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from frictionless import Package
from openpyxl import load_workbook

from forums.models import Meeting
from forums.selectors import evaluation_figures as figures
from forums.selectors.evaluation_figures import counts
from portfolio.evaluation.schema import TABLES
from portfolio.evaluation.scope import Scope, strategy_by_slug

pytestmark = pytest.mark.django_db

TABLE_NAMES = [
    "measures",
    "status_reports",
    "assessments",
    "milestones",
    "risks",
    "benefits",
    "proposals",
    "positions",
    "meetings",
    "minutes",
    "follow_up_actions",
]


@pytest.fixture
def package(period_data, tmp_path):
    out = tmp_path / "evaluering.zip"
    call_command(
        "evaluation_export",
        strategy="2021-2025",
        out=str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return out


def check_workbook_and_csv(package):
    expected = counts(Scope(strategy_by_slug("2021-2025")))
    with zipfile.ZipFile(package) as archive:
        workbook = load_workbook(io.BytesIO(archive.read("portfolio.xlsx")), read_only=True)
        assert workbook.sheetnames == TABLE_NAMES
        for table in TABLES:
            sheet = workbook[table.name]
            header = next(sheet.iter_rows(max_row=1, values_only=True))
            assert list(header) == [field.name for field in table.fields]
            assert sum(1 for _ in sheet.iter_rows(min_row=2)) == expected[table.name], table.name
            text = archive.read(f"data/{table.name}.csv").decode("utf-8")
            assert len(list(csv.reader(io.StringIO(text)))) - 1 == expected[table.name]
    # The generated period has data in every table the generators fill.
    for name in ("measures", "status_reports", "assessments", "proposals", "positions"):
        assert expected[name] > 0, name
    assert expected["meetings"] > 0 and expected["follow_up_actions"] > 0


def check_frictionless(package, tmp_path):
    with zipfile.ZipFile(package) as archive:
        archive.extractall(tmp_path / "unpacked")
        descriptor = json.loads(archive.read("datapackage.json"))
    assert [r["name"] for r in descriptor["resources"]] == TABLE_NAMES
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["description_nb"] and field["description_en"]
    report = Package(str(tmp_path / "unpacked" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type"])


def check_charts(package):
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        for language in ("nb", "en"):
            for stem in ("rag-heatmap", "criteria-a-vs-c", "decisions-per-year", "participation"):
                svg = archive.read(f"charts/{language}/{stem}.svg").decode()
                root = ElementTree.fromstring(svg)
                for element in root.iter():
                    for name in ("x", "y", "width", "height", "cx", "cy", "r"):
                        value = element.get(name)
                        # Never a decimal comma in a number SVG must read.
                        assert value is None or re.fullmatch(r"-?\d+(\.\d+)?", value), value
                png = archive.read(f"charts/{language}/{stem}.png")
                assert png.startswith(b"\x89PNG")
        assert "Beslutninger per år" in archive.read("charts/nb/decisions-per-year.svg").decode()
        assert "Decisions per year" in archive.read("charts/en/decisions-per-year.svg").decode()
        assert {"LES-MEG.md", "README.md", "figures.json"} <= names
        assert "status_reports" in archive.read("LES-MEG.md").decode()


def check_portal_counts(package, client_for, api_client_for):
    """The package's rows are what the period page, its summary and the lists show."""
    with zipfile.ZipFile(package) as archive:
        written = {
            name: len(list(csv.reader(io.StringIO(archive.read(f"data/{name}.csv").decode())))) - 1
            for name in TABLE_NAMES
        }
    client, api = client_for("koordinator"), api_client_for("koordinator")
    page = client.get("/strategi/2021-2025/").content.decode()
    shown = {name: int(n) for name, n in re.findall(r'data-count="(\w+)">(\d+)<', page)}
    assert shown == written
    assert api.get("/api/v1/strategies/2021-2025/summary/").json()["counts"] == written

    def count(url: str) -> int:
        return api.get(url).json()["count"]

    assert count("/api/v1/measures/?strategy=2021-2025") == written["measures"]
    # The only strategy: every report, assessment, milestone, risk and benefit is of its period.
    for name in ("status-reports", "assessments", "milestones", "risks", "benefits"):
        assert count(f"/api/v1/{name}/") == written[name.replace("-", "_")], name
    years = range(2021, 2026)
    for name in ("proposals", "meetings"):
        listed = sum(count(f"/api/v1/{name}/?strategy=2021-2025&year={y}") for y in years)
        assert listed == written[name], name
    register = sum(
        client.get(f"/saker/?strategy=2021-2025&year={y}").context["page"].paginator.count
        for y in years
    )
    assert register == written["proposals"]


def check_spread_over_the_five_years():
    """The generators fill every year of the period: reports, decisions and meetings."""
    summary = figures.summary(Scope(strategy_by_slug("2021-2025")))
    periods = summary["rag_matrix"]["periods"]
    assert len(periods) == 15 and periods[0] == "2021-1" and periods[-1] == "2025-3"
    assert all(any(row["rag"][i] for row in summary["rag_matrix"]["rows"]) for i in range(15))
    for year in summary["decisions_per_year"]:
        assert year["endorsed"] + year["not_endorsed"] + year["withdrawn"] > 0, year
    met = set(Meeting.objects.filter(year__range=(2021, 2025)).values_list("year", flat=True))
    assert met == {2021, 2022, 2023, 2024, 2025}


def test_the_package_validates_and_its_counts_equal_the_portal(
    package, tmp_path, client_for, api_client_for
):
    # One test: generating five years of data is the slow part, so it is done once.
    check_workbook_and_csv(package)
    check_frictionless(package, tmp_path)
    check_charts(package)
    check_portal_counts(package, client_for, api_client_for)
    check_spread_over_the_five_years()


def test_an_unknown_strategy_is_refused_and_nothing_is_written(demo_users, tmp_path):
    out = tmp_path / "x.zip"
    with pytest.raises(CommandError, match="no strategy"):
        call_command("evaluation_export", strategy="2030-2034", out=str(out))
    assert not out.exists()
