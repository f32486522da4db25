"""The outbox of work for the Celery workers (see portfolio/outbox.py)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """Work for a Celery worker, stored in the same transaction as the change that needs it.

    It is published after commit and again by the periodic flush until the broker has taken
    it, so a broker outage delays the work but never loses it. Delivery is at least once:
    the consuming task must be idempotent. `key` makes enqueueing idempotent.
    """

    task = models.CharField(_("task"), max_length=200)
    key = models.CharField(_("key"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    task_id = models.UUIDField(_("task id"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="portfolio_outboxmessage_unique_key")
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="portfolio_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.key}"
