"""/oppfolging/: who owes what, per ministry; sortable, to Excel, with a reminder button.

The coordinator and the secretariat see every ministry and may remind one; an admin head sees
their own ministry's row; everyone else is refused.
"""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.styles import Font

from forums.selectors.proposals import screen_waiting
from portfolio.caching import cached_page
from portfolio.dashboard.owed import SORT_KEYS, owed_remind, owed_rows
from portfolio.exceptions import WrongState
from portfolio.models import Ministry
from portfolio.permissions import is_coordinator, is_secretariat, sign_grant_ministry_ids


def may_see_all(user) -> bool:
    return is_coordinator(user) or is_secretariat(user)


def visible_ministry_ids(user) -> set[int] | None:
    """None for every ministry; the admin head's own; PermissionDenied for anyone else."""
    if may_see_all(user):
        return None
    own = sign_grant_ministry_ids(user)
    if not own:
        raise PermissionDenied(_("Only the coordinator, the secretariat and admin heads."))
    return own


# Entries listed in a cell; the rest are counted, so the page stays small at any scale.
LISTED = 10
KINDS = ("positions", "reports", "actions", "approvals")


def _listed(user, rows: list) -> list:
    """The entries shown per cell; a restricted proposal's title screened for who may not
    read it (one query for all of them)."""
    for row in rows:
        row.listed = {kind: getattr(row, kind)[:LISTED] for kind in KINDS}
        row.more = {kind: max(len(getattr(row, kind)) - LISTED, 0) for kind in KINDS}
    screen_waiting(user, [item for row in rows for item in row.listed["positions"]])
    return rows


def _sort(request) -> str:
    sort = request.GET.get("sort", "-total")
    return sort if sort.lstrip("-") in SORT_KEYS else "-total"


@method_decorator(cached_page, name="dispatch")
class OwedView(LoginRequiredMixin, TemplateView):
    template_name = "portfolio/owed.html"

    def get_context_data(self, **kwargs):
        ids = visible_ministry_ids(self.request.user)
        sort = _sort(self.request)
        columns = [
            ("ministry", _("Ministry")),
            ("positions", _("Missing positions")),
            ("reports", _("Overdue status reports")),
            ("actions", _("Open follow-up actions")),
            ("overdue", _("Overdue follow-up actions")),
            ("approvals", _("Minutes waiting for an answer")),
            ("total", _("Total")),
        ]
        return {
            **super().get_context_data(**kwargs),
            "rows": _listed(self.request.user, owed_rows(ministry_ids=ids, sort=sort)),
            "sort": sort,
            "columns": [
                (key, label, f"-{key}" if sort != f"-{key}" else key) for key, label in columns
            ],
            "may_remind": may_see_all(self.request.user),
        }


class OwedExportView(LoginRequiredMixin, View):
    def get(self, request):
        rows = owed_rows(ministry_ids=visible_ministry_ids(request.user), sort=_sort(request))
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Who owes what")[:31]
        sheet.append(
            [
                _("Ministry"),
                _("Missing positions"),
                _("Overdue status reports"),
                _("Open follow-up actions"),
                _("Overdue follow-up actions"),
                _("Minutes waiting for an answer"),
                _("Total"),
            ]
        )
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(
                [
                    row.ministry.abbreviation,
                    len(row.positions),
                    len(row.reports),
                    len(row.actions),
                    len(row.overdue),
                    len(row.approvals),
                    row.total,
                ]
            )
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"oppfolging-{timezone.localdate():%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class OwedRemindView(LoginRequiredMixin, View):
    """POST /oppfolging/<abbreviation>/paminn/: one reminder of everything, at most daily."""

    def post(self, request, abbreviation: str):
        if not may_see_all(request.user):
            raise PermissionDenied(_("Only the coordinator and the secretariat send reminders."))
        ministry = get_object_or_404(
            Ministry.objects.owners().active_on(timezone.localdate()),
            abbreviation__iexact=abbreviation,
        )
        try:
            owed_remind(actor=request.user, ministry=ministry)
        except WrongState as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(ministry)s is reminded of what it owes.")
                % {"ministry": ministry.abbreviation},
            )
        return HttpResponseRedirect(reverse("portfolio:owed"))
