"""The admin of measures: a new measure, its status and its lead go through the services.

A superuser keeps the fields no portal page changes (names, descriptions, target areas,
sources). The status moves through the lifecycle service (prioritised and active need an
endorsed proposal, as on the measure's status page) and the lead through the dated lead
history, as on the lead page; a refusal shows on the form and changes nothing.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.decisions import decision_gate
from measures.forms import decision_field
from measures.models import Measure
from measures.services.lifecycle import measure_transition
from measures.services.measures import TEXT_FIELDS, measure_create, measure_lead_change
from portfolio.admin import HistoryAdmin
from portfolio.admin_base import ServiceAdmin, portal_note

SERVICE_FIELDS = ["status", "lead_ministry"]
EXTRA_FIELDS = {"decision", "decided_on", "transition_note", "lead_valid_from"}
M2M_FIELDS = {"target_areas", "participating_ministries"}
DETAILS = [
    "code",
    "position",
    "name_nb",
    "name_nn",
    "name_en",
    "description_nb",
    "description_en",
    "target_areas",
    "participating_ministries",
    "predecessor",
    "sources",
    "unconfirmed_fields",
]


class MeasureAdminForm(forms.ModelForm):
    decision = decision_field()
    decided_on = forms.DateField(label=_("Date of the decision"), required=False)
    transition_note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_valid_from = forms.DateField(
        label=_("Leads from"),
        required=False,
        help_text=_("The first day the new lead ministry answers for the measure."),
    )

    class Meta:
        model = Measure
        fields = [*(name for name in DETAILS if name != "predecessor"), *SERVICE_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["decided_on"].initial = today
        self.fields["lead_valid_from"].initial = today
        choices = decision_gate().choices(self.instance) if self.instance.pk else []
        self.fields["decision"].choices = [("", _("No proposal")), *choices]  # type: ignore[attr-defined]


@admin.register(Measure)
class MeasureAdmin(ServiceAdmin, HistoryAdmin):
    form = MeasureAdminForm
    list_display = ["code", "name_nb", "lead_ministry", "status"]
    list_filter = ["status", "lead_ministry", "target_areas"]
    filter_horizontal = ["participating_ministries", "target_areas"]
    list_select_related = ["lead_ministry"]
    service_fields = {"valid_from": "lead_valid_from", "note": "transition_note"}

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # a measure is stopped through its lifecycle, never deleted

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        # Succession sets the predecessor; a new measure starts as proposed, last in the list.
        return ["predecessor"] if obj else ["predecessor", "status", "position"]

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        if obj is None:
            fields = [*TEXT_FIELDS, "lead_ministry", "target_areas", "participating_ministries"]
            return [(None, {"fields": [*fields, "sources", "unconfirmed_fields"]})]
        status_page = reverse("measures:transition", args=[obj.code])
        lead_page = reverse("measures:lead-change", args=[obj.code])
        return [
            (None, {"fields": DETAILS}),
            (
                _("Status"),
                {
                    "fields": ["status", "decision", "decided_on", "transition_note"],
                    "description": portal_note(
                        _(
                            "A change of status is recorded as a transition, as on the "
                            "measure's status page; prioritised and active need an endorsed "
                            "proposal that covers the measure."
                        ),
                        status_page,
                        _("Status page"),
                    ),
                },
            ),
            (
                _("Lead ministry"),
                {
                    "fields": ["lead_ministry", "lead_valid_from"],
                    "description": portal_note(
                        _("A new lead is added to the dated lead history from the given day."),
                        lead_page,
                        _("Lead page"),
                    ),
                },
            ),
        ]

    def save_model(self, request: Any, obj: Measure, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            with self.refusals():
                created = measure_create(
                    actor=request.user,
                    lead_ministry=data["lead_ministry"],
                    target_areas=data["target_areas"],
                    participating_ministries=data.get("participating_ministries") or [],
                    **{name: data.get(name, "") for name in TEXT_FIELDS},
                )
                if data.get("sources") or data.get("unconfirmed_fields"):
                    created.sources = data.get("sources", "")
                    created.unconfirmed_fields = data.get("unconfirmed_fields") or []
                    created.save(update_fields=["sources", "unconfirmed_fields"])
            self.adopt(obj, created)
            return
        stored = Measure.objects.select_related("lead_ministry").get(pk=obj.pk)
        status, lead = obj.status, obj.lead_ministry
        # The plain fields are saved as they are; status and lead only through their services.
        obj.status, obj.lead_ministry = stored.status, stored.lead_ministry
        with self.refusals():
            if set(form.changed_data) - {*SERVICE_FIELDS, *EXTRA_FIELDS, *M2M_FIELDS}:
                super().save_model(request, obj, form, change)
            if lead.pk != stored.lead_ministry_id:
                measure_lead_change(
                    actor=request.user,
                    measure=obj,
                    lead_ministry=lead,
                    valid_from=data.get("lead_valid_from"),
                )
            if status != stored.status:
                measure_transition(
                    actor=request.user,
                    measure=obj,
                    to_status=status,
                    decision=data.get("decision"),
                    decided_on=data.get("decided_on"),
                    note=data.get("transition_note") or "",
                )
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        if change:  # a new measure's target areas and ministries are set by its service
            with self.refusals():
                super().save_related(request, form, formsets, change)
