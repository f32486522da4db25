"""The demo cast: an admin head per ministry and SMK, a coordinator, secretariat, observer."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from guardian.shortcuts import assign_perm

from forums.models import Forum, ForumMembership
from forums.services.wheel import wheel_seed_demo
from portfolio import roles
from portfolio.context_processors import DEMO_EMAIL_DOMAIN
from portfolio.models import Ministry, UserProfile
from portfolio.selectors import coordinating_ministry, owner_ministries

STRATEGIC_FORUM_SLUG = "strategisk-forum"


def _user(username: str, *, password: str, ministry: Ministry, role: str, title: str = ""):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name = username
    user.email = f"{username}@{DEMO_EMAIL_DOMAIN}"
    user.set_password(password)
    user.save()
    UserProfile.objects.update_or_create(
        user=user, defaults={"ministry": ministry, "job_title": title}
    )
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    return user


def seed_demo_users(*, password: str) -> list[str]:
    """Create or refresh the demo users; safe to repeat. Returns their user names."""
    coordinator = coordinating_ministry()
    if coordinator is None:
        raise CommandError("No coordinating ministry today: run load_reference_data first.")
    forum = Forum.objects.get(slug=STRATEGIC_FORUM_SLUG)
    secretariat = Ministry.objects.get(abbreviation="DSS")

    made = [
        _user("koordinator", password=password, ministry=coordinator, role=roles.COORDINATOR),
        _user("sekretariat", password=password, ministry=secretariat, role=roles.SECRETARIAT),
        _user("observator", password=password, ministry=coordinator, role=roles.OBSERVER),
    ]
    for ministry in owner_ministries():
        head = _user(
            f"leder-{ministry.abbreviation.lower()}",
            password=password,
            ministry=ministry,
            role=roles.ADMIN_HEAD,
            title="Ekspedisjonssjef",
        )
        assign_perm("portfolio.sign_for_ministry", head, ministry)
        role = (
            ForumMembership.Role.CHAIR if ministry == coordinator else ForumMembership.Role.MEMBER
        )
        ForumMembership.objects.filter(forum=forum, user=head).exclude(role=role).delete()
        ForumMembership.objects.get_or_create(
            forum=forum, user=head, role=role, defaults={"ministry": ministry}
        )
        made.append(head)

    wheel_seed_demo(forum=forum)

    admin, _ = get_user_model().objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    UserProfile.objects.update_or_create(user=admin, defaults={"ministry": coordinator})
    made.append(admin)
    return [user.get_username() for user in made]
