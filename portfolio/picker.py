"""Choosing among choices that may run to hundreds: search as you type instead of a long list.

While a field has few choices (the real portfolio has seven measures) they are all shown as
checkboxes or radio buttons. Past `PICKER_THRESHOLD` the page shows only the chosen ones and a
search field; the app's search view answers with at most `PICKER_RESULTS` matches, which
static/js/picker.js moves to the chosen ones when ticked. The form field validates as before.
"""

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views import View

from portfolio.i18n import choice_label

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PICKER_THRESHOLD = 25
PICKER_RESULTS = 20
PICKER_TYPES = ("checkbox", "radio")
FIELD_NAME = re.compile(r"[\w-]{1,80}")


class SearchPicker(forms.widgets.ChoiceWidget):
    """A model choice widget: all choices while few, else the chosen ones and a search field.

    `search_url` answers `?q=…&field=…&type=…` with the matching choices (a `PickerSearchView`).
    """

    template_name = "portfolio/widgets/search_picker.html"
    is_picker = True

    def __init__(
        self, search_url: "str | _StrPromise", *, multiple: bool = True, attrs=None
    ) -> None:
        super().__init__(attrs)
        self.search_url = search_url
        self.allow_multiple_selected = multiple

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        chosen_values = {str(v) for v in self.format_value(value) if str(v).isdigit()}
        choices = cast(ModelChoiceIterator, self.choices)  # set by the model choice field
        field, queryset = choices.field, choices.queryset
        few = queryset.count() <= PICKER_THRESHOLD
        shown = queryset if few else queryset.filter(pk__in=chosen_values)
        context["picker"] = {
            "mode": "all" if few else "search",
            "type": "checkbox" if self.allow_multiple_selected else "radio",
            "search_url": self.search_url,
            "options": [
                (str(obj.pk), field.label_from_instance(obj), str(obj.pk) in chosen_values)
                for obj in shown
            ],
            "nothing_chosen": not chosen_values,
            # One choice, and it may be left out: "None" is a choice of its own.
            "offer_none": not self.allow_multiple_selected and not self.is_required,
        }
        return context

    def optgroups(self, name, value, attrs=None):
        # Django's option groups would iterate every choice (hundreds of rows, each with its
        # label) only for the template to ignore them: the picker's own options are above.
        return []

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's own folder of Django's widgets.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)


class PickerSearchView(LoginRequiredMixin, View):
    """The matches for a picker's search field, as choices to tick (an htmx fragment)."""

    template_name = "portfolio/widgets/_picker_results.html"
    scopes: ClassVar[tuple[str, ...]] = ("",)

    def search(self, query: str, exclude: list[int], scope: str) -> Iterable[Model]:
        raise NotImplementedError

    def labels(self, objects: list[Model]) -> list[tuple[str, str]]:
        return [(str(obj.pk), choice_label(obj)) for obj in objects]

    def get(self, request):
        field = request.GET.get("field", "")
        kind = request.GET.get("type", "checkbox")
        scope = request.GET.get("scope", "")
        query = request.GET.get("q", "").strip()[:100]
        if not FIELD_NAME.fullmatch(field) or kind not in PICKER_TYPES or scope not in self.scopes:
            return render(request, self.template_name, {"invalid": True}, status=400)
        exclude = [int(v) for v in request.GET.getlist(field) if v.isdigit()]
        found = list(self.search(query, exclude, scope)[: PICKER_RESULTS + 1]) if query else []
        return render(
            request,
            self.template_name,
            {
                "field": field,
                "type": kind,
                "query": query,
                "options": self.labels(found[:PICKER_RESULTS]),
                "more": len(found) > PICKER_RESULTS,
            },
        )
