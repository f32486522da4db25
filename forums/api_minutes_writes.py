"""The secretariat's writes to minutes beyond the review workflow: starting the minutes of a
meeting, and editing or removing an entry, through the same services as the minutes page."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.decorators import action

from forums.api_minutes import SECRETARIAT_ONLY, MinutesOutputSerializer, MinutesViewSet
from forums.models import Meeting, MinutesEntry
from forums.permissions import ensure_may_edit_minutes
from forums.services import minutes as minutes_services
from forums.services.entries import minutes_entry_edit
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import SlugRelatedField, refuse_nul
from portfolio.models import Ministry

ENTRY = OpenApiParameter(
    "entry",
    int,
    OpenApiParameter.PATH,
    description=_("Numeric id of an entry of these minutes."),
)
FROZEN = conflict(_("The minutes are approved; start a correction instead."))


class StartInput(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        help_text=_("Numeric id of a meeting that is not cancelled and has no minutes yet."),
    )


class EntryEditInput(serializers.Serializer):
    """What is left out stays as it is."""

    text = serializers.CharField(max_length=5000, required=False, validators=[refuse_nul])
    owner_ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.owners(),
        required=False,
        allow_null=True,
        help_text=_("Abbreviation of the ministry that owns a follow-up action."),
    )
    due_date = serializers.DateField(
        required=False, allow_null=True, help_text=_("Due date of a follow-up action.")
    )


class MinutesWriteViewSet(MinutesViewSet):
    """Minutes with the review workflow, and the secretariat's start, edit and removal."""

    @operation_doc(
        summary=_("Start the minutes of a meeting"),
        description=_(
            "Creates the first draft of a meeting's minutes, with no entries yet. Answers with "
            "the draft."
        ),
        permissions=SECRETARIAT_ONLY,
        request=StartInput,
        responses={
            201: MinutesOutputSerializer,
            409: conflict(_("The meeting is cancelled, or already has minutes.")),
        },
    )
    def create(self, request):
        ensure_may_edit_minutes(request.user)  # 403 before anything about the input
        data = StartInput(data=request.data)
        data.is_valid(raise_exception=True)
        minutes = minutes_services.minutes_create(
            actor=request.user, meeting=data.validated_data["meeting"]
        )
        return self._done(minutes, status.HTTP_201_CREATED)

    def _entry(self, request, pk, entry) -> MinutesEntry:
        minutes = self.get_object()
        ensure_may_edit_minutes(request.user)
        return get_object_or_404(
            MinutesEntry.objects.select_related("minutes"), pk=entry, minutes=minutes
        )

    @operation_doc(
        summary=_("Edit an entry of minutes"),
        description=_(
            "Changes the text of an entry of minutes in draft or review (for instance after "
            "an accepted change request), and a follow-up action's owner and due date, which "
            "its open action follows. What is left out stays as it is. Answers with the "
            "minutes."
        ),
        permissions=SECRETARIAT_ONLY,
        parameters=[ENTRY],
        request=EntryEditInput,
        responses={200: MinutesOutputSerializer, 409: FROZEN},
    )
    @action(detail=True, methods=["patch"], url_path=r"entries/(?P<entry>[0-9]+)")
    def entry(self, request, pk=None, entry=None):
        found = self._entry(request, pk, entry)
        data = EntryEditInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {
            "text": found.text,
            "owner_ministry": found.owner_ministry,
            "due_date": found.due_date,
            **data.validated_data,
        }
        minutes_entry_edit(actor=request.user, entry=found, **values)
        return self._done(found.minutes)

    @operation_doc(
        summary=_("Remove an entry from minutes"),
        description=_(
            "Removes an entry from minutes that are not approved; a follow-up action made "
            "from it is detached. Answers with the minutes."
        ),
        permissions=SECRETARIAT_ONLY,
        parameters=[ENTRY],
        request=None,
        responses={200: MinutesOutputSerializer, 409: FROZEN},
    )
    @entry.mapping.delete
    def entry_delete(self, request, pk=None, entry=None):
        found = self._entry(request, pk, entry)
        minutes_services.minutes_entry_delete(actor=request.user, entry=found)
        return self._done(found.minutes)
