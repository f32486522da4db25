"""The start page's list of the open follow-up actions of the user's ministry."""

from django import template

from forums.selectors.follow_up import follow_up_actions_owed

register = template.Library()


@register.inclusion_tag("forums/follow_up/_owed_home.html", takes_context=True)
def follow_up_for_my_ministry(context):
    profile = getattr(context["request"].user, "profile", None)
    actions = follow_up_actions_owed(ministry=profile.ministry if profile else None)
    return {"actions": actions, "overdue": sum(action.is_overdue for action in actions)}
