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


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("leder-fin", True), ("koordinator", False), ("observator", False)],
)
def test_the_proposal_page_form_is_for_the_admin_head_of_the_ministry(
    consultation, client_for, who, allowed
):
    client = client_for(who)
    page = client.get(f"/saker/{consultation.pk}/").content.decode()
    assert (f"/saker/{consultation.pk}/egen-referanse/" in page) is allowed
    response = client.post(
        f"/saker/{consultation.pk}/egen-referanse/", {"reference": "26/77-1"}, follow=True
    )
    if not allowed:
        assert response.status_code == 403
        assert not MinistryReference.objects.exists()
        return
    assert "Departementets egen referanse er lagret." in response.content.decode()
    [reference] = MinistryReference.objects.all()
    assert (reference.ministry.abbreviation, reference.reference) == ("FIN", "26/77-1")
    shown = client_for("observator").get(f"/saker/{consultation.pk}/").content.decode()
    assert "FIN: 26/77-1" in shown
    event = AuditEvent.objects.get(kind="record.reference_set")
    assert event.after == {"reference": "26/77-1"}


def test_the_minutes_page_form_records_and_refuses_bad_input(draft_minutes, client_for):
    meeting = draft_minutes.meeting
    url = f"/minutes/{draft_minutes.pk}/egen-referanse/"
    assert url in client_for("leder-fin").get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert (
        url not in client_for("observator").get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    )
    assert client_for("observator").post(url, {"reference": "1"}).status_code == 403
    bad = client_for("leder-fin").post(url, {"reference": "x" * 61})
    assert bad.status_code == 400
    assert not MinistryReference.objects.exists()
    client_for("leder-fin").post(url, {"reference": "26/5-2"})
    page = client_for("observator").get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert "FIN: 26/5-2" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("leder-fin", 200), ("leder-kdd", 403), ("sekretariat", 403), ("observator", 403)],
)
def test_the_api_records_a_reference_for_the_admin_head_only(
    consultation, draft_minutes, api_client_for, who, status
):
    client = api_client_for(who)
    for path in (
        f"/api/v1/proposals/{consultation.pk}/references/FIN/",
        f"/api/v1/minutes/{draft_minutes.pk}/references/FIN/",
    ):
        response = client.put(path, {"reference": "26/9"}, format="json")
        assert response.status_code == status, (path, response.json())
        if status == 200:
            assert response.json()["ministry"] == "FIN"
            assert response.json()["reference"] == "26/9"
    assert MinistryReference.objects.count() == (2 if status == 200 else 0)
    missing = client.put("/api/v1/proposals/999999/references/FIN/", {"reference": "1"})
    assert missing.status_code == 404
