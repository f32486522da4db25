from django import template

from portfolio.selectors import StrategyChoice, current_strategy, strategies_for_switcher

register = template.Library()


@register.filter
def unconfirmed(obj: object, field: str) -> bool:
    """True when the sources could not confirm this field of the object."""
    return field in (getattr(obj, "unconfirmed_fields", None) or [])


@register.inclusion_tag("portfolio/partials/_strategy_switcher.html")
def strategy_switcher(choice: StrategyChoice, label: str = "") -> dict:
    """The strategy periods to choose between for a list (one query), the shown one selected."""
    return {
        "choice": choice,
        "strategies": strategies_for_switcher(),
        "current": current_strategy(),
        "label": label,
    }
