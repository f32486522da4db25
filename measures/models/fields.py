"""Text fields that refuse NUL bytes and over-long text at validation time, on every database."""

from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models

LONG_TEXT = 4000


def long_text(verbose_name, *, max_length: int = LONG_TEXT, blank: bool = True) -> models.TextField:
    # TextField's max_length is only a widget hint; the validator makes full_clean enforce it.
    return models.TextField(
        verbose_name,
        blank=blank,
        max_length=max_length,
        validators=[ProhibitNullCharactersValidator(), MaxLengthValidator(max_length)],
    )


def short_text(verbose_name, *, max_length: int = 200, blank: bool = False) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=max_length,
        blank=blank,
        validators=[ProhibitNullCharactersValidator()],
    )
