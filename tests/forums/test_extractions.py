"""Archive extractions in the portal: only the secretariat, a task safe to run twice, a zip."""

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
