"""Archive extractions in the portal and the API: only the secretariat, a task safe to run
twice, a zip."""

import io
import zipfile

import pytest
from django.utils import timezone

from forums.models import ArchiveExtraction
from forums.services.extractions import archive_extraction_run
from portfolio.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _start(client, start=None, end=None):
    today = timezone.localdate().isoformat()
    return client.post("/journal/uttrekk/", {"start": start or today, "end": end or today})


def test_secretariat_starts_an_extraction_and_downloads_it(client_for, consultation):
    client = client_for("sekretariat")
    assert _start(client).status_code == 302
    extraction = ArchiveExtraction.objects.get()
    assert OutboxMessage.objects.filter(key=f"archive-extraction:{extraction.pk}").exists()
    assert archive_extraction_run(extraction_id=extraction.pk) is True
    assert archive_extraction_run(extraction_id=extraction.pk) is False  # a repeat does nothing
    extraction.refresh_from_db()
    assert (extraction.status, extraction.done, extraction.total) == ("done", 1, 1)
    page = client.get("/journal/uttrekk/").content.decode()
    assert f"/journal/uttrekk/{extraction.pk}/last-ned/" in page
    response = client.get(f"/journal/uttrekk/{extraction.pk}/last-ned/")
    assert response.status_code == 200
    path = extraction.result.path
    with zipfile.ZipFile(path) as archive:
        assert {"arkivstruktur.xml", "endringslogg.xml"} <= set(archive.namelist())


@pytest.mark.parametrize("who", ["koordinator", "leder-fin", "observator"])
def test_others_cannot_start_or_download_extractions(client_for, demo_users, who):
    assert _start(client_for(who)).status_code == 403
    assert not ArchiveExtraction.objects.exists()
    assert client_for(who).get("/journal/uttrekk/").status_code == 403


def test_extraction_with_reversed_dates_is_refused(client_for, demo_users):
    response = _start(client_for("sekretariat"), "2027-02-01", "2027-01-01")
    assert response.status_code == 400
    assert not ArchiveExtraction.objects.exists()


API = "/api/v1/journal/extractions/"


def test_the_secretariat_starts_follows_and_downloads_an_extraction_through_the_api(
    api_client_for, consultation
):
    client = api_client_for("sekretariat")
    today = timezone.localdate().isoformat()
    response = client.post(API, {"start": today, "end": today}, format="json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    extraction = ArchiveExtraction.objects.get()
    assert OutboxMessage.objects.filter(key=f"archive-extraction:{extraction.pk}").exists()
    assert client.get(f"{API}{extraction.pk}/download/").status_code == 404  # not done yet
    assert archive_extraction_run(extraction_id=extraction.pk) is True
    assert client.get(f"{API}{extraction.pk}/").json()["status"] == "done"
    assert [e["id"] for e in client.get(API).json()["results"]] == [extraction.pk]
    download = client.get(f"{API}{extraction.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        assert "arkivstruktur.xml" in archive.namelist()


@pytest.mark.parametrize("who", ["koordinator", "leder-fin", "observator"])
def test_others_cannot_start_list_or_download_extractions_through_the_api(
    api_client_for, demo_users, who
):
    client = api_client_for(who)
    today = timezone.localdate().isoformat()
    response = client.post(API, {"start": today, "end": "nonsense"}, format="json")
    assert response.status_code == 403 and set(response.json()) == {"detail"}
    assert not ArchiveExtraction.objects.exists()
    assert client.get(API).status_code == 403


def test_an_extraction_with_reversed_dates_is_refused_through_the_api(api_client_for, demo_users):
    response = api_client_for("sekretariat").post(
        API, {"start": "2027-02-01", "end": "2027-01-01"}, format="json"
    )
    assert response.status_code == 400 and "end" in response.json()
    assert not ArchiveExtraction.objects.exists()
