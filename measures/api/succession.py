"""POST /api/v1/strategies/{slug}/successor/: the successor strategy, carrying measures over."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.response import Response

from measures.models import Measure
from measures.services.succession import Named, strategy_successor_create
from portfolio.api_docs import operation_doc
from portfolio.api_fields import refuse_nul
from portfolio.evaluation.api import SLUG, AuthenticatedAPIView, StrategySerializer, _strategy
from portfolio.permissions import ensure
from portfolio.strategy_api import COORDINATOR_ONLY, strategy_row
from portfolio.strategy_closing import may_close_strategy


class NamedInput(serializers.Serializer):
    name_nb = serializers.CharField(max_length=200, validators=[refuse_nul])
    name_en = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[refuse_nul]
    )


class CriterionInput(NamedInput):
    code = serializers.CharField(
        max_length=2, validators=[refuse_nul], help_text=_("The criterion's letter, e.g. A.")
    )


class SuccessorInput(serializers.Serializer):
    title_nb = serializers.CharField(max_length=200, validators=[refuse_nul])
    title_en = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[refuse_nul]
    )
    period_start = serializers.IntegerField(min_value=2000, max_value=2100)
    period_end = serializers.IntegerField(min_value=2000, max_value=2100)
    overall_goal_nb = serializers.CharField(max_length=5000, validators=[refuse_nul])
    overall_goal_en = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, validators=[refuse_nul]
    )
    target_areas = serializers.ListField(child=NamedInput(), min_length=1, max_length=50)
    criteria = serializers.ListField(child=CriterionInput(), min_length=1, max_length=20)
    measures = serializers.ListField(
        child=serializers.CharField(max_length=10, validators=[refuse_nul]),
        required=False,
        max_length=500,
        help_text=_("Codes of the measures to carry over, e.g. T1."),
    )


class StrategySuccessorAPIView(AuthenticatedAPIView):
    @operation_doc(
        operation_id="strategies_successor_create",
        summary=_("Create the successor of a strategy"),
        description=_(
            "Creates the next strategy with its period, target areas and criteria, and carries "
            "the chosen measures over: each becomes a measure of the successor (its code "
            "prefixed with the first year, e.g. 2026-T1) that links to its predecessor."
        ),
        permissions=COORDINATOR_ONLY,
        parameters=[SLUG],
        request=SuccessorInput,
        responses={201: StrategySerializer},
    )
    def post(self, request, slug: str):
        ensure(may_close_strategy(request.user))  # before the input is read
        predecessor = _strategy(slug)
        data = SuccessorInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        codes = values.pop("measures", [])
        measures = list(Measure.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {measure.code for measure in measures})
        if unknown:
            message = _("No measure has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            raise serializers.ValidationError({"measures": [message]})
        successor = strategy_successor_create(
            actor=request.user,
            predecessor=predecessor,
            measures=measures,
            target_areas=[Named(**area) for area in values.pop("target_areas")],
            criteria=[Named(**criterion) for criterion in values.pop("criteria")],
            **values,
        )
        return Response(
            StrategySerializer(strategy_row(successor)).data, status=status.HTTP_201_CREATED
        )
