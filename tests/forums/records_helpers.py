"""Helpers of the records tests: the Noark 5 schemas beside the checkout, marking a document."""

import io
import zipfile
from functools import cache

from django.conf import settings
from lxml import etree

from forums.models import Record
from forums.services.records import record_mark
from tests.forums.conftest import user

SCHEMAS = settings.BASE_DIR.parent / "shared" / "standards" / "noark5" / "v5.0"


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(file=str(SCHEMAS / name))


def assert_valid(xml: bytes, name: str) -> etree._Element:
    document = etree.fromstring(xml)
    validator = schema(name)
    assert validator.validate(document), validator.error_log
    return document


def mark_exempt(record: Record, *, screened_title: str = "Skjermet sak") -> Record:
    return record_mark(
        actor=user("sekretariat"),
        record=record,
        access="exempt",
        legal_basis="offl-14-1",
        screened_title=screened_title,
        reason="Organinternt",
    )


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(text: str) -> bytes:
    """The smallest Word document LibreOffice opens: one paragraph of text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{OFFICE}" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()
