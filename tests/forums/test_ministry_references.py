"""Each ministry's own reference on a case: recorded by its people, shown, in the API and export."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forums.models import MinistryReference, Record
from forums.services.records import ministry_reference_set
from portfolio.models import AuditEvent
from tests.forums.conftest import ministry, user
from tests.forums.records_helpers import assert_valid

pytestmark = pytest.mark.django_db


def test_a_ministry_records_its_own_reference_shown_everywhere(
    consultation, client_for, api_client_for, tmp_path
):
    from django.core.management import call_command

    ministry_reference_set(
        actor=user("leder-fin"),
        ministry=ministry("FIN"),
        reference="26/1234",
        proposal=consultation,
    )
    assert AuditEvent.objects.filter(kind="record.reference_set").count() == 1
    record = Record.objects.get(proposal_version__proposal=consultation)
    assert "FIN: 26/1234" in client_for("observator").get(f"/journal/{record.pk}/").content.decode()
    today = timezone.localdate().isoformat()
    [entry] = (
        api_client_for("observator")
        .get(f"/api/v1/journal/?from={today}&to={today}")
        .json()["results"]
    )
    assert entry["references"] == {"FIN": "26/1234"}
    out = tmp_path / "x"
    call_command("noark_export", "--from", today, "--to", today, "--out", str(out), verbosity=0)
    structure = assert_valid((out / "arkivstruktur.xml").read_bytes(), "arkivstruktur.xsd")
    ns = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
    assert structure.xpath("//n:merknad/n:merknadstekst/text()", namespaces=ns) == ["FIN: 26/1234"]


def test_another_ministry_cannot_record_it(consultation):
    with pytest.raises(PermissionDenied):
        ministry_reference_set(
            actor=user("leder-kdd"),
            ministry=ministry("FIN"),
            reference="26/1",
            proposal=consultation,
        )
    assert not MinistryReference.objects.exists()
