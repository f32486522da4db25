"""Strategisk forum, the service forums, their seats and the people in them."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.models import CoreGroup, Measure
from portfolio.history import history_records
from portfolio.i18n import Sourced, localized
from portfolio.models import Ministry


class Forum(Sourced):
    """A forum of the strategy: Strategisk forum, or a service forum that only advises."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic forum")
        SERVICE = "service", _("Service forum")
        CORE_GROUP = "core_group", _("Core group")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    code = models.CharField(_("code"), max_length=10, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    role_nb = models.TextField(_("role (bokmål)"), blank=True)
    role_en = models.TextField(_("role (English)"), blank=True)
    advisory_only = models.BooleanField(
        _("advisory only"),
        default=False,
        help_text=_("Gathers input and advice; takes no decisions and gives no endorsement."),
    )
    chaired_by_coordinating_ministry = models.BooleanField(
        _("chaired by the coordinating ministry"), default=True
    )
    chair_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chairing ministry"),
    )
    chair_title_nb = models.CharField(_("chair (bokmål)"), max_length=200, blank=True)
    chair_title_en = models.CharField(_("chair (English)"), max_length=200, blank=True)
    mandate_nb = models.TextField(_("mandate (bokmål)"), blank=True)
    mandate_en = models.TextField(_("mandate (English)"), blank=True)
    core_group = models.OneToOneField(
        CoreGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum",
        verbose_name=_("core group"),
    )
    secretariat = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_for",
        verbose_name=_("secretariat"),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), null=True, blank=True
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="forums", verbose_name=_("measures covered")
    )

    history = history_records(m2m_fields=[measures])

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_nb

    def get_absolute_url(self) -> str:
        return reverse("forums:forum-detail", args=[self.slug])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def role(self) -> str:
        return localized(self, "role")

    @property
    def chair_title(self) -> str:
        return localized(self, "chair_title")

    @property
    def mandate(self) -> str:
        return localized(self, "mandate")

    @property
    def is_unconfirmed_chair(self) -> bool:
        return self.is_unconfirmed("chair_ministry")


class ForumSeatQuerySet(models.QuerySet["ForumSeat"]):
    def active_on(self, day: datetime.date) -> "ForumSeatQuerySet":
        ministries = Ministry.objects.active_on(day)
        return self.filter(ministry__in=ministries)


class ForumSeat(models.Model):
    """A ministry's seat in a forum; it counts while the ministry exists."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="seats")
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="forum_seats")

    objects = ForumSeatQuerySet.as_manager()

    history = history_records()

    class Meta:
        verbose_name = _("forum seat")
        verbose_name_plural = _("forum seats")
        ordering = ["forum", "ministry__abbreviation"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "ministry"], name="forums_forumseat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.forum.code}: {self.ministry}"


class ForumMembership(models.Model):
    """A person's place in a forum, for their ministry."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy")
        SECRETARY = "secretary", _("Secretary")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_memberships"
    )
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = history_records()

    class Meta:
        verbose_name = _("forum membership")
        verbose_name_plural = _("forum memberships")
        ordering = ["forum", "ministry__abbreviation", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user", "role"], name="forums_forummembership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum.code}: {self.user.get_username()} ({self.get_role_display()})"

    def is_current_on(self, day: datetime.date) -> bool:
        return not (self.valid_from and self.valid_from > day) and not (
            self.valid_to and self.valid_to < day
        )
