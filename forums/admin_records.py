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
from portfolio.admin import HistoryAdmin


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["code", "citation", "label_nb", "active"]
    list_filter = ["active"]

    def has_delete_permission(self, request, obj=None):
        # Records point at their legal basis; retire one by clearing "in use" instead.
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Record)
class RecordAdmin(ReadOnlyAdmin, HistoryAdmin):
    list_display = ["document_number", "title", "kind", "access", "legal_basis", "registered_on"]
    list_filter = ["kind", "access"]
    list_select_related = ["legal_basis"]
    search_fields = ["document_number", "title"]


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


@admin.register(MinistryReference)
class MinistryReferenceAdmin(ReadOnlyAdmin, HistoryAdmin):
    list_display = ["ministry", "proposal", "minutes", "reference"]


@admin.register(ArchiveExtraction)
class ArchiveExtractionAdmin(ReadOnlyAdmin):
    list_display = ["start", "end", "status", "done", "total", "requested_by", "finished_at"]
