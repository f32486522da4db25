"""API for the dependencies between measures: the measure's lead ministry records that its
measure needs something from another, through the same service as the measure's page."""

from typing import cast

import django_filters
from django.forms import CharField
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from measures.api.corrections import CorrectionMixin, CorrectionReasonInput
from measures.api.follow_up import LEAD_MINISTRY, MayWrite
from measures.forms import DependencyForm
from measures.models import Measure, MeasureDependency
from measures.permissions import (
    can_write_measure,
    may_correct_some_measure,
    may_write_follow_up,
)
from measures.services.delivery import dependency_add
from portfolio.api_docs import ANY_USER, operation_doc
from portfolio.api_fields import SlugRelatedField

DESCRIPTION_MAX = cast(CharField, DependencyForm.base_fields["description"]).max_length


class DependencySerializer(CorrectionReasonInput, serializers.ModelSerializer):
    measure = SlugRelatedField(
        slug_field="code",
        queryset=Measure.objects.all(),
        help_text=_("Code of the measure that depends on the other, e.g. T5."),
    )
    depends_on = SlugRelatedField(
        slug_field="code",
        queryset=Measure.objects.all(),
        help_text=_("Code of the measure it depends on; not the measure itself."),
    )

    class Meta:
        model = MeasureDependency
        fields = ["id", "measure", "depends_on", "description", "correction_reason"]
        validators = []  # one per pair and not on itself: the service says so, translated
        extra_kwargs = {
            # As on the measure's page: a note, not a document.
            "description": {
                "max_length": DESCRIPTION_MAX,
                "help_text": _("What the measure needs from the other."),
            }
        }

    def create(self, validated_data):
        return dependency_add(actor=self.context["request"].user, **validated_data)


class DependencyFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__code")
    depends_on = django_filters.CharFilter(
        field_name="depends_on__code", help_text=_("Code of the measure depended on, e.g. T6.")
    )

    class Meta:
        model = MeasureDependency
        fields = ["measure", "depends_on"]


@extend_schema_view(
    list=operation_doc(
        summary=_("List dependencies"),
        description=_(
            "Which measures depend on which. Filter by the measure that depends, or by the one "
            "depended on."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=_("Get a dependency"),
        description=_("One dependency between two measures."),
        permissions=ANY_USER,
    ),
    create=operation_doc(
        summary=_("Add a dependency"),
        description=_(
            "Records that a measure depends on another measure; each pair once, and never a "
            "measure on itself."
        ),
        permissions=LEAD_MINISTRY,
    ),
)
class DependencyViewSet(
    CorrectionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Dependencies between measures; the depending measure's lead ministry adds them."""

    serializer_class = DependencySerializer
    filterset_class = DependencyFilter
    permission_classes = [IsAuthenticated, MayWrite]
    queryset = MeasureDependency.objects.select_related("measure", "depends_on").order_by(
        "measure__code", "depends_on__code", "id"
    )

    def may_write(self, user) -> bool:
        return may_write_follow_up(user) or may_correct_some_measure(user)

    def may_write_object(self, user, obj) -> bool:
        return can_write_measure(user=user, measure=obj.measure)
