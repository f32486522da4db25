"""The coordinator's form for the governance of a measure."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forums.models import Forum, MeasureGovernance
from forums.reporting_cadence import CADENCE_EXPLAINED
from portfolio.i18n import NamedChoiceField
from portfolio.selectors import owner_ministries


class GovernanceForm(forms.Form):
    forum = NamedChoiceField(
        label=_("Decisions taken in"),
        queryset=Forum.objects.filter(advisory_only=False).order_by("code"),
        to_field_name="slug",
    )
    participation = forms.ChoiceField(
        label=_("Taking part in decisions"), choices=MeasureGovernance.Participation.choices
    )
    ministries = forms.ModelMultipleChoiceField(
        label=_("Ministries taking part"),
        queryset=owner_ministries().order_by("abbreviation"),
        to_field_name="abbreviation",
        required=False,
        help_text=_("Only when named ministries take part."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reporting_cadence = forms.ChoiceField(
        label=_("Reporting cadence"),
        choices=MeasureGovernance.Cadence.choices,
        help_text=format_lazy(
            " ".join("{}: {}" for _choice in MeasureGovernance.Cadence.choices),
            *(
                part
                for value, label in MeasureGovernance.Cadence.choices
                for part in (label, CADENCE_EXPLAINED[value])
            ),
        ),
    )
