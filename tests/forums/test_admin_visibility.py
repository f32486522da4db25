"""The Django admin shows a staff user only what the portal shows them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forums.models import Attachment, ProposalVersion
from forums.services.attachments import proposal_memo_add
from portfolio.models import UserProfile
from tests.forums.conftest import user

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Felles anskaffelsesstrategi 2027"


def _staff(username: str, *, app_labels=(), groups_of: str | None = None) -> Client:
    """A staff user with view permission on every model of the given apps."""
    person = get_user_model().objects.create_user(username, is_staff=True)
    person.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=app_labels, codename__startswith="view_"
        )
    )
    if groups_of:  # the same roles, for the same ministry
        source = user(groups_of)
        person.groups.set(source.groups.all())
        profile = UserProfile.objects.filter(user=source).first()
        if profile:
            UserProfile.objects.create(user=person, ministry=profile.ministry)
    client = Client()
    client.force_login(person)
    return client


def test_a_staff_user_without_permissions_reads_no_proposal(draft):
    client = _staff("bare-stab")
    for url in ["/admin/forums/proposal/", f"/admin/forums/proposal/{draft.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    ("groups_of", "sees_drafts"),
    [(None, False), ("observator", False), ("leder-fin", False), ("koordinator", True)],
)
def test_drafts_in_the_admin_follow_the_portal(draft, consultation_other, groups_of, sees_drafts):
    client = _staff("stab", app_labels=["forums"], groups_of=groups_of)
    listing = client.get("/admin/forums/proposal/").content.decode()
    assert (DRAFT_TITLE in listing) is sees_drafts
    assert "Åpen sak" in listing
    change = client.get(f"/admin/forums/proposal/{draft.pk}/change/")
    assert (change.status_code == 200) is sees_drafts
    assert (DRAFT_TITLE in change.content.decode()) is sees_drafts
    version = ProposalVersion.objects.get(proposal=draft)
    versions = client.get(f"/admin/forums/proposalversion/{version.pk}/change/")
    assert (versions.status_code == 200) is sees_drafts
    memo = Attachment.objects.get(proposal=draft)
    assert (client.get(f"/admin/forums/attachment/{memo.pk}/change/").status_code == 200) is (
        sees_drafts
    )


def test_the_superuser_sees_drafts_only_as_the_portal_shows_them(client_for, draft):
    response = client_for("admin").get(f"/admin/forums/proposal/{draft.pk}/change/")
    assert DRAFT_TITLE not in response.content.decode()


@pytest.fixture
def consultation_other(draft):
    """A second proposal, in consultation, which everyone logged in sees; the draft gets a memo."""
    from forums.services.proposals import proposal_create, proposal_open

    proposal_memo_add(
        actor=user("koordinator"),
        proposal=draft,
        upload=SimpleUploadedFile("notat.pdf", b"%PDF-1.7\n"),
    )
    other = proposal_create(
        actor=user("koordinator"), title="Åpen sak", text="Tekst.", deadline=draft.deadline
    )
    return proposal_open(actor=user("koordinator"), proposal=other)


@pytest.mark.parametrize(
    ("groups_of", "sees_drafts"), [("leder-fin", False), ("koordinator", True)]
)
def test_proposal_choices_in_admin_forms_leave_out_drafts(
    draft, consultation_other, meetings_2027, groups_of, sees_drafts
):
    person_client = _staff("stab-endre", app_labels=["forums"], groups_of=groups_of)
    person = get_user_model().objects.get(username="stab-endre")
    person.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forums",
            codename__in=["add_agendaitem", "change_attachment"],
        )
    )
    # Agenda items are added in the admin (through the service) and not changed afterwards.
    form = person_client.get("/admin/forums/agendaitem/add/").content.decode()
    assert "Åpen sak" in form
    assert (DRAFT_TITLE in form) is sees_drafts
