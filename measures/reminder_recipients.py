"""Who is reminded of what a ministry owes: a hook the forums app fills in.

The manual reminder of who owes what and the forums' own reminders go to the ministry's admin
heads and the deputies they have delegated to today; delegations live with the forums, a floor
above. So measures asks here, and forums registers its rule in ForumsConfig.ready()
(`forums.selectors.follow_up.owner_recipients`). Without a registered one, the admin heads.
"""

from collections.abc import Callable
from typing import Any

from portfolio.models import Ministry
from portfolio.permissions import admin_heads_of

Recipients = Callable[[Ministry], list[Any]]


def admin_heads(ministry: Ministry) -> list[Any]:
    """Stands in until an app registers its rule: the ministry's active admin heads."""
    return list(admin_heads_of([ministry]).order_by("pk"))


_recipients: list[Recipients] = []


def reminder_recipients_register(recipients: Recipients) -> None:
    _recipients[:] = [recipients]


def reminder_recipients(ministry: Ministry) -> list[Any]:
    """The people reminded of what the ministry owes."""
    return (_recipients[0] if _recipients else admin_heads)(ministry)
