"""GET /api/v1/journal/ and /api/v1/journal/export.xml: the journal, as JSON and as Noark 5."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request

from forums.models import Record
from forums.records.public_journal import write_public_journal
from forums.selectors.journal import (
    JournalFilter,
    case_references,
    forum_of,
    journal_entries,
    journal_filter_parse,
    readable_record_ids,
    title_for,
)
from portfolio.api_docs import (
    NOT_AUTHENTICATED,
    ErrorDetailSerializer,
    FieldErrorsSerializer,
    operation_doc,
)
from portfolio.caching import cached_api

WHO_MAY_READ = gettext_lazy(
    "Any logged-in user sees every entry. The title of an exempt or partly exempt document is "
    "its screened title unless the caller may read the document: the ministries taking part "
    "in the case (admin heads and measure leads), the coordinator and the secretariat."
)
PERIOD = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        OpenApiParameter.QUERY,
        required=True,
        description=gettext_lazy("First journal date of the period, YYYY-MM-DD."),
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        OpenApiParameter.QUERY,
        required=True,
        description=gettext_lazy("Last journal date of the period, YYYY-MM-DD; not before from."),
    ),
]


class JournalEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text=gettext_lazy(
            "Numeric id of the entry: it names the document at /api/v1/journal/records/{id}/."
        )
    )
    document_number = serializers.CharField(help_text=gettext_lazy("YYYY/NNNNN-N."))
    case_number = serializers.CharField(help_text=gettext_lazy("YYYY/NNNNN."))
    title = serializers.CharField(
        help_text=gettext_lazy("The title, or the screened title for a caller who may not read.")
    )
    screened = serializers.BooleanField(
        help_text=gettext_lazy("True when the title shown is the screened title.")
    )
    kind = serializers.ChoiceField(choices=Record.Kind.choices)
    access = serializers.CharField(help_text=gettext_lazy("public, exempt or partly_exempt."))
    legal_basis = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("The legal basis, e.g. offl. § 14; or null.")
    )
    registered_on = serializers.DateField(help_text=gettext_lazy("The journal date."))
    forum = serializers.CharField(help_text=gettext_lazy("Slug of the forum of the case."))
    sender = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("Abbreviation of the sending ministry, or null.")
    )
    recipients = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Abbreviations of the recipients.")
    )
    references = serializers.DictField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Each ministry's own case or document number for the case."),
    )


def journal_entry(record: Record, readable: bool) -> dict:
    """One entry as the API shows it, with the title this reader may see."""
    title = title_for(record, readable=readable)
    return {
        "id": record.pk,
        "document_number": record.document_number,
        "case_number": record.case.case_number or None,
        "title": title,
        "screened": title != record.title,
        "kind": record.kind,
        "access": record.access,
        "legal_basis": record.legal_basis.citation if record.legal_basis is not None else None,
        "registered_on": record.registered_on,
        "forum": forum_of(record).slug,
        "sender": record.sender.abbreviation if record.sender is not None else None,
        "recipients": [ministry.abbreviation for ministry in record.recipients.all()],
        "references": {
            ref.ministry.abbreviation: ref.reference for ref in case_references(record.case)
        },
    }


class JournalPageSerializer(serializers.Serializer):
    """One page of the journal, as the API's paginator writes it."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = JournalEntrySerializer(many=True)


class _PeriodAPIView(GenericAPIView):
    """A view of the journal of one period, for any logged-in user."""

    permission_classes = [IsAuthenticated]

    def filters(self, request: Request) -> JournalFilter:
        # Bad input raises Django's ValidationError: the API's one error handler makes it a 400.
        return journal_filter_parse(request.query_params, require_period=True)


class JournalAPIView(_PeriodAPIView):
    """The journal of a period, page by page."""

    serializer_class = JournalEntrySerializer

    @operation_doc(
        operation_id="journal_list",
        summary=gettext_lazy("The journal"),
        description=gettext_lazy(
            "The documents registered in the journal in the period, in journal order: "
            "document number, case number, title, marking, legal basis and journal date."
        ),
        permissions=WHO_MAY_READ,
        parameters=PERIOD,
        responses=JournalPageSerializer,
    )
    @cached_api
    def get(self, request):
        records = journal_entries(filters=self.filters(request)).prefetch_related("recipients")
        page = self.paginate_queryset(records)
        readable = readable_record_ids(user=request.user, records=page)
        entries = [journal_entry(record, record.pk in readable) for record in page]
        return self.get_paginated_response(JournalEntrySerializer(entries, many=True).data)


class XMLRenderer(BaseRenderer):
    media_type = "application/xml"
    format = "xml"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class JournalExportView(_PeriodAPIView):
    """The public journal of a period in the Noark 5 format (offentligJournal.xsd)."""

    renderer_classes = [XMLRenderer]
    pagination_class = None

    def perform_content_negotiation(self, request, force=False):
        # One format only, whatever Accept says; errors switch to JSON below.
        return (XMLRenderer(), XMLRenderer.media_type)

    def handle_exception(self, exc):
        # Errors are JSON even when XML was asked for: one error shape everywhere.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @operation_doc(
        operation_id="journal_export",
        summary=gettext_lazy("The public journal as Noark 5 XML"),
        description=gettext_lazy(
            "The public journal of the period in the offentlig journal format of Noark 5 "
            "(offentligJournal.xsd, version 5.0). Exempt documents always show their screened "
            "title here, whoever asks."
        ),
        permissions=gettext_lazy("Any logged-in user; the content is the same for everyone."),
        parameters=PERIOD,
        responses={
            (200, "application/xml"): OpenApiTypes.STR,
            (400, "application/json"): OpenApiResponse(
                FieldErrorsSerializer,
                description=gettext_lazy("Bad input: a date is missing, malformed or reversed."),
            ),
            (401, "application/json"): OpenApiResponse(
                ErrorDetailSerializer, description=NOT_AUTHENTICATED
            ),
            (404, "application/json"): OpenApiResponse(
                ErrorDetailSerializer,
                description=gettext_lazy("No document was registered in the period."),
            ),
        },
    )
    def get(self, request):
        filters = self.filters(request)
        records = journal_entries(filters=filters).prefetch_related("recipients")
        count = records.count()
        if not count:
            # The format needs at least one entry; an empty journal is "nothing found".
            raise NotFound(_("No document was registered in the period."))
        out = io.BytesIO()
        write_public_journal(
            out, start=filters.start, end=filters.end, records=records.iterator(2000), count=count
        )
        response = HttpResponse(out.getvalue(), content_type="application/xml; charset=utf-8")
        name = f"offentlig-journal-{filters.start}-{filters.end}.xml"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
