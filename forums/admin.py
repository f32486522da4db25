from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.admin_proposals import ProposalChoicesMixin
from forums.exceptions import WrongState
from forums.models import (
    Advice,
    AgendaCounter,
    Attachment,
    Attendance,
    CalendarToken,
    Delegation,
    Escalation,
    FollowUpAction,
    FollowUpReminder,
    Minutes,
    MinutesApproval,
    MinutesEntry,
    Position,
    PositionChange,
    Proposal,
    ProposalVersion,
    Record,
    RegisterCounter,
    ReviewComment,
)
from forums.permissions import visible_proposals
from forums.records_access import readable_q
from forums.services.delegations import delegation_grant, delegation_revoke
from forums.services.meetings import attendance_set
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import (
    PortalVisibleAdmin,
    ReadOnlyAdmin,
    ServiceAdmin,
    ServiceModelForm,
    portal_note,
)


def readable_or_unmarked(request, relation: str = "record") -> Q:
    """Rows whose document the user may read in full, or that have no record: an exempt
    document is as hidden in the admin as its content is in the portal."""
    readable = Record.objects.filter(readable_q(request.user))
    return Q(**{f"{relation}__isnull": True}) | Q(**{f"{relation}__in": readable})


class ProposalPartAdmin(ReadOnlyAdmin):
    """Rows that belong to a proposal: hidden wherever the proposal is (drafts)."""

    def portal_visible(self, request, queryset):
        return queryset.filter(proposal__in=visible_proposals(request.user))


@admin.register(AgendaCounter)
class AgendaCounterAdmin(ReadOnlyAdmin):
    """Taken by the agenda service, locked while a number is taken; never set by hand."""

    list_display = ["forum", "year", "last_number"]


@admin.register(Attachment)
class AttachmentAdmin(ProposalChoicesMixin, PortalVisibleAdmin):
    list_display = ["name", "agenda_item", "proposal", "content_type", "size", "uploaded_at"]

    def portal_visible(self, request, queryset):
        # A memo of a draft is as hidden as the draft itself.
        return queryset.filter(
            Q(proposal__isnull=True) | Q(proposal__in=visible_proposals(request.user))
        ).filter(readable_or_unmarked(request))


class AttendanceForm(ServiceModelForm):
    class Meta:
        model = Attendance
        fields = ["meeting", "ministry", "status", "person"]


@admin.register(Attendance)
class AttendanceAdmin(ServiceAdmin):
    """Attendance is recorded through the service, as on the meeting's page."""

    form = AttendanceForm
    list_display = ["meeting", "ministry", "status", "person"]

    def get_readonly_fields(self, request, obj=None):
        return ["meeting", "ministry"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        with self.refusals():
            saved = attendance_set(
                actor=request.user,
                meeting=obj.meeting,
                ministry=obj.ministry,
                status=obj.status,
                person=obj.person,
            )
        self.adopt(obj, saved)


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    readonly_fields = ["token"]


class MinutesEntryInline(admin.TabularInline):
    """Entries are added, edited and removed on the minutes page, through the services."""

    model = MinutesEntry
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Minutes)
class MinutesAdmin(PortalVisibleAdmin):
    """Minutes are started, filled in, sent for review and approved on the minutes page; a
    draft's summary and review period, which no page sets, may be corrected here."""

    list_display = ["meeting", "version", "status", "approved_by", "approved_at"]
    list_filter = ["status"]
    readonly_fields = [
        "meeting",
        "version",
        "status",
        "approved_by",
        "approved_at",
        "pdf",
        "pdf_sha256",
        "corrects",
    ]
    inlines = [MinutesEntryInline]

    def has_add_permission(self, request, obj=None):
        return False  # started from the meeting, through the service

    def get_fieldsets(self, request, obj=None):
        note = portal_note(
            _("The entries, the review and the approval are handled on the minutes page."),
            reverse("forums:minutes", args=[obj.meeting_id]) if obj else "",
            _("Minutes page"),
        )
        return [(None, {"fields": self.get_fields(request, obj), "description": note})]

    def portal_visible(self, request, queryset):
        return queryset.filter(readable_or_unmarked(request))

    def has_change_permission(self, request, obj=None):
        # Approved minutes never change, not even here.
        return not (obj and obj.is_frozen) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Minutes and their approvals are part of the record; they are never deleted.
        return False


@admin.register(MinutesEntry)
class MinutesEntryAdmin(ReadOnlyAdmin):
    """Entries change on the minutes page, through the services (frozen once approved)."""

    list_display = ["minutes", "agenda_item", "kind", "owner_ministry", "due_date"]
    list_select_related = ["minutes__meeting", "agenda_item"]

    def portal_visible(self, request, queryset):
        return queryset.filter(readable_or_unmarked(request, "minutes__record"))


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    """Comments are made and answered on the minutes page, through the services."""

    list_display = ["minutes", "ministry", "kind", "created_at", "answered_at"]


class ProposalVersionInline(admin.TabularInline):
    model = ProposalVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "title", "created_by", "created_at"]
    fields = ["number", "title", "created_by", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "forum", "status", "version", "deadline"]
    list_filter = ["forum", "status", "year"]
    list_select_related = ["forum"]
    search_fields = ["title", "text"]
    inlines = [ProposalVersionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def portal_visible(self, request, queryset):
        return queryset & visible_proposals(request.user)


@admin.register(Position)
class PositionAdmin(ProposalPartAdmin):
    list_display = [
        "proposal",
        "version",
        "ministry",
        "position",
        "recorded_by",
        "recorded_at",
        "withdrawn_at",
    ]
    list_filter = ["position", ("withdrawn_at", admin.EmptyFieldListFilter)]
    list_select_related = ["proposal__forum", "ministry", "recorded_by"]


@admin.register(PositionChange)
class PositionChangeAdmin(ProposalPartAdmin):
    list_display = ["proposal", "version", "ministry", "kind", "position", "recorded_at"]
    list_filter = ["kind"]
    list_select_related = ["proposal__forum", "ministry"]


@admin.register(ProposalVersion)
class ProposalVersionAdmin(ProposalPartAdmin):
    list_display = ["proposal", "number", "title", "created_at"]
    list_select_related = ["proposal__forum"]

    def portal_visible(self, request, queryset):
        return super().portal_visible(request, queryset).filter(readable_or_unmarked(request))


@admin.register(Advice)
class AdviceAdmin(ProposalPartAdmin):
    list_display = ["proposal", "forum", "core_group", "created_at"]


@admin.register(Escalation)
class EscalationAdmin(ProposalPartAdmin):
    list_display = ["proposal", "level", "escalated_by", "created_at"]


@admin.register(RegisterCounter)
class RegisterCounterAdmin(ReadOnlyAdmin):
    list_display = ["forum", "year", "last_number"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    """Administrators may grant and revoke delegations; both go through the services."""

    list_display = ["ministry", "delegate", "valid_from", "valid_to", "granted_by", "revoked_at"]
    list_filter = ["ministry"]
    list_select_related = ["ministry", "delegate", "granted_by"]
    fields = ["ministry", "delegate", "valid_from", "valid_to"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            created = delegation_grant(
                actor=request.user,
                ministry=obj.ministry,
                delegate=obj.delegate,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return
        obj.pk = created.pk

    @admin.action(description=_("Revoke the selected delegations"))
    def revoke(self, request, queryset):
        for delegation in queryset.select_related("ministry"):
            try:
                delegation_revoke(actor=request.user, delegation=delegation)
            except (WrongState, PermissionDenied) as exc:
                messages.warning(request, f"{delegation}: {exc}")


@admin.register(FollowUpAction)
class FollowUpActionAdmin(HistoryAdmin, ReadOnlyAdmin):
    """Follow-up actions change only through their services (close, reopen)."""

    list_display = ["owner_ministry", "due_date", "state", "text"]
    list_filter = ["state", "owner_ministry"]
    list_select_related = ["owner_ministry"]


@admin.register(FollowUpReminder)
class FollowUpReminderAdmin(ReadOnlyAdmin):
    list_display = ["action", "kind", "sent_at"]
    list_filter = ["kind"]


@admin.register(MinutesApproval)
class MinutesApprovalAdmin(HistoryAdmin, ReadOnlyAdmin):
    """A ministry's answer changes only through the justering service."""

    list_display = ["minutes", "ministry", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["minutes__meeting", "ministry"]


from forums import admin_forums, admin_governance, admin_records  # noqa: E402, F401  (register their admin)
