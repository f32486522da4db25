"""Office documents are zip archives: checked from their directory, never inflated in full."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forums.models import Attachment
from forums.services.attachments import MAX_ENTRIES, sniff

pytestmark = pytest.mark.django_db

ODT_TYPE = b"application/vnd.oasis.opendocument.text"
REFUSED = "Bare PDF-, DOCX-, XLSX-, PPTX- og ODF-dokumenter kan legges ved."


def _bomb(first: bytes, name: str = "mimetype", megabytes: int = 64, **parts: bytes) -> bytes:
    """A small archive whose entry `name` inflates to `first` and then `megabytes` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as entry:
            entry.write(first)
            zeros = bytes(1 << 20)
            for _ in range(megabytes):
                entry.write(zeros)
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def _post(client, item, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        f"/agenda-items/{item.pk}/attachments/", {"attachment-file": upload}, follow=True
    )


def _post_odf(client, meetings, name: str, mimetype: bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", b"<x/>")
    return _post(client, meetings[0].agenda_items.first(), name, buffer.getvalue())


def test_an_odf_zip_bomb_is_refused_without_inflating_it(client_for, meetings_2027):
    bomb = _bomb(ODT_TYPE, **{"content.xml": b"<x/>"})
    assert len(bomb) < 200_000  # 64 MB of zeros in a small file
    item = meetings_2027[0].agenda_items.first()
    response = _post(client_for("sekretariat"), item, "bombe.odt", bomb)
    assert REFUSED in response.content.decode()
    assert not Attachment.objects.exists()
    tracemalloc.start()
    try:
        assert sniff(bomb[:8], io.BytesIO(bomb)) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_a_docx_with_an_entry_that_inflates_a_thousandfold_is_refused(client_for, meetings_2027):
    bomb = _bomb(b"<w:document>", name="word/document.xml", **{"[Content_Types].xml": b"<T/>"})
    item = meetings_2027[0].agenda_items.first()
    response = _post(client_for("sekretariat"), item, "bombe.docx", bomb)
    assert REFUSED in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_archive_of_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<T/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        for number in range(MAX_ENTRIES):
            archive.writestr(f"p/{number}", b"")
    content = buffer.getvalue()
    assert sniff(content[:8], io.BytesIO(content)) is None


def test_only_a_few_bytes_of_the_mimetype_entry_are_read():
    """A mimetype entry longer than any ODF type is no ODF document, whatever follows."""
    content = _bomb(ODT_TYPE + b"\n", megabytes=0)
    assert sniff(content[:8], io.BytesIO(content)) is None
    padded = _bomb(ODT_TYPE + b" " * 200, megabytes=0)
    assert sniff(padded[:8], io.BytesIO(padded)) is None


@pytest.mark.parametrize(
    ("mimetype", "name"),
    [
        (ODT_TYPE + b"\r\nX-Evil: 1", "linje.odt"),
        (b"application/vnd.oasis.opendocument.text-evil", "ukjent.odt"),
        (b"application/vnd.oasis.opendocument.spreadsheet", "regneark.odt"),  # wrong suffix
    ],
)
def test_odf_types_come_from_a_fixed_list(client_for, meetings_2027, mimetype, name):
    response = _post_odf(client_for("sekretariat"), meetings_2027, name, mimetype)
    assert REFUSED in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("mimetype", "name"),
    [
        (b"application/vnd.oasis.opendocument.spreadsheet", "tall.ods"),
        (b"application/vnd.oasis.opendocument.presentation", "lysark.odp"),
        (b"application/vnd.oasis.opendocument.graphics", "figur.odg"),
    ],
)
def test_each_odf_kind_is_accepted_with_its_own_type(client_for, meetings_2027, mimetype, name):
    _post_odf(client_for("sekretariat"), meetings_2027, name, mimetype)
    assert Attachment.objects.get().content_type == mimetype.decode()


def test_a_stored_type_outside_the_list_is_downloaded_as_octet_stream(client_for, meetings_2027):
    """Papers stored before the fixed list keep downloading, with a harmless type."""
    from django.core.files.base import ContentFile

    item = meetings_2027[0].agenda_items.first()
    attachment = Attachment(
        agenda_item=item,
        name="gammel.odt",
        content_type="application/vnd.oasis.opendocument.text\nX-Evil: 1",
        size=3,
    )
    attachment.file.save("gammel.odt", ContentFile(b"abc"), save=True)
    response = client_for("observator").get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert "X-Evil" not in response
