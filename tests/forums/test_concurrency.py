"""Fifty simultaneous position writes for one ministry leave one current position (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from forums.models import Position, PositionChange, Proposal
from forums.services.proposals import proposal_create
from tests.concurrency import at_once
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 50


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock, so it cannot show row-lock races; "
    "run with DATABASE_URL pointing at PostgreSQL.",
)
def test_fifty_concurrent_position_writes_leave_one_current_position(consultation):
    leder = user("leder-fin")
    url = f"/api/v1/proposals/{consultation.pk}/positions/FIN/"
    choices = [
        {"position": "endorse"},
        {"position": "stand_aside"},
        {"position": "object", "reason": "Innsigelse"},
    ]
    barrier = threading.Barrier(WRITERS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def write(index: int) -> None:
        try:
            client = APIClient()
            client.force_authenticate(leder)
            barrier.wait(timeout=30)
            response = client.put(url, choices[index % 3], format="json")
            statuses.append(response.status_code)
        except BaseException as exc:  # Reported below; a thread must not die silently.
            errors.append(exc)
        finally:
            connection.close()  # Each thread has its own connection.

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(statuses) == [200] * (WRITERS - 1) + [201]
    current = Position.objects.get(proposal=consultation)
    history = list(
        PositionChange.objects.filter(proposal=consultation).order_by("recorded_at", "id")
    )
    assert len(history) == WRITERS
    assert (current.position, current.reason, current.recorded_at) == (
        history[-1].position,
        history[-1].reason,
        history[-1].recorded_at,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers with one file lock; run with PostgreSQL.",
)
def test_concurrent_creation_draws_distinct_register_numbers(demo_users):
    koordinator = user("koordinator")
    deadline = timezone.now() + datetime.timedelta(days=1)

    def create() -> None:
        proposal_create(actor=koordinator, title="Sak", text="Tekst", deadline=deadline)

    at_once([create] * 10)
    assert sorted(Proposal.objects.values_list("number", flat=True)) == list(range(1, 11))
