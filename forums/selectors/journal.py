"""The journal: registered documents in a period, with the title each reader may see."""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from forums.models import Access, Forum, MinistryReference, Record, RecordCase
from forums.records_access import readable_q

CASE_NUMBER = re.compile(r"^(\d{4})/(\d{1,5})$")


@dataclass(frozen=True)
class JournalFilter:
    start: datetime.date | None = None
    end: datetime.date | None = None
    case: str = ""
    forum: str = ""
    access: str = ""


def _date(value: Any, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("Give a date as YYYY-MM-DD.")}) from None


def journal_filter_parse(params: Any, *, require_period: bool = False) -> JournalFilter:
    """Read and check the filters of the page and the API; bad input raises ValidationError."""
    start, end = _date(params.get("from"), "from"), _date(params.get("to"), "to")
    if require_period and (start is None or end is None):
        missing = [name for name, value in (("from", start), ("to", end)) if value is None]
        raise ValidationError({name: _("Give a date as YYYY-MM-DD.") for name in missing})
    if start and end and end < start:
        raise ValidationError({"to": _("The end of the period comes before its start.")})
    case = str(params.get("case") or "").strip()
    if case and not CASE_NUMBER.match(case):
        raise ValidationError({"case": _("Give a case number as YYYY/NNNNN.")})
    access = str(params.get("access") or "")
    if access and access not in Access.values:
        raise ValidationError({"access": _("Choose public, exempt or partly exempt.")})
    forum = str(params.get("forum") or "").strip()[:40]
    return JournalFilter(start=start, end=end, case=case, forum=forum, access=access)


def journal_entries(*, filters: JournalFilter) -> QuerySet[Record]:
    """Registered documents matching the filters, in journal order. Every reader sees entries."""
    records = Record.objects.filter(document_number__isnull=False)
    if filters.start:
        records = records.filter(registered_on__gte=filters.start)
    if filters.end:
        records = records.filter(registered_on__lte=filters.end)
    if filters.case:
        matched = CASE_NUMBER.match(filters.case)
        if matched is None:
            raise ValidationError({"case": _("Give a case number as YYYY/NNNNN.")})
        year, number = matched.groups()
        records = records.filter(case__year=int(year), case__number=int(number))
    if filters.forum:
        records = records.filter(
            Q(case__proposal__forum__slug=filters.forum)
            | Q(case__meeting__forum__slug=filters.forum)
        )
    if filters.access:
        records = records.filter(access=filters.access)
    return records.select_related(
        "case__proposal__forum", "case__meeting__forum", "legal_basis", "sender"
    ).order_by("registered_on", "case__year", "case__number", "document_sequence")


def readable_record_ids(*, user: Any, records: list[Record]) -> set[int]:
    """Of these records, the ones the user may read in full (one query)."""
    ids = [record.pk for record in records]
    return set(Record.objects.filter(readable_q(user), pk__in=ids).values_list("pk", flat=True))


def title_for(record: Record, *, readable: bool) -> str:
    """The real title for a reader of the document, otherwise the screened one."""
    return record.title if readable else record.public_title


def forum_of(record: Record) -> Forum:
    return record.case.owner.forum


def case_references(case: RecordCase) -> list[MinistryReference]:
    """The ministries' own references on the case: on its proposal, or on its meeting's minutes."""
    if case.proposal_id is not None:
        found = MinistryReference.objects.filter(proposal_id=case.proposal_id)
    elif case.meeting_id is not None:
        found = MinistryReference.objects.filter(minutes__meeting_id=case.meeting_id)
    else:
        raise ValueError(f"Case {case.pk} has neither a proposal nor a meeting.")
    return list(found.select_related("ministry", "recorded_by").order_by("ministry__abbreviation"))
