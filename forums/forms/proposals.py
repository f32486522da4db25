"""Forms of the proposal pages. They shape input; the services decide what is allowed."""

from types import SimpleNamespace
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forums.models import Escalation, Forum, PositionChoice, Proposal
from forums.models.proposals import REASON_MAX, TEXT_MAX, TITLE_MAX
from measures.models import CoreGroup, Measure
from portfolio.i18n import NamedMultipleChoiceField, localized_value, reader_language
from portfolio.picker import SearchPicker
from portfolio.widgets import LongSelect


def _no_nul(value: str) -> None:
    if "\x00" in (value or ""):
        raise ValidationError(_("The text contains a NUL character, which is not allowed."))


class DesignsystemetForm(forms.Form):
    """Gives every widget Designsystemet's input class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProposalCreateForm(DesignsystemetForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, validators=[_no_nul])
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[_no_nul],
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for positions"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    silent_consent = forms.BooleanField(
        label=_("Written procedure with silent consent"),
        required=False,
        help_text=_("Ministries that have not answered by the deadline count as standing aside."),
    )
    measures = NamedMultipleChoiceField(
        label=_("Measures"),
        queryset=Measure.objects.all(),
        required=False,
        # The portfolio may hold hundreds: past a few, search as you type.
        widget=SearchPicker(reverse_lazy("measures:picker")),
    )
    amends = forms.ModelChoiceField(
        label=_("Amends an endorsed proposal"),
        queryset=Proposal.objects.filter(status=Proposal.Status.ENDORSED).select_related("forum"),
        required=False,
        widget=SearchPicker(
            format_lazy("{}?scope=endorsed", reverse_lazy("proposals:picker")), multiple=False
        ),
    )


ANSWER_PREFIX = "answer_"


class ReviseForm(DesignsystemetForm):
    """The new text, and per standing objection how the revision answers it (optional).

    An answer field is also made for an answer posted for a ministry without a standing
    objection (one withdrawn since the page was shown): the service then refuses it, as the
    API does, instead of the answer being dropped unseen.
    """

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, validators=[_no_nul])
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        validators=[_no_nul],
    )

    def __init__(self, *args, objections=(), **kwargs):
        super().__init__(*args, **kwargs)
        reasons = {
            objection.ministry.abbreviation.lower(): objection.reason for objection in objections
        }
        posted = [
            key.removeprefix(ANSWER_PREFIX)
            for key in (self.data or {})
            if key.startswith(ANSWER_PREFIX) and key.removeprefix(ANSWER_PREFIX)
        ]
        for abbreviation in [*reasons, *(key for key in posted if key not in reasons)]:
            reason = reasons.get(abbreviation)
            self.fields[f"{ANSWER_PREFIX}{abbreviation}"] = forms.CharField(
                label=_("How does the revision answer the objection of %(ministry)s?")
                % {"ministry": abbreviation.upper()},
                max_length=REASON_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                validators=[_no_nul],
                help_text=(
                    _("The objection: %(reason)s") % {"reason": reason}
                    if reason is not None
                    else None
                ),
            )

    def answer_fields(self):
        return [self[name] for name in self.fields if name.startswith(ANSWER_PREFIX)]

    def service_data(self) -> dict:
        """The service's arguments: title, text and the answers given (an empty field is none)."""
        data = {name: self.cleaned_data[name] for name in ("title", "text")}
        data["answers"] = {
            name.removeprefix(ANSWER_PREFIX).upper(): value
            for name, value in self.cleaned_data.items()
            if name.startswith(ANSWER_PREFIX) and value
        }
        return data


class PositionForm(DesignsystemetForm):
    position = forms.ChoiceField(
        label=_("Position"), choices=PositionChoice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (required for an objection)"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_nul],
    )

    def clean(self):
        data = super().clean()
        if data.get("position") == PositionChoice.OBJECT and not data.get("reason", "").strip():
            self.add_error("reason", _("An objection must give a reason."))
        return data


class ObjectionWithdrawForm(DesignsystemetForm):
    explanation = forms.CharField(
        label=_("Why is the objection withdrawn?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[_no_nul],
    )


class EscalateForm(DesignsystemetForm):
    level = forms.ChoiceField(label=_("Escalate to"), choices=Escalation.Level.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=REASON_MAX,
        required=False,
        validators=[_no_nul],
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdviceForm(DesignsystemetForm):
    source = forms.ChoiceField(label=_("From"))
    text = forms.CharField(
        label=_("Advice"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_nul],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forums = [(f"forum:{f.pk}", f.name) for f in Forum.objects.filter(kind=Forum.Kind.SERVICE)]
        groups = [(f"core_group:{g.pk}", g.name) for g in CoreGroup.objects.all()]
        self.fields["source"].choices = [
            (_("Service forums"), forums),
            (_("Core groups"), groups),
        ]

    def source_objects(self) -> dict:
        kind, pk = self.cleaned_data["source"].split(":")
        if kind == "forum":
            return {"forum": Forum.objects.get(pk=pk)}
        return {"core_group": CoreGroup.objects.get(pk=pk)}


class RegisterFilterForm(DesignsystemetForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    forum = forms.ChoiceField(label=_("Forum"), required=False, widget=LongSelect)
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    # Every measure of every strategy is a choice: hundreds of options.
    measure = forms.ChoiceField(label=_("Measure"), required=False, widget=LongSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Proposal.Status.choices],
        widget=LongSelect,
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["forum"].choices = every + [
            (f.slug, f.name)
            for f in Forum.objects.filter(advisory_only=False).only(
                "slug", "code", "name_nb", "name_nn", "name_en"
            )
        ]
        fields["year"].choices = every + [(y, str(y)) for y in years]
        # Rows, not models: hundreds of measures, of which only the code and name are shown.
        measures = Measure.objects.values("code", "name_nb", "name_nn", "name_en")
        language = reader_language()
        fields["measure"].choices = every + [
            (
                row["code"],
                f"{row['code']} {localized_value(SimpleNamespace(**row), 'name', language)}",
            )
            for row in measures
        ]


class DelegationForm(DesignsystemetForm):
    delegate = forms.ModelChoiceField(label=_("Deputy"), queryset=get_user_model().objects.none())
    valid_from = forms.DateField(label=_("From"), widget=DateInput())
    valid_to = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, ministry, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = (
            get_user_model()
            .objects.filter(profile__ministry=ministry, is_active=True)
            .exclude(pk=actor.pk)
            .order_by("username")
        )
