"""generate_forum_activity registers the final documents, gap-free, a share of them exempt."""

import datetime

import pytest
from django.core.management import call_command

from forums.models import Proposal, Record
from tests.forums.records_helpers import assert_valid

pytestmark = pytest.mark.django_db


def test_generated_documents_are_journaled_gap_free_and_extract_validly(demo_users, tmp_path):
    call_command("generate_forum_activity", "--scale", "1", "--force", verbosity=0)
    records = Record.objects.all()
    assert records.count() > 10
    assert records.filter(access="exempt").exists()
    assert not records.filter(document_number__isnull=True).exists()
    for year in set(records.values_list("journal_year", flat=True)):
        sequence = sorted(
            records.filter(journal_year=year).values_list("journal_sequence", flat=True)
        )
        assert sequence == list(range(1, len(sequence) + 1))
    first = records.order_by("registered_on").first().registered_on
    last = records.order_by("registered_on").last().registered_on
    out = tmp_path / "x"
    call_command(
        "noark_export", "--from", str(first), "--to", str(last), "--out", str(out), verbosity=0
    )
    assert_valid((out / "arkivstruktur.xml").read_bytes(), "arkivstruktur.xsd")
    assert_valid((out / "endringslogg.xml").read_bytes(), "endringslogg.xsd")
    assert len(list((out / "dokumenter").iterdir())) == records.count()
    assert isinstance(first, datetime.date)


def test_generation_after_the_demo_year_skips_a_proposal_withdrawn_before_it_was_opened(
    demo_users, settings, media_in_tmp
):
    settings.DEBUG = True
    call_command("seed_demo", "--working-year", verbosity=0)
    never_opened = Record.objects.filter(
        proposal_version__proposal=Proposal.objects.get(status="withdrawn", opened_at__isnull=True)
    )
    before = list(never_opened.values_list("pk", flat=True))
    call_command("generate_forum_activity", "--scale", "1", verbosity=0)
    assert Record.objects.count() > 10
    assert list(never_opened.values_list("pk", flat=True)) == before
