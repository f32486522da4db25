"""Input checks shared by the forums services: NUL bytes and over-long text are refused."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_text(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError({field: _("The text contains a NUL character.")})
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(limit)d characters are allowed.") % {"limit": max_length}}
        )
    return text
