"""The dashboard's filters and sorting, read from the URL so views can be linked and bookmarked."""

from typing import Any

from django import forms
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from measures.models import Measure, Rag, StatusReport
from portfolio.models import Ministry, TargetArea

LIFECYCLE_ORDER = Case(
    *[When(status=value, then=Value(i)) for i, value in enumerate(Measure.Status.values)],
    output_field=IntegerField(),
)
CONFIDENCE_ORDER = Case(
    When(latest_confidence=StatusReport.Confidence.HIGH, then=Value(3)),
    When(latest_confidence=StatusReport.Confidence.MEDIUM, then=Value(2)),
    When(latest_confidence=StatusReport.Confidence.LOW, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
SORTS: dict[str, list[Any]] = {
    "code": [F("position"), F("code")],
    "name": [F("name_nb")],
    "lead": [F("lead_ministry__abbreviation"), F("code")],
    "status": [LIFECYCLE_ORDER, F("code")],
    "rag": [F("rag_order"), F("code")],
    "confidence": [CONFIDENCE_ORDER, F("code")],
    "milestone": [F("next_milestone_on"), F("code")],
    "risks": [F("open_risk_count"), F("code")],
}
SORT_CHOICES = [(key, key) for key in SORTS] + [(f"-{key}", f"-{key}") for key in SORTS]


class PortfolioFilterForm(forms.Form):
    """Filter and sort the overview. Unknown values are rejected, never guessed."""

    target_area = forms.ChoiceField(label=_("Target area"), required=False)
    lead_ministry = forms.ChoiceField(label=_("Lead ministry"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Measure.Status.choices]
    )
    rag = forms.ChoiceField(
        label=_("Overall status (RAG)"),
        required=False,
        choices=[("", _("All")), *Rag.choices, ("none", _("No report"))],
    )
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_area"].choices = [("", _("All"))] + [
            (area.code, f"{area.code} {area.name}") for area in TargetArea.objects.all()
        ]
        self.fields["lead_ministry"].choices = [("", _("All"))] + [
            (ministry.abbreviation, ministry.abbreviation)
            for ministry in Ministry.objects.filter(led_measures__isnull=False)
            .distinct()
            .order_by("abbreviation")
        ]

    def apply(self, measures: QuerySet[Any]) -> QuerySet[Any]:
        # Any: the overview carries annotations (latest_rag) the model does not declare.
        """The overview filtered and sorted by the valid values of the form."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("target_area"):
            measures = measures.filter(target_areas__code=data["target_area"])
        if data.get("lead_ministry"):
            measures = measures.filter(lead_ministry__abbreviation=data["lead_ministry"])
        if data.get("status"):
            measures = measures.filter(status=data["status"])
        if data.get("rag") == "none":
            measures = measures.filter(latest_rag__isnull=True)
        elif data.get("rag"):
            measures = measures.filter(latest_rag=data["rag"])
        return measures.order_by(*self.ordering())

    def ordering(self) -> list:
        sort = (self.cleaned_data.get("sort") if self.is_valid() else "") or "code"
        descending = sort.startswith("-")
        keys = SORTS[sort.lstrip("-")]
        if descending:
            return [key.desc(nulls_last=True) for key in keys]
        return [key.asc(nulls_last=True) for key in keys]

    @property
    def current_sort(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_valid() else "") or "code"
