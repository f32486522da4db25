"""The period page follows a running build of the evaluation package, step by step."""

import pytest
from celery.result import AsyncResult

pytestmark = pytest.mark.django_db

PAGE = "/strategi/2021-2025/"
PROGRESS = "/strategi/2021-2025/evaluering/fremdrift/"


def store(task: str, state: str, meta) -> None:
    AsyncResult(task).backend.store_result(task, meta, state)


@pytest.mark.parametrize("username", ["observator", "leder-fin"])
def test_others_may_not_follow_a_build(client_for, username):
    store("t-1", "PROGRESS", {"done": 3, "total": 12})
    client = client_for(username)
    assert client.get(PROGRESS + "?task=t-1").status_code == 403
    assert "evaluation-progress" not in client.get(PAGE + "?task=t-1").content.decode()


@pytest.mark.parametrize("username", ["koordinator", "sekretariat"])
def test_the_page_follows_the_build_until_it_is_over(client_for, username):
    client = client_for(username)
    page = client.get(PAGE + "?task=t-2").content.decode()
    assert 'hx-get="/strategi/2021-2025/evaluering/fremdrift/?task=t-2"' in page
    assert "venter på å bli bygd" in page  # not started yet
    store("t-2", "PROGRESS", {"done": 3, "total": 12, "step": "charts"})
    running = client.get(PROGRESS + "?task=t-2")
    assert running.status_code == 200  # go on asking
    assert "steg 3 av 12" in running.content.decode()
    store("t-2", "SUCCESS", None)
    done = client.get(PROGRESS + "?task=t-2")
    assert done.status_code == 286  # stop asking
    assert 'href="/strategi/2021-2025/evaluering.zip"' in done.content.decode()
    store("t-3", "FAILURE", {"exc_type": "ValueError", "exc_message": ["x"]})
    assert client.get(PROGRESS + "?task=t-3").status_code == 286
    assert client.get("/strategi/1999-2000/evaluering/fremdrift/?task=t-2").status_code == 404
