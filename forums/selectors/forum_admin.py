"""Who sits in a forum: the ministries with a seat and the people named, in one query each."""

from django.db.models import QuerySet

from forums.models import Forum, ForumMembership, ForumSeat


def forum_seats(forum: Forum) -> QuerySet[ForumSeat]:
    return (
        ForumSeat.objects.filter(forum=forum)
        .select_related("ministry")
        .order_by("ministry__abbreviation")
    )


def forum_members(forum: Forum) -> QuerySet[ForumMembership]:
    """Chair first, then members, deputies and the secretary, by ministry."""
    return (
        ForumMembership.objects.filter(forum=forum)
        .select_related("user", "ministry")
        .order_by("role", "ministry__abbreviation", "user__last_name", "user__username")
    )
