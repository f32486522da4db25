import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from forums.models import ForumMembership
from portfolio import roles
from portfolio.models import Ministry

pytestmark = pytest.mark.django_db


def test_seed_demo_is_refused_when_debug_is_off(reference_data, settings):
    get_user_model().objects.filter(username="koordinator").delete()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="koordinator").exists()


def test_seed_demo_runs_when_debug_is_on(reference_data, settings):
    get_user_model().objects.filter(username="leder-fin").delete()
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.filter(username="leder-fin").exists()


def test_demo_users_log_in_with_the_demo_password(reference_data, settings):
    settings.DEMO_PASSWORD = "hemmelig-passord"
    call_command("seed_demo", "--force", verbosity=0)
    # The lockout backend needs the request to know the address.
    request = RequestFactory().post("/logg-inn/")
    assert authenticate(request, username="leder-fin", password="hemmelig-passord") is not None
    assert authenticate(request, username="leder-fin", password="demo") is None


def test_one_admin_head_per_owner_ministry_today(demo_users):
    heads = get_user_model().objects.filter(groups__name=roles.ADMIN_HEAD)
    assert sorted(heads.values_list("username", flat=True)) == sorted(
        f"leder-{abbreviation.lower()}"
        for abbreviation in [
            "AID",
            "BFD",
            "DFD",
            "ED",
            "FD",
            "FIN",
            "HOD",
            "JD",
            "KD",
            "KDD",
            "KLD",
            "KUD",
            "LMD",
            "NFD",
            "SD",
            "UD",
            "SMK",
        ]
    )
    assert not get_user_model().objects.filter(username="leder-oed").exists()


def test_each_person_belongs_to_one_ministry_with_the_right_role(demo_users):
    users = get_user_model().objects.select_related("profile__ministry")
    assert users.get(username="koordinator").profile.ministry.abbreviation == "DFD"
    assert users.get(username="sekretariat").profile.ministry.abbreviation == "DSS"
    assert users.get(username="leder-smk").profile.ministry.abbreviation == "SMK"
    assert users.get(username="koordinator").groups.get().name == roles.COORDINATOR
    assert users.get(username="observator").groups.get().name == roles.OBSERVER


def test_an_admin_head_may_sign_for_their_own_ministry_only(demo_users):
    head = get_user_model().objects.get(username="leder-fin")
    assert head.has_perm("portfolio.sign_for_ministry", Ministry.objects.get(abbreviation="FIN"))
    assert not head.has_perm(
        "portfolio.sign_for_ministry", Ministry.objects.get(abbreviation="KDD")
    )
    coordinator = get_user_model().objects.get(username="koordinator")
    assert not coordinator.has_perm(
        "portfolio.sign_for_ministry", Ministry.objects.get(abbreviation="FIN")
    )


def test_the_coordinating_ministry_chairs_the_strategic_forum(demo_users):
    chair = ForumMembership.objects.get(
        forum__slug="strategisk-forum", role=ForumMembership.Role.CHAIR
    )
    assert chair.user.username == "leder-dfd"
    assert ForumMembership.objects.filter(forum__slug="strategisk-forum").count() == 17


def test_seeding_twice_changes_nothing(demo_users):
    before = get_user_model().objects.count(), ForumMembership.objects.count()
    call_command("seed_demo", "--force", verbosity=0)
    assert (get_user_model().objects.count(), ForumMembership.objects.count()) == before
