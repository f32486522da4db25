"""A long select writes the same HTML as Django's template would."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portfolio.widgets import LongSelect

CHOICES = [
    ("", gettext_lazy("All")),
    ("a&b", 'Quotes " and <tags>'),
    (2026, "2026"),
    ("safe", mark_safe("<em>kept</em>")),
    ("Group <1>", [("g1", "In a group"), ("g2", "Also & in it")]),
]


@pytest.mark.parametrize("value", [None, "", "a&b", 2026, "g2", ["g1"], "missing"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_x", "class": "ds-input"}, {"required": True, "disabled": False, "a": '"'}],
)
def test_long_select_renders_as_the_template(value, attrs):
    expected = forms.Select(attrs={"class": "ds-input"}, choices=CHOICES).render("x<", value, attrs)
    written = LongSelect(attrs={"class": "ds-input"}, choices=CHOICES).render("x<", value, attrs)
    assert written == expected
