"""Post a Django admin change form as a person would: the values shown, with some changed."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    return value


def _form_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if value is None:  # left empty
            continue
        if isinstance(value, bool):
            if value:
                values[field.html_name] = "on"
            continue
        if isinstance(value, datetime.datetime):  # the admin's split date and time, local
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            values[f"{field.html_name}_0"] = value.date().isoformat()
            values[f"{field.html_name}_1"] = value.time().isoformat()
            continue
        values[field.html_name] = _value(value)
    return values


def admin_form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The form at `url` as the admin shows it (inlines too), with `changes` applied."""
    page = client.get(url)
    assert page.status_code == 200, url
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    data.update({name: _value(value) for name, value in changes.items()})
    return data


def admin_post(client: Client, url: str, **changes: Any):
    return client.post(url, admin_form_data(client, url, **changes))
