"""Forms of the journal pages. They shape input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forums.forms.proposals import DateInput, DesignsystemetForm, _no_nul
from forums.models import Access, Forum, LegalBasis
from forums.services.records import REASON_MAX, REFERENCE_MAX, SCREENED_TITLE_MAX


class JournalFilterForm(DesignsystemetForm):
    """Only shapes the widgets: the filters are read and checked by `journal_filter_parse`."""

    case = forms.CharField(
        label=_("Case number"), required=False, max_length=10, help_text=_("As 2027/00012.")
    )
    forum = forms.ChoiceField(label=_("Forum"), required=False)
    access = forms.ChoiceField(
        label=_("Access"), required=False, choices=[("", _("All")), *Access.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added here; the API uses the same names.
        period = {
            "from": forms.DateField(label=_("From"), required=False, widget=DateInput()),
            "to": forms.DateField(label=_("To"), required=False, widget=DateInput()),
        }
        for field in period.values():
            field.widget.attrs["class"] = "ds-input"
        self.fields = {**period, **self.fields}
        self.fields["forum"].choices = [
            ("", _("All")),
            *((forum.slug, forum.name) for forum in Forum.objects.order_by("code")),
        ]


class MarkingForm(DesignsystemetForm):
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        required=False,
        help_text=_("Required when the document is exempt or partly exempt."),
    )
    screened_title = forms.CharField(
        label=_("Screened title"),
        required=False,
        max_length=SCREENED_TITLE_MAX,
        validators=[_no_nul],
        help_text=_("Shown instead of the title to those who may not read the document."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[_no_nul],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bases = LegalBasis.objects.filter(active=True).order_by("code")
        self.fields["legal_basis"].choices = [
            ("", "–"),
            *((basis.code, str(basis)) for basis in bases),
        ]


class MarkingRequestForm(DesignsystemetForm):
    access = forms.ChoiceField(label=_("Access asked for"), choices=Access.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[_no_nul],
    )


class ReferenceForm(DesignsystemetForm):
    reference = forms.CharField(
        label=_("Our own case or document number"),
        max_length=REFERENCE_MAX,
        validators=[_no_nul],
    )


class ExtractionForm(DesignsystemetForm):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
