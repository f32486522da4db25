"""`seed_demo --working-year` shows a portal in use, marked as demo, and is safe to repeat."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from forums.models import Meeting, Minutes, MinutesEntry, Proposal
from measures.models import Measure, ReportingPeriod, StatusReport

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        Proposal.objects.count(),
        StatusReport.objects.count(),
        Meeting.objects.count(),
        MinutesEntry.objects.count(),
    )


def test_a_working_year_is_seeded_once(demo_users, settings, media_in_tmp):
    settings.DEBUG = True
    call_command("seed_demo", "--working-year", verbosity=0)
    year = timezone.localdate().year
    proposals = Proposal.objects.all()
    assert set(proposals.values_list("status", flat=True)) == {
        "draft",
        "consultation",
        "endorsed",
        "not_endorsed",
        "withdrawn",
    }
    assert all(p.title.startswith("Demo: ") for p in proposals)
    periods = ReportingPeriod.objects.filter(year=year)
    assert sorted(periods.values_list("status", flat=True)) == ["closed", "open"]
    reported = StatusReport.objects.filter(period__in=periods).values("measure").distinct()
    assert reported.count() == Measure.objects.count() == 7
    assert Meeting.objects.filter(forum__slug="strategisk-forum", year=year).count() == 5
    assert Minutes.objects.get().status == Minutes.Status.REVIEW
    assert MinutesEntry.objects.filter(kind="follow_up_action").count() == 2
    before = snapshot()
    call_command("seed_demo", "--working-year", verbosity=0)
    assert snapshot() == before
