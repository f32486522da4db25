"""Pick the stored text in the reader's language: nb, nn or en, falling back to bokmål."""

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def reader_language() -> str:
    return (get_language() or "nb").split("-")[0]


def localized(obj: object, field: str) -> str:
    return localized_value(obj, field, reader_language())


def localized_value(obj: object, field: str, language: str) -> str:
    """As `localized`, in a language already looked up: for long lists."""
    for code in (language, "nb"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def choice_label(obj: object) -> str:
    """An object as a choice, with its name in the reader's language. `str()` keeps bokmål,
    as the records and the audit log are written; a choice reads as the page around it."""
    label = str(obj)
    bokmal = getattr(obj, "name_nb", "")
    if bokmal and hasattr(obj, "name_nn"):
        return label.replace(bokmal, localized(obj, "name"), 1)
    return label


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        return choice_label(obj)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        return choice_label(obj)


class Sourced(models.Model):
    """Reference data that names its sources and marks the fields it could not confirm."""

    sources = models.TextField(_("sources"), blank=True)
    unconfirmed_fields = models.JSONField(
        _("unconfirmed fields"),
        default=list,
        blank=True,
        help_text=_("Fields whose values could not be confirmed in the sources."),
    )

    class Meta:
        abstract = True

    def is_unconfirmed(self, field: str) -> bool:
        return field in self.unconfirmed_fields

    @property
    def has_unconfirmed(self) -> bool:
        return bool(self.unconfirmed_fields)
