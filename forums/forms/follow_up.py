"""Forms of follow-up actions: the list's filters, and closing an action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forums.forms.meetings import PortalForm
from forums.models import FollowUpAction
from portfolio.models import Ministry


class FollowUpFilterForm(PortalForm):
    ministry = forms.ModelChoiceField(
        label=_("Ministry"),
        queryset=Ministry.objects.owners(),
        to_field_name="abbreviation",
        required=False,
        empty_label=_("All ministries"),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All states")), *FollowUpAction.State.choices],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)


class CompleteForm(PortalForm):
    prefix = "complete"

    account = forms.CharField(
        label=_("What was done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(PortalForm):
    prefix = "cancel"

    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
