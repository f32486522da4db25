"""The admin of the system of record: legal bases are edited here; records are only read.

A marking is changed through the portal (one service, audited), so records, cases, requests
and counters are read-only in the admin and never deleted.
"""

from django.contrib import admin

from forums.models import (
    ArchiveExtraction,
    CaseCounter,
    LegalBasis,
    MarkingChangeRequest,
    MinistryReference,
    Record,
    RecordCase,
)
from forums.records_access import readable_q
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import ReadOnlyAdmin


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["code", "citation", "label_nb", "active"]
    list_filter = ["active"]

    def has_delete_permission(self, request, obj=None):
        # Records point at their legal basis; retire one by clearing "in use" instead.
        return False


@admin.register(Record)
class RecordAdmin(ReadOnlyAdmin, HistoryAdmin):
    list_display = ["document_number", "title", "kind", "access", "legal_basis", "registered_on"]
    list_filter = ["kind", "access"]
    list_select_related = ["legal_basis"]
    search_fields = ["document_number", "title"]

    def portal_visible(self, request, queryset):
        # Only records the user may read in full: the admin shows the real title.
        return queryset.filter(readable_q(request.user))


@admin.register(RecordCase)
class RecordCaseAdmin(ReadOnlyAdmin):
    list_display = ["year", "number", "title", "last_document"]


@admin.register(CaseCounter)
class CaseCounterAdmin(ReadOnlyAdmin):
    list_display = ["year", "last_number"]


@admin.register(MarkingChangeRequest)
class MarkingChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["record", "ministry", "access", "outcome", "created_at"]
    list_filter = ["outcome"]

    def portal_visible(self, request, queryset):
        return queryset.filter(record__in=Record.objects.filter(readable_q(request.user)))


@admin.register(MinistryReference)
class MinistryReferenceAdmin(ReadOnlyAdmin, HistoryAdmin):
    list_display = ["ministry", "proposal", "minutes", "reference"]


@admin.register(ArchiveExtraction)
class ArchiveExtractionAdmin(ReadOnlyAdmin):
    list_display = ["start", "end", "status", "done", "total", "requested_by", "finished_at"]
