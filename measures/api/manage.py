"""The coordinator's API for the portfolio itself: new measures, lifecycle, lead ministry.

Actions on /api/v1/measures/: POST creates, POST {code}/transition/ moves the measure through
its lifecycle (prioritised and active need an endorsed proposal that covers it), POST
{code}/lead/ changes its lead ministry from a date. Each asks "may you?" before the input.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from measures.api.corrections import CorrectionReasonInput, correcting
from measures.api.follow_up import COORDINATOR_ONLY
from measures.models import Measure, MeasureLead
from measures.permissions import can_coordinate_follow_up, may_correct_measure
from measures.services.lifecycle import measure_transition
from measures.services.measures import DESCRIPTION_MAX, measure_create, measure_lead_change
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import SlugRelatedField, refuse_nul
from portfolio.models import Ministry, TargetArea

MINISTRY_CODE = _("Abbreviation of a ministry, e.g. DFD.")


def _text(max_length: int, *, required: bool = False, help_text=None):
    return serializers.CharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        validators=[refuse_nul],
        help_text=help_text,
    )


class MeasureCreateInput(serializers.Serializer):
    code = _text(10, required=True, help_text=_("Capital letters, digits and hyphens, e.g. T8."))
    name_nb = _text(200, required=True)
    name_nn = _text(200)
    name_en = _text(200)
    description_nb = _text(DESCRIPTION_MAX)
    description_en = _text(DESCRIPTION_MAX)
    lead_ministry = SlugRelatedField(
        slug_field="abbreviation", queryset=Ministry.objects.all(), help_text=MINISTRY_CODE
    )
    target_areas = SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=TargetArea.objects.all(),
        help_text=_("Codes of the target areas, e.g. MO1; at least one."),
    )
    participating_ministries = SlugRelatedField(
        slug_field="abbreviation",
        many=True,
        required=False,
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviations of the ministries taking part."),
    )


class TransitionInput(CorrectionReasonInput, serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Measure.Status.choices)
    decided_on = serializers.DateField(
        required=False, help_text=_("Date of the decision; today when left out.")
    )
    decision = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text=_(
            "Id of the endorsed proposal that covers the measure; prioritised and active need one."
        ),
    )
    note = _text(4000)


class LeadInput(CorrectionReasonInput, serializers.Serializer):
    lead_ministry = SlugRelatedField(
        slug_field="abbreviation", queryset=Ministry.objects.all(), help_text=MINISTRY_CODE
    )
    valid_from = serializers.DateField(
        help_text=_("The first day the ministry leads the measure; today or earlier.")
    )


class LeadOutput(serializers.ModelSerializer):
    ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

    class Meta:
        model = MeasureLead
        fields = ["ministry", "valid_from", "valid_to"]


CORRECTING = _(
    "Only the coordinator (coordinator role in the coordinating ministry) and portal "
    "administrators; others get 403. A measure of a closed strategy period only the "
    "secretariat corrects, with a reason (correction_reason); others get 409."
)


def _ensure_coordinator(user, measure: Measure | None = None) -> None:
    """The coordinator; for a measure of a closed strategy period also the secretariat."""
    if can_coordinate_follow_up(user):
        return
    if measure is None or not may_correct_measure(user=user, measure=measure):
        raise PermissionDenied(_("Only the coordinator may do this."))


class MeasureManageActions:
    """Mixed into MeasureViewSet: the coordinator's writes."""

    def _measure_data(self, measure: Measure, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=measure.pk)  # type: ignore[attr-defined]
        return Response(self.get_serializer(fresh).data, status=code)  # type: ignore[attr-defined]

    @operation_doc(
        summary=_("Create a measure"),
        description=_(
            "Adds a measure to the portfolio as proposed, at the end of the list; its lead "
            "history starts with the lead ministry."
        ),
        permissions=COORDINATOR_ONLY,
        request=MeasureCreateInput,
    )
    def create(self, request):
        _ensure_coordinator(request.user)
        data = MeasureCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        measure = measure_create(actor=request.user, **data.validated_data)
        return self._measure_data(measure, status.HTTP_201_CREATED)

    @operation_doc(
        summary=_("Change the status of a measure"),
        description=_(
            "Moves the measure to its next lifecycle status. Prioritised and active need the "
            "id of an endorsed proposal that covers the measure; the change links to it."
        ),
        permissions=CORRECTING,
        request=TransitionInput,
        responses={
            409: conflict(_("The measure cannot move from its status to the one asked for."))
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, code=None):
        measure = self.get_object()
        _ensure_coordinator(request.user, measure)
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        with correcting(data):
            measure_transition(actor=request.user, measure=measure, **data.validated_data)
        return self._measure_data(measure)

    @operation_doc(
        summary=_("Change the lead ministry of a measure"),
        description=_(
            "From the date given (today or earlier) the ministry leads the measure; the lead "
            "before it ends the day before. Answers with the dated lead history."
        ),
        permissions=CORRECTING,
        request=LeadInput,
        responses={
            200: LeadOutput(many=True),
            409: conflict(_("The measure belongs to a closed strategy period.")),
        },
    )
    @action(detail=True, methods=["post"])
    def lead(self, request, code=None):
        measure = self.get_object()
        _ensure_coordinator(request.user, measure)
        data = LeadInput(data=request.data)
        data.is_valid(raise_exception=True)
        with correcting(data):
            measure_lead_change(actor=request.user, measure=measure, **data.validated_data)
        leads = measure.leads.select_related("ministry")
        return Response(LeadOutput(leads, many=True).data)
