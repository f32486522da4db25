"""Follow-up actions (oppfølgingspunkter): what a decision puts on a ministry, to its end."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.minutes import MinutesEntry
from forums.models.proposals import Proposal
from measures.models import Measure
from portfolio.history import history_records
from portfolio.models import Ministry
from portfolio.permanence import PermanentRecord


class FollowUpAction(PermanentRecord):
    """An action a ministry owes by a date: open → done (with an account) or cancelled (with a
    reason); the coordinator may reopen it. Comes from a minutes entry, a proposal and/or a
    measure. Never deleted: an action that ends is marked done or cancelled.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    owner_ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
        verbose_name=_("owner ministry"),
    )
    due_date = models.DateField(_("due date"))
    text = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    minutes_entry = models.ForeignKey(
        MinutesEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_actions",
        verbose_name=_("minutes entry"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_actions",
        verbose_name=_("proposal"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_actions",
        verbose_name=_("measure"),
    )
    account = models.TextField(_("account of what was done"), blank=True)
    reason = models.TextField(_("reason for cancelling"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = history_records()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner_ministry", "state", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="done") | ~Q(account=""),
                name="forums_followupaction_done_has_account",
            ),
            models.CheckConstraint(
                condition=~Q(state="cancelled") | ~Q(reason=""),
                name="forums_followupaction_cancelled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_ministry_id}: {self.text[:60]}"

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OPEN and self.due_date < timezone.localdate()


class FollowUpReminder(models.Model):
    """The ledger of reminders sent: one row per action and kind, so a reminder goes out once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    action = models.ForeignKey(FollowUpAction, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up reminder")
        verbose_name_plural = _("follow-up reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind"], name="forums_followupreminder_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.kind}"
