"""Form widgets that write their HTML directly, for lists long enough that a template per
option costs more than the rest of the page."""

import html
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def conditional_escape(value: Any) -> str:
    # As Django's, without its check for lazy arguments on every call: html.escape is what
    # Django's escape does, and what is already safe is written as it is.
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


class LongSelect(forms.Select):
    """A select with the same HTML as Django's template renders, written without a template."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")  # the renderer strips the template's last newline
        # Every value above is escaped.
        return mark_safe("".join(html))
