"""Papers for agenda items: office documents and PDFs up to 20 MB, judged by their content."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forums.models import Attachment

pytestmark = pytest.mark.django_db


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def _post(client, item, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        f"/agenda-items/{item.pk}/attachments/", {"attachment-file": upload}, follow=True
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notat.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "application/pdf"),
        (
            "notat.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("tall.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("notat.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_the_secretariat_attaches_papers(client_for, meetings_2027, name, content, content_type):
    item = meetings_2027[0].agenda_items.first()
    response = _post(client_for("sekretariat"), item, name, content)
    assert "Saksdokumentet er lagt ved." in response.content.decode()
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    download = client_for("observator").get(f"/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("falsk.pdf", b"<html>not a pdf</html>"),
        ("pakke.docx", _zip({"a.txt": b"x"})),
        ("bytte.pdf", DOCX),  # a DOCX named .pdf
    ],
)
def test_other_files_are_refused_and_nothing_is_stored(
    client_for, meetings_2027, settings, name, content
):
    item = meetings_2027[0].agenda_items.first()
    response = _post(client_for("sekretariat"), item, name, content)
    assert "Bare PDF-, DOCX-, XLSX-, PPTX- og ODF-dokumenter kan legges ved." in (
        response.content.decode()
    )
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_files_over_20_mb_are_refused(client_for, meetings_2027, settings):
    item = meetings_2027[0].agenda_items.first()
    content = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    response = _post(client_for("sekretariat"), item, "stor.pdf", content)
    assert "Filen er større enn 20 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_only_the_secretariat_attaches(client_for, meetings_2027):
    item = meetings_2027[0].agenda_items.first()
    upload = SimpleUploadedFile("notat.pdf", b"%PDF-1.7\n")
    response = client_for("leder-fin").post(
        f"/agenda-items/{item.pk}/attachments/", {"attachment-file": upload}
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()
