"""The audit log page: its two tabs, domain events and field changes, with the same filters."""

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portfolio.audit_log.filters import AuditEventFilter, FieldChangeFilter
from portfolio.audit_log.permissions import can_view_audit_log
from portfolio.audit_log.selectors import (
    PAGE_SIZE,
    Cursor,
    audit_event_list,
    audit_event_rows,
    field_change_page,
)
from portfolio.models import AuditEvent

# The filters both tabs understand; switching tabs keeps them.
SHARED_FILTERS = ("actor", "ministry", "model", "channel", "occurred_after", "occurred_before")


class AuditLogAccessMixin(UserPassesTestMixin):
    """Administrators and the coordinator; others get 403, anonymous users the login page."""

    request: HttpRequest

    def test_func(self) -> bool:
        return can_view_audit_log(self.request.user)

    def tab_context(self, tab: str) -> dict:
        shared = QueryDict(mutable=True)
        for name in SHARED_FILTERS:
            if self.request.GET.get(name):
                shared[name] = self.request.GET[name]
        return {"tab": tab, "shared_query": shared.urlencode()}

    def query_without(self, *names: str) -> str:
        query = self.request.GET.copy()
        for name in names:
            query.pop(name, None)
        return query.urlencode()


class AuditEventLogView(AuditLogAccessMixin, TemplateView):
    """The domain events, newest first, filtered by the query string and paginated."""

    template_name = "portfolio/audit_log_events.html"

    def get_context_data(self, **kwargs):
        filterset = AuditEventFilter(self.request.GET or None, queryset=audit_event_list())
        page, rows = None, []
        if not filterset.is_bound or filterset.is_valid():
            page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
            rows = audit_event_rows(list(page))
        return {
            **super().get_context_data(**kwargs),
            **self.tab_context("events"),
            "form": filterset.form,
            "page": page,
            "rows": rows,
            "query": self.query_without("page"),
        }


class FieldChangeLogView(AuditLogAccessMixin, TemplateView):
    """The field changes of every domain model, newest first, paged by "older than"."""

    template_name = "portfolio/audit_log_changes.html"

    def get_context_data(self, **kwargs):
        filterset = FieldChangeFilter(self.request.GET or None, queryset=AuditEvent.objects.none())
        form = filterset.form
        older_than, cursor_error = None, ""
        if raw := self.request.GET.get("older", ""):
            try:
                older_than = Cursor.parse(raw)
            except ValueError:
                cursor_error = _("The link to older changes is not valid; showing the newest.")
        page = None
        if not filterset.is_bound or filterset.is_valid():
            filters = form.cleaned_data if filterset.is_bound else {}
            page = field_change_page(filters=filters, older_than=older_than)
        return {
            **super().get_context_data(**kwargs),
            **self.tab_context("changes"),
            "form": form,
            "cursor_error": cursor_error,
            "page": page,
            "paged": older_than is not None,
            "query": self.query_without("older"),
        }
