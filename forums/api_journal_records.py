"""One journal entry, its access marking and the requests to change it, through the API.

GET /api/v1/journal/records/{id}/ shows the entry as the journal page does; PUT …/marking/
changes the marking (the secretariat and the coordinator) and POST …/marking-requests/ asks
for a change (an admin head), through the services of the pages. Who may is answered before
the input is looked at.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from forums.api_journal import JournalEntrySerializer, journal_entry
from forums.models import Access, MarkingChangeRequest, Record
from forums.records_access import can_mark_records, can_read_record, can_request_marking_change
from forums.services.records import (
    REASON_MAX,
    SCREENED_TITLE_MAX,
    marking_change_request,
    record_mark,
)
from portfolio.api_docs import FORBIDDEN, ErrorDetailSerializer, conflict, operation_doc
from portfolio.models import AuditEvent

MARKERS_ONLY = gettext_lazy(
    "Only the secretariat and the coordinator; others get 403, before the input is looked at."
)
ADMIN_HEADS_ONLY = gettext_lazy(
    "Only an admin head of a ministry, for that ministry; others get 403, before the input "
    "is looked at."
)
ARCHIVED = conflict(
    gettext_lazy("the document has been handed to the archive; its marking is final.")
)
# The audit events shown as the entry's changes and requests, as on the journal page.
CHANGE_KINDS = {"record.marked": "marked", "record.marking_change_requested": "requested"}
CHANGE_CHOICES = [
    ("marked", gettext_lazy("The marking was changed")),
    ("requested", gettext_lazy("A change was asked for")),
]


class MarkingChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text=gettext_lazy("When it happened."))
    by = serializers.CharField(help_text=gettext_lazy("Who changed or asked: the full name."))
    kind = serializers.ChoiceField(choices=CHANGE_CHOICES)
    access = serializers.CharField(help_text=gettext_lazy("The marking set or asked for."))
    note = serializers.CharField(help_text=gettext_lazy("The reason given."))


class RecordSerializer(JournalEntrySerializer):
    document_number = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("YYYY/NNNNN-N; null until it is registered.")
    )
    case_number = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("YYYY/NNNNN; null until the case has a number.")
    )
    registered_on = serializers.DateField(
        allow_null=True, help_text=gettext_lazy("The journal date; null until it is registered.")
    )
    legal_basis_code = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy("Code of the legal basis, as the marking takes it; or null."),
    )
    screened_title = serializers.CharField(
        help_text=gettext_lazy("The title shown to those who may not read; may be empty.")
    )
    readable = serializers.BooleanField(
        help_text=gettext_lazy("True when the caller may read the document itself.")
    )
    archived = serializers.BooleanField(
        help_text=gettext_lazy("True when it has been handed to the archive: the marking is final.")
    )
    may_mark = serializers.BooleanField(
        help_text=gettext_lazy("True when the caller may change the marking.")
    )
    may_request = serializers.BooleanField(
        help_text=gettext_lazy("True when the caller may ask for a change of the marking.")
    )
    changes = MarkingChangeSerializer(
        many=True,
        help_text=gettext_lazy(
            "Changes of the marking and requests for one, newest first; only for those who "
            "may change the marking, empty for others."
        ),
    )


class MarkingInput(serializers.Serializer):
    access = serializers.ChoiceField(choices=Access.choices)
    legal_basis = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=40,
        help_text=gettext_lazy(
            "Code of the legal basis, e.g. offl-14-1; required when exempt or partly exempt."
        ),
    )
    screened_title = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SCREENED_TITLE_MAX,
        help_text=gettext_lazy("Shown instead of the title to those who may not read it."),
    )
    reason = serializers.CharField(
        max_length=REASON_MAX, help_text=gettext_lazy("Why the marking is changed.")
    )


class MarkingRequestInput(serializers.Serializer):
    access = serializers.ChoiceField(
        choices=Access.choices, help_text=gettext_lazy("The marking asked for.")
    )
    reason = serializers.CharField(
        max_length=REASON_MAX, help_text=gettext_lazy("Why the marking should change.")
    )


class MarkingRequestSerializer(serializers.ModelSerializer):
    ministry = serializers.CharField(
        source="ministry.abbreviation", help_text=gettext_lazy("The asking ministry.")
    )
    requested_by = serializers.CharField(
        source="requested_by.username", help_text=gettext_lazy("User name of who asked.")
    )

    class Meta:
        model = MarkingChangeRequest
        fields = ["id", "ministry", "requested_by", "access", "reason", "created_at", "outcome"]


def _record(request: Any, pk: int) -> Record:
    """The entry; one not yet registered exists only for those who mark (as on the page)."""
    record = (
        Record.objects.select_related(
            "case__proposal__forum", "case__meeting__forum", "legal_basis", "sender"
        )
        .filter(pk=pk)
        .first()
    )
    if record is None or (record.document_number is None and not can_mark_records(request.user)):
        raise Http404
    return record


def record_data(request: Any, record: Record) -> dict:
    user = request.user
    may_mark = can_mark_records(user)
    readable = can_read_record(user, record)
    events = (
        AuditEvent.objects.filter(
            kind__in=list(CHANGE_KINDS),
            target_type__model="record",
            target_id=str(record.pk),
        ).order_by("-occurred_at", "-id")
        if may_mark
        else []
    )
    return {
        **journal_entry(record, readable),
        "legal_basis_code": record.legal_basis.code if record.legal_basis is not None else None,
        "screened_title": record.screened_title,
        "readable": readable,
        "archived": record.archived_at is not None,
        "may_mark": may_mark,
        "may_request": can_request_marking_change(user),
        "changes": [
            {
                "at": event.occurred_at,
                "by": event.actor_label,
                "kind": CHANGE_KINDS[event.kind],
                "access": (event.after or {}).get("access", ""),
                "note": event.note,
            }
            for event in events
        ],
    }


class RecordAPIView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    queryset = Record.objects.all()  # names the path's id in the schema
    serializer_class = RecordSerializer

    @operation_doc(
        operation_id="journal_record",
        summary=gettext_lazy("One journal entry"),
        description=gettext_lazy(
            "The entry with its marking, legal basis and the ministries' references, the "
            "title the caller may see, what the caller may do with the marking, and (for "
            "those who may change it) the changes of the marking and the requests for one."
        ),
        permissions=gettext_lazy(
            "Any logged-in user, for a registered document; a document not yet registered "
            "only for the secretariat and the coordinator (404 for others)."
        ),
    )
    def get(self, request, pk: int):
        return Response(RecordSerializer(record_data(request, _record(request, pk))).data)


class RecordMarkingAPIView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    queryset = Record.objects.all()  # names the path's id in the schema
    serializer_class = MarkingInput

    @operation_doc(
        operation_id="journal_record_mark",
        summary=gettext_lazy("Change the access marking of a document"),
        description=gettext_lazy(
            "Sets the marking (public, exempt or partly exempt), its legal basis and the "
            "screened title, with the reason; the change is audited. Open requests that asked "
            "for this marking are answered."
        ),
        permissions=MARKERS_ONLY,
        request=MarkingInput,
        responses={200: RecordSerializer, 409: ARCHIVED},
    )
    def put(self, request, pk: int):
        record = _record(request, pk)
        if not can_mark_records(request.user):
            raise PermissionDenied(_("Only the secretariat and the coordinator mark documents."))
        data = MarkingInput(data=request.data)
        data.is_valid(raise_exception=True)
        record_mark(actor=request.user, record=record, **data.validated_data)
        return Response(RecordSerializer(record_data(request, _record(request, pk))).data)


class MarkingRequestsAPIView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    queryset = Record.objects.all()  # names the path's id in the schema
    serializer_class = MarkingRequestSerializer
    pagination_class = None

    @operation_doc(
        operation_id="journal_record_marking_requests",
        summary=gettext_lazy("Requests to change the marking of a document"),
        description=gettext_lazy(
            "The admin heads' requests to change the document's marking, newest first, with "
            "the reason and whether the marking was changed as asked."
        ),
        permissions=gettext_lazy(
            "Only the secretariat and the coordinator, who decide on them; others get 403."
        ),
        responses={
            200: MarkingRequestSerializer(many=True),
            403: OpenApiResponse(ErrorDetailSerializer, description=FORBIDDEN),
        },
    )
    def get(self, request, pk: int):
        record = _record(request, pk)
        if not can_mark_records(request.user):
            raise PermissionDenied(_("Only the secretariat and the coordinator mark documents."))
        requests = record.change_requests.select_related("ministry", "requested_by")
        return Response(MarkingRequestSerializer(requests, many=True).data)

    @operation_doc(
        operation_id="journal_record_marking_request",
        summary=gettext_lazy("Ask for a change of the marking of a document"),
        description=gettext_lazy(
            "Asks the secretariat and the coordinator to change the document's marking, with "
            "the reason; the request is audited and names the caller's ministry."
        ),
        permissions=ADMIN_HEADS_ONLY,
        request=MarkingRequestInput,
        responses={201: MarkingRequestSerializer, 409: ARCHIVED},
    )
    def post(self, request, pk: int):
        record = _record(request, pk)
        if not can_request_marking_change(request.user):
            raise PermissionDenied(_("Only an admin head may ask for a change of marking."))
        data = MarkingRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        made = marking_change_request(actor=request.user, record=record, **data.validated_data)
        made = MarkingChangeRequest.objects.select_related("ministry", "requested_by").get(
            pk=made.pk
        )
        return Response(MarkingRequestSerializer(made).data, status=status.HTTP_201_CREATED)
