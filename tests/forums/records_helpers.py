"""Helpers of the records tests: the Noark 5 schemas beside the checkout, marking a document."""

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
