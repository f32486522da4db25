import re
import zipfile

import pytest

from portfolio.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGE = "/strategi/2021-2025/"
START = "/strategi/2021-2025/evaluering/"
DOWNLOAD = "/strategi/2021-2025/evaluering.zip"
API_PACKAGE = "/api/v1/strategies/2021-2025/evaluation-package/"
API_DOWNLOAD = "/api/v1/strategies/2021-2025/evaluation-package.zip"
REQUESTED = "strategy.evaluation_requested"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_period_page_needs_login_and_shows_the_figures(client_for):
    assert client_for("anonymous").get(PAGE).status_code == 302
    response = client_for("observator").get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Strategiperiode 2021-2025" in page and "Deltakelse per departement" in page
    assert page.count("<svg xmlns") == 4
    assert "Bygg evalueringspakken" not in page
    assert client_for("observator").get("/strategi/2030-2034/").status_code == 404


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_charts_numbers_are_never_localised(client_for, language):
    client = client_for("koordinator")
    client.cookies["django_language"] = language
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    values = re.findall(r' (?:x|y|cx|cy|r|width|height)="([^"]*)"', page)
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in values)


def test_the_api_summary_gives_the_figures_of_the_page(client_for, api_client_for):
    page = client_for("observator").get(PAGE).context["summary"]
    api = api_client_for("observator")
    strategies = api.get("/api/v1/strategies/").json()
    assert [s["slug"] for s in strategies] == ["2021-2025"]
    summary = api.get("/api/v1/strategies/2021-2025/summary/").json()
    assert summary["counts"] == page["counts"]
    assert summary["decisions_per_year"] == page["decisions_per_year"]
    assert api.get("/api/v1/strategies/1999-2000/summary/").status_code == 404


@pytest.mark.parametrize("username", ["observator", "leder-fin"])
def test_others_may_not_build_or_download_the_package(client_for, api_client_for, username):
    client = client_for(username)
    assert client.post(START).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403
    assert client.get(START + "status/?task=x").status_code == 403
    assert api_client_for(username).post(API_PACKAGE).status_code == 403
    assert api_client_for(username).get(API_PACKAGE + "?task=x").status_code == 403
    assert api_client_for(username).get(API_DOWNLOAD).status_code == 403
    assert not AuditEvent.objects.filter(kind=REQUESTED).exists()


def test_anonymous_api_calls_get_401(api_client_for):
    assert api_client_for("anonymous").post(API_PACKAGE).status_code == 401
    assert api_client_for("anonymous").get(API_DOWNLOAD).status_code == 401
    assert api_client_for("anonymous").get("/api/v1/strategies/").status_code == 401


@pytest.mark.parametrize("username", ["koordinator", "sekretariat"])
def test_coordinator_and_secretariat_build_and_download_it(
    client_for, username, celery_eager, settings
):
    client = client_for(username)
    assert client.get(DOWNLOAD).status_code == 404  # not built yet
    response = client.post(START)
    assert response.status_code == 302 and "?task=" in response["Location"]
    assert AuditEvent.objects.filter(kind=REQUESTED, actor__username=username).count() == 1
    download = client.get(DOWNLOAD)
    assert download.status_code == 200
    path = settings.MEDIA_ROOT / "evaluation" / "download.zip"
    path.write_bytes(b"".join(download.streaming_content))
    with zipfile.ZipFile(path) as archive:
        assert "portfolio.xlsx" in archive.namelist()
    # Building again replaces the package; the task is safe to repeat.
    assert client.post(START).status_code == 302
    assert sorted(p.name for p in path.parent.iterdir()) == ["2021-2025.zip", "download.zip"]


@pytest.mark.parametrize("username", ["koordinator", "sekretariat"])
def test_the_api_builds_the_package_reports_its_state_and_hands_it_out(
    api_client_for, celery_eager, username, tmp_path
):
    api = api_client_for(username)
    not_built = api.get(API_DOWNLOAD)
    assert not_built.status_code == 404 and not_built["Content-Type"] == "application/json"
    response = api.post(API_PACKAGE)
    assert response.status_code == 202
    assert AuditEvent.objects.filter(kind=REQUESTED, actor__username=username).count() == 1
    progress = api.get(API_PACKAGE + f"?task={response.json()['task']}").json()
    assert set(progress) == {"state", "done", "total"}
    download = api.get(API_DOWNLOAD, HTTP_ACCEPT="application/zip")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    path = tmp_path / "api.zip"
    path.write_bytes(b"".join(download.streaming_content))
    with zipfile.ZipFile(path) as archive:
        assert {"portfolio.xlsx", "datapackage.json"} <= set(archive.namelist())
    assert api.get("/api/v1/strategies/1999-2000/evaluation-package.zip").status_code == 404


def test_a_period_without_reports_or_meetings_says_so_rather_than_drawing_empty_charts(
    client_for,
):
    page = client_for("observator").get(PAGE).content.decode()
    assert page.count("Ingen data i perioden.") == 4
    assert "Ingen saker eller møter i perioden." in page
    assert "Det samme som tabell" not in page  # no table of periods without periods
