"""Forms of the follow-up pages. They only clean input; the services do the writing."""

from typing import cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from measures.models import (
    Benefit,
    BenefitMeasurement,
    CoreGroup,
    Measure,
    Milestone,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from measures.services.delivery import MILESTONE_FIELDS, RISK_FIELDS
from measures.services.measures import DESCRIPTION_MAX
from measures.services.reports import REPORT_FIELDS
from portfolio.i18n import NamedChoiceField, NamedMultipleChoiceField
from portfolio.models import Ministry, TargetArea
from portfolio.selectors import owner_ministries


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatusReportForm(forms.ModelForm):
    class Meta:
        model = StatusReport
        fields = REPORT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["confidence_rationale", "achievements", "next_steps", "help_needed"]
        }


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        widgets = {name: DateInput() for name in ["planned_on", "forecast_on", "actual_on"]}


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = RISK_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_ministry"].queryset = Ministry.objects.filter(
            pk__in=owner_ministries().values("pk")
        ).order_by("abbreviation")


class DependencyForm(forms.Form):
    depends_on = NamedChoiceField(label=_("Depends on"), queryset=Measure.objects.none())
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["depends_on"]).queryset = Measure.objects.exclude(
            pk=measure.pk
        ).order_by("position", "code")


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = ["title", "indicator", "unit", "baseline", "target", "target_on", "description"]
        widgets = {"target_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = BenefitMeasurement
        fields = ["measured_on", "value", "comment"]
        widgets = {"measured_on": DateInput(), "comment": forms.Textarea(attrs={"rows": 2})}


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["year", "sequence", "starts_on", "ends_on", "due_on", "meeting"]
        widgets = {name: DateInput() for name in ["starts_on", "ends_on", "due_on"]}


MANDATE_MAX = 10_000


class CoreGroupForm(forms.ModelForm):
    class Meta:
        model = CoreGroup
        fields = ["mandate_nb", "mandate_en", "status"]
        widgets = {
            "mandate_nb": forms.Textarea(attrs={"rows": 4}),
            "mandate_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's mandates are unbounded text fields; a mandate is a page, not a book.
        for name in ("mandate_nb", "mandate_en"):
            field = self.fields[name]
            field.max_length = MANDATE_MAX
            field.validators.append(MaxLengthValidator(MANDATE_MAX))
            field.widget.attrs["maxlength"] = str(MANDATE_MAX)


def decision_field() -> forms.TypedChoiceField:
    """The endorsed proposal a change of status rests on; its choices are set by the form."""
    return forms.TypedChoiceField(
        label=_("Decided by"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "The endorsed proposal that covers the measure. Prioritised and active need one."
        ),
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    decision = decision_field()
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, allowed: list[str], decisions: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Measure.Status.choices)
        cast(forms.ChoiceField, self.fields["to_status"]).choices = [
            (value, labels[value]) for value in allowed
        ]
        cast(forms.ChoiceField, self.fields["decision"]).choices = [
            ("", _("No proposal")),
            *decisions,
        ]


def _lead_choices() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Lead ministry"),
        queryset=owner_ministries().order_by("abbreviation"),
        to_field_name="abbreviation",
    )


class MeasureCreateForm(forms.ModelForm):
    lead_ministry = _lead_choices()
    target_areas = NamedMultipleChoiceField(
        label=_("Target areas"),
        queryset=TargetArea.objects.order_by("code"),
        to_field_name="code",
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    participating_ministries = forms.ModelMultipleChoiceField(
        label=_("Participating ministries"),
        queryset=owner_ministries().order_by("abbreviation"),
        to_field_name="abbreviation",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "name_nb",
            "name_nn",
            "name_en",
            "description_nb",
            "description_en",
            "lead_ministry",
            "target_areas",
            "participating_ministries",
        ]
        widgets = {
            "description_nb": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"code": _("Capital letters, digits and hyphens, with a digit, e.g. T8.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("description_nb", "description_en"):
            field = self.fields[name]
            field.max_length = DESCRIPTION_MAX
            field.validators.append(MaxLengthValidator(DESCRIPTION_MAX))
            field.widget.attrs["maxlength"] = str(DESCRIPTION_MAX)


class LeadChangeForm(forms.Form):
    lead_ministry = _lead_choices()
    valid_from = forms.DateField(
        label=_("Leads from"),
        widget=DateInput(),
        help_text=_("The first day the new lead ministry answers for the measure."),
    )


SCORES = [(n, str(n)) for n in range(1, 6)]


class AssessmentForm(forms.Form):
    """One score (1–5) and a comment per criterion."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.code}"] = forms.TypedChoiceField(
                label=_("%(code)s) %(name)s: score")
                % {"code": criterion.code, "name": criterion.name},
                choices=SCORES,
                coerce=int,
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=_("%(code)s) comment") % {"code": criterion.code},
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
