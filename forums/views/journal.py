"""The journal pages: the list with filters, one entry with its marking, and the forms on it."""

import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.records import JournalFilterForm, MarkingForm, MarkingRequestForm
from forums.models import Record
from forums.records_access import can_mark_records, can_read_record, can_request_marking_change
from forums.selectors.journal import (
    JournalFilter,
    case_references,
    journal_entries,
    journal_filter_parse,
    readable_record_ids,
    title_for,
)
from forums.services.records import marking_change_request, record_mark
from forums.views.common import page_with, run_form
from portfolio.caching import cached_page
from portfolio.models import AuditEvent
from portfolio.page_errors import apply_errors
from portfolio.permissions import is_secretariat

PAGE_SIZE = 50


@method_decorator(cached_page, name="dispatch")
class JournalView(LoginRequiredMixin, View):
    """Every registered document; restricted titles are screened for those who may not read."""

    def get(self, request):
        form = JournalFilterForm(request.GET or None)
        status = 200
        try:
            filters = journal_filter_parse(request.GET)
        except ValidationError as exc:
            form.is_valid()
            apply_errors(form, exc)
            filters, status = JournalFilter(), 400
        records = journal_entries(filters=filters).prefetch_related("recipients")
        page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
        readable = readable_record_ids(user=request.user, records=list(page))
        rows = [(record, title_for(record, readable=record.pk in readable)) for record in page]
        query = request.GET.copy()
        query.pop("page", None)
        export_from, export_to = export_period(filters)
        context = {
            "export_from": export_from,
            "export_to": export_to,
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "may_extract": is_secretariat(request.user),
        }
        return render(request, "forums/journal/list.html", context, status=status)


def export_period(filters: JournalFilter) -> tuple[datetime.date, datetime.date]:
    """The period of the public journal link: the filter's, else this year up to today."""
    today = timezone.localdate()
    start = filters.start or (
        filters.end.replace(month=1, day=1) if filters.end else today.replace(month=1, day=1)
    )
    end = filters.end or max(today, start)
    return start, end


def document_url(record: Record) -> str:
    """Where the document itself is read in the portal."""
    if record.proposal_version_id:
        return reverse("proposals:detail", args=[record.case.proposal_id])
    if record.attachment_id:
        return reverse("forums:attachment-download", args=[record.attachment_id])
    if record.notice_of_id:
        return reverse("forums:agenda-pdf", args=[record.notice_of_id])
    if record.minutes is not None:
        return reverse("forums:minutes-pdf", args=[record.minutes.meeting_id])
    raise ValueError(f"Record {record.pk} links to no document.")


class RecordDetailView(LoginRequiredMixin, TemplateView):
    """One journal entry. A document not yet registered is shown only to those who mark."""

    template_name = "forums/journal/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = get_object_or_404(
            Record.objects.select_related("case", "legal_basis", "sender"), pk=self.kwargs["pk"]
        )
        may_mark = can_mark_records(self.request.user)
        if record.document_number is None and not may_mark:
            raise Http404
        readable = can_read_record(self.request.user, record)
        forms = kwargs.get("forms", {})
        context.update(
            record=record,
            title=title_for(record, readable=readable),
            readable=readable,
            references=case_references(record.case),
            document_url=document_url(record) if readable else "",
            may_mark=may_mark,
            may_request=can_request_marking_change(self.request.user),
            marking_form=forms.get("marking_form")
            or MarkingForm(
                initial={
                    "access": record.access,
                    "legal_basis": record.legal_basis.code if record.legal_basis_id else "",
                    "screened_title": record.screened_title,
                }
            ),
            request_form=forms.get("request_form") or MarkingRequestForm(),
            changes=AuditEvent.objects.filter(
                kind__in=["record.marked", "record.marking_change_requested"],
                target_type__model="record",
                target_id=str(record.pk),
            ).order_by("-occurred_at")
            if may_mark
            else [],
        )
        return context


class RecordMarkView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        record = get_object_or_404(Record, pk=pk)
        if not can_mark_records(request.user):
            raise PermissionDenied
        return run_form(
            request,
            MarkingForm(request.POST),
            lambda data: record_mark(actor=request.user, record=record, **data),
            success=_("The marking was changed."),
            back=reverse("journal:detail", args=[pk]),
            page=page_with(RecordDetailView, request, {"pk": pk}, "marking_form"),
        )


class RecordRequestView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        record = get_object_or_404(Record, pk=pk)
        if not can_request_marking_change(request.user):
            raise PermissionDenied
        return run_form(
            request,
            MarkingRequestForm(request.POST),
            lambda data: marking_change_request(actor=request.user, record=record, **data),
            success=_("Your request was sent to the secretariat and the coordinator."),
            back=reverse("journal:detail", args=[pk]),
            page=page_with(RecordDetailView, request, {"pk": pk}, "request_form"),
        )
