"""The form of a successor strategy. It only cleans input; the service does the writing."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from measures.services.succession import Named
from portfolio.models import Strategy

SEPARATOR = "|"


def named_lines(text: str, *, with_code: bool) -> list[Named]:
    """One item per line: "name in bokmål | name in English" (criteria start with "A |")."""
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(SEPARATOR)]
        if with_code:
            if len(parts) < 2:
                raise ValidationError(_("Write each criterion as: code | name | English name."))
            code, parts = parts[0], parts[1:]
        else:
            code = ""
        if len(parts) > 2 or len(parts[0]) > 200 or (len(parts) == 2 and len(parts[1]) > 200):
            raise ValidationError(
                _("Each line holds a name of at most 200 characters, and its English name.")
            )
        items.append(Named(code=code, name_nb=parts[0], name_en=parts[1] if len(parts) > 1 else ""))
    return items


class MeasureChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.code} {obj.name}"


class SuccessorForm(forms.Form):
    title_nb = forms.CharField(label=_("Name (bokmål)"), max_length=200)
    title_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    period_start = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    overall_goal_nb = forms.CharField(
        label=_("Overall goal (bokmål)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    overall_goal_en = forms.CharField(
        label=_("Overall goal (English)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_areas = forms.CharField(
        label=_("Target areas"),
        max_length=5000,
        help_text=_("One per line: the name in bokmål, then | and the English name."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    criteria = forms.CharField(
        label=_("Portfolio criteria"),
        max_length=5000,
        help_text=_(
            "One per line: the code (A, B, …), |, the name in bokmål, | and the English name."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    measures = MeasureChoices(
        label=_("Measures to carry over"),
        queryset=Measure.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each becomes a measure of the successor that links to this one."),
    )

    def __init__(self, *args, predecessor: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(MeasureChoices, self.fields["measures"])
        field.queryset = (
            Measure.objects.filter(
                pk__in=Measure.objects.filter(target_areas__strategy=predecessor).values("pk"),
                successor__isnull=True,
            )
            .select_related("lead_ministry")
            .order_by("position", "code")
        )

    def clean_target_areas(self) -> list[Named]:
        return named_lines(self.cleaned_data["target_areas"], with_code=False)

    def clean_criteria(self) -> list[Named]:
        return named_lines(self.cleaned_data["criteria"], with_code=True)


def successor_initial(predecessor: Strategy) -> dict:
    """The predecessor's target areas and criteria, to start from."""
    return {
        "period_start": predecessor.period_end + 1,
        "period_end": predecessor.period_end
        + 1
        + predecessor.period_end
        - predecessor.period_start,
        "overall_goal_nb": predecessor.overall_goal_nb,
        "overall_goal_en": predecessor.overall_goal_en,
        "target_areas": "\n".join(
            f"{area.name_nb} {SEPARATOR} {area.name_en}".strip(f" {SEPARATOR}")
            for area in predecessor.target_areas.order_by("position")
        ),
        "criteria": "\n".join(
            f"{c.code} {SEPARATOR} {c.name_nb} {SEPARATOR} {c.name_en}".strip(f" {SEPARATOR}")
            for c in predecessor.criteria.order_by("code")
        ),
    }
