"""Input checks shared by the forums services: no NUL bytes, no over-long text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_text(value: object, *, field: str, max_length: int, required: bool = True) -> str:
    """Return the stripped text or raise a ValidationError keyed by the field name."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise ValidationError(
            {field: _("The text contains a NUL character, which is not allowed.")}
        )
    text = text.strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("The text is too long: at most %(max)d characters (it has %(length)d).")
                % {"max": max_length, "length": len(text)}
            }
        )
    return text
