"""The secretariat's corrections of a closed strategy period through the measures API.

A write to a record of a measure of a closed strategy period is a correction, and only the
secretariat makes it (`measures.permissions.may_correct_measure`); it names its reason in
`correction_reason`, which the services require then (400 without). Serializers take the field
with `CorrectionReasonInput`; viewsets run the save inside the correction with
`CorrectionMixin` (or `correcting(serializer)` in their own actions).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portfolio.api_fields import refuse_nul
from portfolio.audit_context import CORRECTION_REASON_MAX, correction

CORRECTION_HELP = _(
    "Why the secretariat corrects a record of a closed strategy period: required for such a "
    "correction, ignored otherwise."
)


def correction_reason_field() -> serializers.CharField:
    return serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=CORRECTION_REASON_MAX,
        validators=[refuse_nul],
        help_text=CORRECTION_HELP,
    )


class CorrectionReasonInput(serializers.Serializer):
    """Takes `correction_reason` out of the input into the serializer's context."""

    correction_reason = correction_reason_field()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.context["correction_reason"] = attrs.pop("correction_reason", "")
        return attrs


def correcting(serializer: serializers.BaseSerializer):
    """The correction context for the reason the serializer was given ("" when none)."""
    return correction(serializer.context.get("correction_reason", ""))


class CorrectionMixin:
    """Creates and updates run inside the correction named by the input (if any)."""

    def perform_create(self, serializer):
        with correcting(serializer):
            serializer.save()

    def perform_update(self, serializer):
        with correcting(serializer):
            serializer.save()
