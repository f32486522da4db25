"""The start page's list of proposals waiting for the user's ministry."""

from django import template

from forums.selectors.proposals import waiting_for_user

register = template.Library()


@register.inclusion_tag("forums/proposals/_waiting_list.html", takes_context=True)
def waiting_for_my_ministry(context):
    user = context["request"].user
    return {"items": waiting_for_user(user), "request": context["request"]}
