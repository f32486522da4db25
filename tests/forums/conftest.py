"""Fixtures of the forums tests: Strategisk forum with its demo wheel and a year of meetings."""

import pytest

from forums.models import Forum, Meeting
from forums.services.wheel import wheel_materialise


@pytest.fixture
def forum(demo_users):
    return Forum.objects.get(slug="strategisk-forum")


@pytest.fixture
def meetings_2027(forum) -> list[Meeting]:
    wheel_materialise(actor=None, forum=forum, year=2027)
    return list(forum.meetings.filter(year=2027).order_by("starts_at"))
