"""Who owes what: per ministry, what the portfolio and the forums still wait for.

Missing positions on proposals in consultation, overdue status reports (the lead ministry
owes them), open and overdue follow-up actions, and minutes waiting for the ministry's answer.
A fixed number of queries whatever the volume: each kind is read once and grouped here.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.selectors.follow_up import (
    approvals_waiting,
    follow_up_action_list,
    owner_recipients,
)
from forums.selectors.proposals import missing_positions
from measures.selectors_portfolio import overdue_reports
from portfolio.audit import audit_record
from portfolio.exceptions import WrongState
from portfolio.models import AuditEvent, Ministry
from portfolio.notifications import notification_send

REMINDER_INTERVAL = datetime.timedelta(hours=24)
SORT_KEYS = ("ministry", "positions", "reports", "actions", "overdue", "approvals", "total")


@dataclass
class OwedRow:
    ministry: Ministry
    positions: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    approvals: list = field(default_factory=list)

    @property
    def overdue(self) -> list:
        return [action for action in self.actions if action.is_overdue]

    @property
    def total(self) -> int:
        return len(self.positions) + len(self.reports) + len(self.actions) + len(self.approvals)

    def sort_value(self, key: str) -> Any:
        if key == "ministry":
            return self.ministry.abbreviation
        if key == "total":
            return self.total
        return len(getattr(self, key))


def owed_rows(
    *, ministry_ids: set[int] | None = None, sort: str = "-total", today=None
) -> list[OwedRow]:
    """One row per owner ministry existing today (or per such given ministry), sorted by
    `sort` (a key, "-" first for descending)."""
    today = today or timezone.localdate()
    ministries = Ministry.objects.owners().active_on(today).order_by("abbreviation")
    if ministry_ids is not None:
        ministries = ministries.filter(pk__in=ministry_ids)
    rows = {ministry.pk: OwedRow(ministry) for ministry in ministries}
    for item in missing_positions(ministry_ids=rows.keys()):
        rows[item.ministry.pk].positions.append(item)
    for report in overdue_reports(today=today):
        if report["lead_id"] in rows:  # the lead of the day owes the report
            rows[report["lead_id"]].reports.append(report)
    open_actions = follow_up_action_list(state="open").filter(owner_ministry_id__in=rows.keys())
    for action in open_actions:
        rows[action.owner_ministry_id].actions.append(action)
    for approval in approvals_waiting(ministry_ids=rows.keys()):
        rows[approval.ministry_id].approvals.append(approval)
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "total"
    descending = sort.startswith("-") or key not in SORT_KEYS
    ordered = sorted(rows.values(), key=lambda row: row.ministry.abbreviation)
    return sorted(ordered, key=lambda row: row.sort_value(key), reverse=descending)


def _summary(row: OwedRow) -> str:
    lines = [
        _("Missing positions: %(count)d") % {"count": len(row.positions)},
        _("Overdue status reports: %(count)d") % {"count": len(row.reports)},
        _("Open follow-up actions: %(count)d (overdue: %(overdue)d)")
        % {"count": len(row.actions), "overdue": len(row.overdue)},
        _("Minutes waiting for your answer: %(count)d") % {"count": len(row.approvals)},
    ]
    return "\n".join(lines)


@transaction.atomic
def owed_remind(*, actor: Any, ministry: Ministry, now=None) -> int:
    """Send the ministry one reminder of everything it owes; at most once per 24 hours.

    The caller has checked that the actor may (coordinator or secretariat). The ministry's
    row is locked, so two clicks at once send one reminder; the audit event is the ledger.
    """
    now = now or timezone.now()
    ministry = Ministry.objects.select_for_update().get(pk=ministry.pk)
    recent = AuditEvent.objects.filter(
        kind="owed.reminded", ministry=ministry, occurred_at__gte=now - REMINDER_INTERVAL
    )
    if recent.exists():
        raise WrongState(
            _("%(ministry)s was reminded less than 24 hours ago.")
            % {"ministry": ministry.abbreviation}
        )
    rows = owed_rows(ministry_ids={ministry.pk}, today=timezone.localdate(now))
    if not rows:
        raise WrongState(_("%(ministry)s no longer exists.") % {"ministry": ministry.abbreviation})
    (row,) = rows
    if not row.total:
        raise WrongState(_("%(ministry)s owes nothing.") % {"ministry": ministry.abbreviation})
    sent = notification_send(
        recipients=owner_recipients(ministry),
        key=f"owed:{ministry.pk}:{now:%Y%m%d%H%M%S}",
        kind="owed",
        subject=lambda: _("What %(ministry)s still owes") % {"ministry": ministry.abbreviation},
        body=lambda: _summary(row),
        url="/oppfolging/",
    )
    audit_record(
        actor=actor,
        kind="owed.reminded",
        target=ministry,
        ministry=ministry,
        after={"total": row.total, "recipients": len(sent)},
    )
    return len(sent)
