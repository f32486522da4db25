"""Checks of input shared by the apps: dates and years inside the span the portal plans for.

Dates a person types (milestones, deadlines, periods, delegations) must lie between the years
2000 and 2100. Outside that span a date is a typing error (year 1, year 9999), and far-off
dates break arithmetic such as "the meeting ends two hours after it starts".
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIRST_YEAR = 2000
LAST_YEAR = 2100


def year_error(year: int) -> str:
    """The translated reason the year is outside the span, or ""."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return ""
    return _("Enter a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


def date_error(value: datetime.date | None) -> str:
    """The translated reason the date (or date and time) is outside the span, or ""."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return ""
    return _("Enter a date in the years %(first)d to %(last)d.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def check_dates(**values: datetime.date | None) -> None:
    """Raise a ValidationError naming every field whose date is outside the span."""
    errors = {name: message for name, value in values.items() if (message := date_error(value))}
    if errors:
        raise ValidationError(errors)
