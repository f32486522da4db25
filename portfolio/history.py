"""Field-level history (django-simple-history) that also records the channel of each change.

Every domain model declares `history = HistoricalRecords(bases=[ChannelHistory])`. The acting
user comes from the request (HistoryRequestMiddleware) or from `obj._history_user`, which
services set; the channel and request id come from the audit context, as for audit events.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChannelHistory(models.Model):
    """Base of every historical model: through which channel the change came."""

    history_channel = models.CharField(_("channel"), max_length=10, blank=True)
    history_request_id = models.UUIDField(_("request id"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.history_channel:
            # Imported here: portfolio.audit imports the models that use this base.
            from portfolio.audit import audit_context

            self.history_channel, self.history_request_id = audit_context()
        super().save(*args, **kwargs)


def history_records(**kwargs) -> HistoricalRecords:
    """HistoricalRecords with the channel base; pass m2m_fields for many-to-many fields."""
    return HistoricalRecords(bases=[ChannelHistory], **kwargs)
