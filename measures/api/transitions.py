"""The coordinator's change of a measure's lifecycle status, as on the measure's page."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from measures.api.follow_up import COORDINATOR_ONLY
from measures.api.measures import MeasureOutputSerializer, MeasureViewSet
from measures.models import Measure
from measures.permissions import can_coordinate_follow_up
from measures.services.lifecycle import measure_transition
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import refuse_nul


class TransitionInput(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=Measure.Status.choices,
        help_text=_(
            "The next status: proposed → assessed → prioritised → active → completed, or "
            "stopped from any status before completed."
        ),
    )
    decided_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("Date of the decision; today if left out.")
    )
    decided_in = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        validators=[refuse_nul],
        help_text=_("Reference to the decision, e.g. the forum meeting and item (SF 2027/04)."),
    )
    note = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default="", validators=[refuse_nul]
    )


class MeasureActionViewSet(MeasureViewSet):
    """The measures, read by everyone; the coordinator moves them through their lifecycle."""

    @operation_doc(
        summary=_("Change the status of a measure"),
        description=_(
            "Moves the measure to its next lifecycle status, with the date of the decision "
            "and where it was made; the change is kept in the measure's history. Answers with "
            "the measure."
        ),
        permissions=COORDINATOR_ONLY,
        request=TransitionInput,
        responses={
            200: MeasureOutputSerializer,
            409: conflict(_("The measure cannot move from its status to the one asked for.")),
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, code=None):
        measure = self.get_object()
        if not can_coordinate_follow_up(request.user):  # 403 before anything about the input
            raise PermissionDenied(_("You may not make this change."))
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        measure_transition(actor=request.user, measure=measure, **data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=measure.pk)).data)
