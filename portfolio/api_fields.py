"""Serializer fields shared by the APIs of the apps."""

from django.utils.translation import gettext as _
from rest_framework import serializers


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
