"""The audit log's filters, read from the query string; the web page and the API share them."""

import datetime
from collections import Counter

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

from portfolio.audit import audit_kinds
from portfolio.models import AuditEvent, Ministry


def tracked_models() -> list[type[models.Model]]:
    """Every model with field-level history (not the many-to-many history tables)."""
    return sorted(
        (model for model in registered_models.values() if not model._meta.auto_created),
        key=lambda model: model._meta.label_lower,
    )


def model_key(model: type[models.Model]) -> str:
    """The value that names a model in the filter: "app_label.model", as content types do."""
    return model._meta.label_lower


def _model_choices(candidates: list[type[models.Model]]) -> list[tuple[str, str]]:
    labels = [(model_key(m), capfirst(str(m._meta.verbose_name))) for m in candidates]
    # Two models may share a name in one language ("sak"); the key tells them apart.
    seen = Counter(label for _key, label in labels)
    choices = [(key, f"{label} ({key})" if seen[label] > 1 else label) for key, label in labels]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def event_model_choices() -> list[tuple[str, str]]:
    """The types of object an event can be about: the domain models and the users."""
    return _model_choices([*tracked_models(), get_user_model()])


def history_model_choices() -> list[tuple[str, str]]:
    return _model_choices(tracked_models())


def kind_choices() -> list[tuple[str, str]]:
    """Every declared event kind, and any stored kind no app declares (older events)."""
    declared = {kind: str(label) for kind, label in audit_kinds().items()}
    stored = AuditEvent.objects.order_by().values_list("kind", flat=True).distinct()
    labels = {**{kind: kind for kind in stored}, **declared}
    return sorted(labels.items(), key=lambda choice: choice[1].casefold())


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day in the portal's time zone (Norwegian time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditLogForm(forms.Form):
    """The filter form: Designsystemet inputs, errors tied to their field, dates in order.

    The filters' help texts describe the API's query parameters; the page has labels only.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
            field.help_text = ""

    def clean(self):
        data = super().clean()
        after, before = data.get("occurred_after"), data.get("occurred_before")
        if after and before and after > before:
            self.add_error("occurred_before", _("The end date is before the start date."))
        return data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"


class AuditEventFilter(django_filters.FilterSet):
    """Filter audit events by who, which ministry, which type of object, what, how and when."""

    actor = django_filters.ModelChoiceFilter(
        label=_("User"),
        help_text=_("User name of the person who acted."),
        queryset=get_user_model().objects.order_by("username"),
        to_field_name="username",
        empty_label=_("All"),
    )
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"),
        help_text=_("Abbreviation of the ministry the event concerns, e.g. FIN."),
        queryset=Ministry.objects.order_by("abbreviation"),
        to_field_name="abbreviation",
        empty_label=_("All"),
    )
    model = django_filters.ChoiceFilter(
        label=_("Type of object"),
        help_text=_("The type of object as app_label.model, e.g. forums.proposal."),
        choices=event_model_choices,
        method="filter_model",
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Event"),
        help_text=_("The kind of event, e.g. proposal.opened."),
        choices=kind_choices,
        empty_label=_("All"),
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"),
        help_text=_("Through which channel the change came."),
        choices=AuditEvent.Channel.choices,
        empty_label=_("All"),
    )
    occurred_after = django_filters.DateFilter(
        label=_("From date"),
        help_text=_("On or after this date (YYYY-MM-DD, Norwegian time)."),
        method="filter_occurred_after",
        widget=DateInput(),
    )
    occurred_before = django_filters.DateFilter(
        label=_("To date"),
        help_text=_("On or before this date (YYYY-MM-DD, Norwegian time)."),
        method="filter_occurred_before",
        widget=DateInput(),
    )

    class Meta:
        model = AuditEvent
        fields = ["actor", "ministry", "model", "kind", "channel"]
        form = AuditLogForm

    def filter_model(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        app_label, _dot, model_name = value.partition(".")
        return queryset.filter(target_type__app_label=app_label, target_type__model=model_name)

    def filter_occurred_after(
        self, queryset: QuerySet, name: str, value: datetime.date
    ) -> QuerySet:
        return queryset.filter(occurred_at__gte=day_start(value))

    def filter_occurred_before(
        self, queryset: QuerySet, name: str, value: datetime.date
    ) -> QuerySet:
        return queryset.filter(occurred_at__lt=day_start(value + datetime.timedelta(days=1)))


class FieldChangeFilter(AuditEventFilter):
    """The same filters for field changes; the ministry is the acting user's, there is no
    event kind, and the types of object are those with field history. Used for its form."""

    kind = None
    model = django_filters.ChoiceFilter(
        label=_("Type of object"),
        choices=history_model_choices,
        empty_label=_("All"),
    )

    class Meta(AuditEventFilter.Meta):
        fields = ["actor", "ministry", "model", "channel"]


def history_filters(data: dict) -> Q:
    """The valid filter values as a condition on a history table (dates and people)."""
    condition = Q()
    if data.get("actor"):
        condition &= Q(history_user=data["actor"])
    if data.get("ministry"):
        condition &= Q(history_user__profile__ministry=data["ministry"])
    if data.get("channel"):
        condition &= Q(history_channel=data["channel"])
    if data.get("occurred_after"):
        condition &= Q(history_date__gte=day_start(data["occurred_after"]))
    if data.get("occurred_before"):
        end = day_start(data["occurred_before"] + datetime.timedelta(days=1))
        condition &= Q(history_date__lt=end)
    return condition
