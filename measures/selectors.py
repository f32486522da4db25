"""Reads of measures and core groups, shaped for pages and the API with a fixed query count."""

from django.db.models import Prefetch, QuerySet

from measures.models import CoreGroup, Measure
from portfolio.models import Ministry


def measure_list() -> QuerySet[Measure]:
    """Every measure, with what list pages show, in a constant number of queries."""
    return Measure.objects.select_related("lead_ministry").prefetch_related("target_areas")


def measure_detail(*, code: str) -> Measure:
    """One measure by code with its ministries, target areas and core groups."""
    return (
        measure_list()
        .prefetch_related(
            Prefetch(
                "participating_ministries", queryset=Ministry.objects.order_by("abbreviation")
            ),
            Prefetch(
                "core_groups",
                queryset=CoreGroup.objects.select_related("lead_ministry").prefetch_related(
                    "participating_ministries"
                ),
            ),
        )
        .get(code=code)
    )
