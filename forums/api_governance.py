"""GET and PUT /api/v1/measures/{code}/governance/: the governance of a measure."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from forums.models import Forum, MeasureGovernance
from forums.services.governance import governance_of, measure_governance_set
from measures.models import Measure
from measures.permissions import can_coordinate_follow_up
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import SlugRelatedField
from portfolio.models import Ministry

COORDINATOR_ONLY = _(
    "Only the coordinator (coordinator role in the coordinating ministry) and portal "
    "administrators; others get 403."
)


class GovernanceSerializer(serializers.Serializer):
    forum = SlugRelatedField(
        slug_field="slug",
        queryset=Forum.objects.all(),
        help_text=_("Slug of the forum that takes the decisions, e.g. strategisk-forum."),
    )
    participation = serializers.ChoiceField(
        choices=MeasureGovernance.Participation.choices,
        help_text=_("owners: every ministry with a seat in the forum; named: the ministries."),
    )
    ministries = SlugRelatedField(
        slug_field="abbreviation",
        many=True,
        required=False,
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviations of the ministries taking part, when they are named."),
    )
    reporting_cadence = serializers.ChoiceField(
        choices=MeasureGovernance.Cadence.choices,
        help_text=_(
            "every_period: a status report in every reporting period; half_yearly: in the "
            "periods that include June or December; yearly: in the period that includes December."
        ),
    )
    recorded = serializers.BooleanField(
        read_only=True, help_text=_("False while the default governance applies.")
    )


class MeasureGovernanceView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = GovernanceSerializer

    def _measure(self, code: str) -> Measure:
        return get_object_or_404(Measure, code=code)

    def _data(self, measure: Measure) -> Response:
        governance = governance_of(measure)
        recorded = governance.pk is not None
        return Response(
            {
                "forum": governance.forum.slug,
                "participation": governance.participation,
                "ministries": sorted(m.abbreviation for m in governance.ministries.all())
                if recorded
                else [],
                "reporting_cadence": governance.reporting_cadence,
                "recorded": recorded,
            }
        )

    @operation_doc(
        summary=_("Get the governance of a measure"),
        description=_(
            "Which forum takes the decisions on the measure, which ministries take part and "
            "how often it reports. Without recorded settings: Strategisk forum, all owners, "
            "every reporting period."
        ),
        permissions=ANY_USER,
    )
    def get(self, request, code: str):
        return self._data(self._measure(code))

    @operation_doc(
        summary=_("Set the governance of a measure"),
        description=_(
            "Sets the decision forum (one that takes decisions), who takes part (all owners, "
            "or named ministries) and the reporting cadence. Proposals opened later about the "
            "measure take their participants from it."
        ),
        permissions=COORDINATOR_ONLY,
    )
    def put(self, request, code: str):
        measure = self._measure(code)
        if not can_coordinate_follow_up(request.user):
            raise PermissionDenied(_("Only the coordinator may do this."))
        data = GovernanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.setdefault("ministries", [])
        measure_governance_set(actor=request.user, measure=measure, **values)
        return self._data(measure)
