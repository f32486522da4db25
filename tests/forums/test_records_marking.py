"""Access marking: defaults, who may set it, legal bases, requests, audit; registration."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forums.exceptions import WrongState
from forums.models import Access, LegalBasis, MarkingChangeRequest, Record
from forums.services.records import marking_change_request, record_mark
from portfolio.models import AuditEvent
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db


def _version_record(proposal) -> Record:
    return Record.objects.get(proposal_version__proposal=proposal, proposal_version__number=1)


def test_legal_bases_are_reference_data_flagged_unconfirmed(reference_data):
    from django.core.management import call_command

    before = LegalBasis.objects.count()
    call_command("load_reference_data", verbosity=0)
    assert LegalBasis.objects.count() == before >= 8
    basis = LegalBasis.objects.get(code="offl-14-1")
    assert basis.citation == "offl. § 14 første ledd"
    assert basis.has_unconfirmed


def test_draft_has_default_marking_and_no_number(draft):
    record = _version_record(draft)
    assert record.access == Access.PUBLIC
    assert record.document_number is None


def test_opening_registers_the_version_gap_free(consultation, draft):
    record = _version_record(consultation)
    case = record.case
    assert record.document_number == f"{case.year}/{case.number:05d}-1"
    assert record.registered_on is not None
    assert AuditEvent.objects.filter(kind="record.registered", target_id=str(record.pk)).exists()


@pytest.mark.parametrize("who", ["sekretariat", "koordinator"])
def test_secretariat_and_coordinator_mark_exempt_with_audit(consultation, who):
    record = record_mark(
        actor=user(who),
        record=_version_record(consultation),
        access="exempt",
        legal_basis="offl-14-1",
        screened_title="Sak om anskaffelser",
        reason="Organinternt dokument",
    )
    record.refresh_from_db()
    assert (record.access, record.legal_basis.code) == ("exempt", "offl-14-1")
    assert record.public_title == "Sak om anskaffelser"
    event = AuditEvent.objects.get(kind="record.marked", target_id=str(record.pk))
    assert event.actor.username == who
    assert event.before["access"] == "public" and event.after["access"] == "exempt"
    assert event.note == "Organinternt dokument"


@pytest.mark.parametrize("who", ["leder-fin", "observator"])
def test_others_cannot_mark_and_nothing_changes(consultation, who):
    record = _version_record(consultation)
    with pytest.raises(PermissionDenied):
        record_mark(
            actor=user(who), record=record, access="exempt", legal_basis="offl-13", reason="x"
        )
    record.refresh_from_db()
    assert record.access == "public"
    assert not AuditEvent.objects.filter(kind="record.marked").exists()


@pytest.mark.parametrize(
    ("access", "basis", "field"),
    [
        ("exempt", "", "legal_basis"),
        ("exempt", "offl-99", "legal_basis"),
        ("partly_exempt", None, "legal_basis"),
        ("secret", "offl-13", "access"),
    ],
)
def test_bad_marking_is_refused(consultation, access, basis, field):
    record = _version_record(consultation)
    with pytest.raises(ValidationError) as error:
        record_mark(
            actor=user("sekretariat"), record=record, access=access, legal_basis=basis, reason="x"
        )
    assert field in error.value.message_dict
    record.refresh_from_db()
    assert record.access == "public" and record.legal_basis is None


def test_marking_of_an_archived_document_cannot_change(consultation):
    from django.utils import timezone

    record = _version_record(consultation)
    Record.objects.filter(pk=record.pk).update(archived_at=timezone.now())
    with pytest.raises(WrongState):
        record_mark(
            actor=user("sekretariat"),
            record=record,
            access="exempt",
            legal_basis="offl-13",
            reason="x",
        )
    record.refresh_from_db()
    assert record.access == "public"


def test_admin_head_asks_for_a_change_with_a_reason(consultation):
    record = _version_record(consultation)
    request = marking_change_request(
        actor=user("leder-fin"), record=record, access="exempt", reason="Forhandlingsposisjon"
    )
    assert request.ministry.abbreviation == "FIN"
    assert AuditEvent.objects.filter(kind="record.marking_change_requested").count() == 1
    record_mark(
        actor=user("koordinator"),
        record=record,
        access="exempt",
        legal_basis="offl-23-1",
        reason="Som bedt om",
    )
    request.refresh_from_db()
    assert request.outcome == MarkingChangeRequest.Outcome.DONE


@pytest.mark.parametrize("who", ["observator", "sekretariat"])
def test_only_admin_heads_ask_for_a_change(consultation, who):
    with pytest.raises(PermissionDenied):
        marking_change_request(
            actor=user(who), record=_version_record(consultation), access="exempt", reason="x"
        )
    assert not MarkingChangeRequest.objects.exists()


def test_a_request_needs_a_reason(consultation):
    with pytest.raises(ValidationError):
        marking_change_request(
            actor=user("leder-fin"),
            record=_version_record(consultation),
            access="exempt",
            reason=" ",
        )
    assert not MarkingChangeRequest.objects.exists()


def test_revision_gets_the_next_document_number(consultation):
    from forums.services.proposals import proposal_revise

    proposal_revise(actor=user("koordinator"), proposal=consultation, text="Ny tekst")
    numbers = list(
        Record.objects.filter(case__proposal=consultation)
        .order_by("document_sequence")
        .values_list("document_number", flat=True)
    )
    case = Record.objects.filter(case__proposal=consultation).first().case
    assert numbers == [f"{case.case_number}-1", f"{case.case_number}-2"]


def test_approved_minutes_and_notice_are_registered(review_minutes):
    from forums.services.meetings import meeting_send_notice
    from forums.services.minutes import minutes_approve
    from tests.forums.conftest import end_review

    chair = user(
        "leder-"
        + review_minutes.meeting.forum.memberships.get(role="chair").ministry.abbreviation.lower()
    )
    minutes_approve(actor=chair, minutes=end_review(review_minutes))
    record = Record.objects.get(minutes=review_minutes)
    assert record.kind == "minutes" and record.document_number.endswith("-1")
    assert record.recipients.exists()
    assert meeting_send_notice(meeting_id=review_minutes.meeting_id) is False  # already held
