"""API for the benefits of measures and the measured values of their indicators, written by the
measure's lead ministry through the same services as the measure's pages."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from measures.api.corrections import CorrectionReasonInput, correcting
from measures.api.delivery import MEASURE_FIXED
from measures.api.follow_up import LEAD_MINISTRY, WriteViewSet
from measures.api.strategy_lists import StrategyListMixin
from measures.models import Benefit, BenefitMeasurement, Measure
from measures.services.benefits import (
    BENEFIT_FIELDS,
    benefit_measurement_record,
    benefit_save,
)
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, SlugRelatedField


class MeasurementSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    class Meta:
        model = BenefitMeasurement
        fields = ["measured_on", "value", "comment", "correction_reason"]
        validators = []  # one value per day: the service replaces the one already recorded
        extra_kwargs = {
            "measured_on": {"help_text": _("The day the indicator was measured.")},
            "value": {"help_text": _("The indicator's value on that day, in its unit.")},
        }


class BenefitSerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code", queryset=Measure.objects.all(), help_text=MEASURE_FIXED
    )
    measurements = MeasurementSerializer(
        many=True,
        read_only=True,
        help_text=_("The measured values of the indicator, oldest first."),
    )

    class Meta:
        model = Benefit
        fields = ["id", "measure", *BENEFIT_FIELDS, "measurements", "correction_reason"]
        extra_kwargs = {
            "indicator": {"help_text": _("What is measured to show the benefit.")},
            "baseline": {"help_text": _("The indicator's value before the measure.")},
            "target": {"help_text": _("The indicator's value the measure aims for.")},
            "target_on": {"help_text": _("When the target should be reached.")},
        }

    def create(self, validated_data):
        measure = validated_data.pop("measure")
        return benefit_save(actor=self.context["request"].user, measure=measure, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("measure", None)  # a benefit stays with its measure
        return benefit_save(
            actor=self.context["request"].user,
            measure=instance.measure,
            benefit=instance,
            **validated_data,
        )


class BenefitFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")

    class Meta:
        model = Benefit
        fields = ["measure"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List benefits"),
        description=_(
            "The expected benefits of the measures, each with its indicator, baseline, target "
            "and measured values. Filter by measure, and choose the strategy period (the "
            "current one by default)."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=_("Get a benefit"),
        description=_("One benefit of a measure with its measured values."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Add a benefit"),
        description=_("Adds an expected benefit with its indicator to a measure."),
        permissions=LEAD_MINISTRY,
    ),
    update=operation_doc(
        summary=_("Change a benefit"),
        description=_("Changes a benefit; it stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
    partial_update=operation_doc(
        summary=_("Change part of a benefit"),
        description=_("Changes the fields given; the benefit stays with its measure."),
        permissions=LEAD_MINISTRY,
    ),
)
class BenefitViewSet(StrategyListMixin, WriteViewSet):
    """Benefits of measures; the measure's lead ministry writes them and their measurements."""

    serializer_class = BenefitSerializer
    filterset_class = BenefitFilter
    queryset = (
        Benefit.objects.select_related("measure__lead_ministry")
        .prefetch_related("measurements")
        .order_by("measure__code", "id")
    )

    @operation_doc(
        summary=_("Record a measured value"),
        description=_(
            "Stores the indicator's value on a day: 201 when the day is new, 200 when it "
            "replaces the value already recorded for that day. Answers with the benefit."
        ),
        permissions=LEAD_MINISTRY,
        request=MeasurementSerializer,
        responses={
            201: OpenApiResponse(BenefitSerializer, description=_("The value was recorded.")),
            200: OpenApiResponse(BenefitSerializer, description=_("The value was replaced.")),
        },
    )
    @action(detail=True, methods=["post"])
    def measurements(self, request, pk=None):
        benefit = self.get_object()  # 403 for whoever may not write the measure, before input
        data = MeasurementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        replaces = benefit.measurements.filter(
            measured_on=data.validated_data["measured_on"]
        ).exists()
        with correcting(data):
            benefit_measurement_record(actor=request.user, benefit=benefit, **data.validated_data)
        benefit = self.get_queryset().get(pk=benefit.pk)
        code = status.HTTP_200_OK if replaces else status.HTTP_201_CREATED
        return Response(self.get_serializer(benefit).data, status=code)
