"""Serializer fields shared by the APIs of the apps."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from portfolio.models import Strategy
from portfolio.selectors import StrategyChoice, strategy_choice


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's field, refusing a NUL character before it reaches the database.

    PostgreSQL does not compare text containing NUL; it raises an error, which would end the
    request as a server error instead of "Invalid value.".
    """

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


def refuse_nul(value: str, *, field: str | None = None) -> None:
    """A validator (and a check of query parameters): no NUL character in the text (400)."""
    if "\x00" in value:
        message = _("The text contains a NUL character, which is not allowed.")
        raise serializers.ValidationError({field: [message]} if field else message)


STRATEGY_PARAMETER = OpenApiParameter(
    "strategy",
    str,
    description=gettext_lazy(
        "The strategy period, e.g. 2021-2025 (or the strategy's code). Without it, the current "
        "strategy (the open one)."
    ),
)


def strategy_parameter(request: Any) -> StrategyChoice:
    """The `?strategy=` of an API list; an unknown period is bad input (400)."""
    slug = request.query_params.get("strategy", "")
    refuse_nul(slug, field="strategy")
    try:
        return strategy_choice(slug)
    except Strategy.DoesNotExist as exc:
        message = _("There is no strategy period %(period)s.") % {"period": slug[:40]}
        raise serializers.ValidationError({"strategy": [message]}) from exc
