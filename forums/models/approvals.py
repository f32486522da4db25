"""Justering: each ministry that attended answers for the minutes, approve or request changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forums.models.minutes import Minutes, ReviewComment
from portfolio.history import history_records
from portfolio.models import Ministry


class MinutesApproval(models.Model):
    """One attending ministry's answer to minutes in review; made when the review starts.

    `decision` stays empty until the ministry answers; after the review period an empty
    decision counts as approval by silence. A request for changes also files a change request
    (a review comment) that the secretariat answers.
    """

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approvals")
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    change_request = models.OneToOneField(
        ReviewComment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval",
        verbose_name=_("change request"),
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    history = history_records()

    class Meta:
        verbose_name = _("approval of minutes")
        verbose_name_plural = _("approvals of minutes")
        ordering = ["minutes", "ministry__abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "ministry"], name="forums_minutesapproval_once_per_ministry"
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="request_changes") | ~models.Q(comment=""),
                name="forums_minutesapproval_change_request_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.ministry_id} {self.decision or '-'}"
