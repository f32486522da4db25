"""Documents registered at the same moment get distinct, gap-free numbers (PostgreSQL)."""

import functools

import pytest
from django.db import connection

from forums.models import CaseCounter, Record
from forums.services.journal import record_register
from tests.concurrency import at_once
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 12


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock; run with PostgreSQL.",
)
def test_concurrent_registration_gives_gap_free_unique_numbers(demo_users):
    import datetime

    from django.utils import timezone

    from forums.services.proposals import proposal_create

    koordinator = user("koordinator")
    pending = []
    for index in range(WRITERS):
        proposal = proposal_create(
            actor=koordinator,
            title=f"Sak {index}",
            text="Tekst",
            deadline=timezone.now() + datetime.timedelta(days=7),
        )
        pending.append(Record.objects.get(proposal_version__proposal=proposal))
    # Half of them share one case: both counters (case and journal) are contended.
    shared = pending[0].case
    for record in pending[1 : WRITERS // 2]:
        Record.objects.filter(pk=record.pk).update(case=shared)
    at_once([functools.partial(record_register, record=record) for record in pending])

    records = Record.objects.filter(pk__in=[r.pk for r in pending])
    numbers = list(records.values_list("document_number", flat=True))
    assert len(set(numbers)) == WRITERS and None not in numbers
    year = records.first().journal_year
    assert sorted(records.values_list("journal_sequence", flat=True)) == list(range(1, WRITERS + 1))
    shared.refresh_from_db()
    assert sorted(records.filter(case=shared).values_list("document_sequence", flat=True)) == list(
        range(1, WRITERS // 2 + 1)
    )
    counter = CaseCounter.objects.get(year=year)
    assert counter.last_entry == WRITERS
    assert counter.last_number == WRITERS - WRITERS // 2 + 1
