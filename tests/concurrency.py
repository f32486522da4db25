"""Running actions at the same moment, each in its own thread and database connection, to show
that constraints and transactions (not luck) keep concurrent writes apart."""

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection


def at_once(actions: Sequence[Callable[[], Any]]) -> list[Any]:
    """Start every action in its own thread, release them together, and return their results
    in order. An action that raised fails the test with its error."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)
    errors: list[BaseException] = []

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = action()
        except BaseException as exc:  # Reported below; a thread must not die silently.
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results
