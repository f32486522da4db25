from django import template

from portfolio.selectors import StrategyChoice

register = template.Library()


@register.filter
def unconfirmed(obj: object, field: str) -> bool:
    """True when the sources could not confirm this field of the object."""
    return field in (getattr(obj, "unconfirmed_fields", None) or [])


@register.inclusion_tag("portfolio/partials/_strategy_switcher.html")
def strategy_switcher(choice: StrategyChoice) -> dict:
    """The strategy periods to choose between for a list, the shown one selected (no query:
    the choice has read them)."""
    return {"choice": choice, "strategies": choice.strategies, "current": choice.current}
