from django import template

register = template.Library()


@register.filter
def unconfirmed(obj: object, field: str) -> bool:
    """True when the sources could not confirm this field of the object."""
    return field in (getattr(obj, "unconfirmed_fields", None) or [])
