"""The annual wheel (årshjul): a forum's yearly template of meetings and their deadlines."""

import calendar
import datetime

from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forums.models.forums import Forum
from portfolio.history import history_records


class AnnualWheel(models.Model):
    """A forum's yearly template. It repeats every year until changed.

    The deadlines of each meeting are derived from the offsets: the notice goes out
    `notice_days` before, papers are due `papers_days` before, minutes `minutes_days` after.
    """

    forum = models.OneToOneField(
        Forum, on_delete=models.CASCADE, related_name="wheel", verbose_name=_("forum")
    )
    notice_days = models.PositiveSmallIntegerField(_("notice, days before"), default=14)
    papers_days = models.PositiveSmallIntegerField(_("papers due, days before"), default=7)
    minutes_days = models.PositiveSmallIntegerField(_("minutes due, days after"), default=14)
    review_days = models.PositiveSmallIntegerField(_("review period of minutes, days"), default=5)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("An example wheel, not the forum's adopted plan."),
    )
    history = history_records()

    class Meta:
        verbose_name = _("annual wheel")
        verbose_name_plural = _("annual wheels")
        ordering = ["forum__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notice_days__gte=models.F("papers_days")),
                name="forums_annualwheel_notice_before_papers",
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum.code}: {_('annual wheel')}"


ORDINALS = {
    1: pgettext_lazy("the nth weekday of a month", "first"),
    2: pgettext_lazy("the nth weekday of a month", "second"),
    3: pgettext_lazy("the nth weekday of a month", "third"),
    4: pgettext_lazy("the nth weekday of a month", "fourth"),
    5: pgettext_lazy("the nth weekday of a month", "last"),
}


class WheelSlot(models.Model):
    """One meeting of the wheel: a month and either a day or a week of that month."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    wheel = models.ForeignKey(
        AnnualWheel, on_delete=models.CASCADE, related_name="slots", verbose_name=_("wheel")
    )
    title = models.CharField(_("title"), max_length=200)
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day of month"), null=True, blank=True)
    week = models.PositiveSmallIntegerField(
        _("week of month"), null=True, blank=True, help_text=_("1–4, or 5 for the last week.")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, default=Weekday.TUESDAY
    )
    start_time = models.TimeField(_("start time"), default=datetime.time(9, 0))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    standing_topics = models.TextField(
        _("standing agenda topics"), blank=True, help_text=_("One topic per line.")
    )
    history = history_records()

    class Meta:
        verbose_name = _("wheel slot")
        verbose_name_plural = _("wheel slots")
        ordering = ["wheel", "month", "day", "week"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="forums_wheelslot_month_valid"
            ),
            models.CheckConstraint(
                condition=(Q(day__isnull=False, week__isnull=True, day__gte=1, day__lte=31))
                | (Q(day__isnull=True, week__isnull=False, week__gte=1, week__lte=5)),
                name="forums_wheelslot_day_or_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wheel.forum.code} {self.month:02d}: {self.title}"

    def schedule_text(self) -> str:
        """In words, in the reader's language: "second Tuesday in February, 10:00"."""
        if self.day:
            day = date_format(datetime.date(2000, self.month, self.day), "MONTH_DAY_FORMAT")
        else:
            day = _("%(ordinal)s %(weekday)s in %(month)s") % {
                "ordinal": ORDINALS[self.week or 1],
                "weekday": self.get_weekday_display(),
                "month": MONTHS[self.month],
            }
        return f"{day}, {time_format(self.start_time, 'TIME_FORMAT')}"

    @property
    def topics(self) -> list[str]:
        return [line.strip() for line in self.standing_topics.splitlines() if line.strip()]

    def date_in(self, year: int) -> datetime.date:
        """The meeting's date in the given year."""
        last = calendar.monthrange(year, self.month)[1]
        if self.day is not None:
            return datetime.date(year, self.month, min(self.day, last))
        if self.week == 5:
            day = datetime.date(year, self.month, last)
            return day - datetime.timedelta(days=(day.weekday() - self.weekday) % 7)
        first = datetime.date(year, self.month, 1)
        offset = (self.weekday - first.weekday()) % 7
        return first + datetime.timedelta(days=offset + 7 * ((self.week or 1) - 1))
