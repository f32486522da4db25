"""Serializer fields shared by the APIs of the apps."""

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
