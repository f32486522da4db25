"""The start page's list of proposals waiting for the user's ministry, and its rows."""

from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from forums.selectors.proposals import WaitingItem, waiting_for_user

register = template.Library()


@register.inclusion_tag("forums/proposals/_waiting_list.html", takes_context=True)
def waiting_for_my_ministry(context):
    user = context["request"].user
    return {"items": waiting_for_user(user), "request": context["request"]}


@register.filter
def waiting_rows(items: Iterable[WaitingItem]) -> SafeString:
    """The list items of waiting proposals. Built here rather than in a template loop: at 100×
    a ministry waits on some seventy proposals, and the loop took ten times as long."""
    deadline = _("deadline")
    return format_html_join(
        "",
        '<li><a class="ds-link" href="{}">{} {}</a> – {}, {} {}</li>',
        (
            (
                reverse("proposals:detail", args=[item.proposal.pk]),
                item.proposal.register_number,
                item.proposal.title,
                item.ministry.abbreviation,
                deadline,
                date_format(localtime(item.proposal.deadline), "SHORT_DATETIME_FORMAT"),
            )
            for item in items
        ),
    )
