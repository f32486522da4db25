"""Base classes of every app's admin: read-only pages, rows filtered as the portal does, and
changes made through the portal's services."""

import contextlib
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import construct_instance
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import format_html

from portfolio.exceptions import WrongState


class PortalVisibleAdmin(admin.ModelAdmin):
    """Shows a staff user only the rows the portal would show them.

    The admin is no side door: lists, change pages and history all start from
    `get_queryset`, so a row the portal hides is "not found" here too.
    """

    def portal_visible(self, request: Any, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self, request: Any) -> QuerySet:
        return self.portal_visible(request, super().get_queryset(request))


class ReadOnlyAdmin(PortalVisibleAdmin):
    """Data written only through the portal's services (with permission checks and audit
    events); the admin shows it and never adds, changes or deletes it."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class Refused(Exception):
    """A service refused the admin's change; carries its error for the form."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def refusal_messages(error: Exception) -> list[tuple[str | None, list[str]]]:
    """The error as (field, messages) pairs; `None` is the form as a whole."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                (None if name == NON_FIELD_ERRORS else name, ValidationError(errors).messages)
                for name, errors in error.error_dict.items()
            ]
        return [(None, list(error.messages))]
    return [(None, [str(error)])]


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose changes go through the portal's services, with `request.user` as actor.

    `save_model`, `save_related` and `delete_model` call the services inside `self.refusals()`.
    A refusal (ValidationError, WrongState, PermissionDenied) leaves the view's transaction,
    which rolls every write of the request back; the form is then shown again with the
    service's messages on it, and nothing has changed. `service_fields` maps a service's
    field names to the form's where they differ.
    """

    service_fields: dict[str, str] = {}

    @contextlib.contextmanager
    def refusals(self) -> Iterator[None]:
        try:
            yield
        except (ValidationError, WrongState, PermissionDenied) as exc:
            raise Refused(exc) from exc

    @staticmethod
    def adopt(obj: Any, saved: Any) -> None:
        """The admin's object takes the values of the one the service saved (its id, the
        numbers and defaults the service set), for the admin's log and its next page."""
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    @staticmethod
    def save_plain(obj: Any, form: Any, service_fields: list[str]) -> None:
        """Save the fields no service changes (their history names the request's user); the
        service's fields keep their stored values until the service itself changes them."""
        stored = type(obj)._default_manager.get(pk=obj.pk)
        wanted = {name: getattr(obj, name) for name in service_fields}
        for name in service_fields:
            setattr(obj, name, getattr(stored, name))
        if set(form.changed_data) - set(service_fields):
            obj.save()
        for name, value in wanted.items():
            setattr(obj, name, value)

    def get_actions(self, request: Any) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a bulk delete would bypass the services
        return actions

    def changeform_view(
        self, request: Any, object_id: Any = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refused:
            request.service_refusal = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request: Any, object_id: str, extra_context: Any = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refused:
            for _field, texts in refusal_messages(refused.error):
                for text in texts:
                    self.message_user(request, text, messages.ERROR)
            return HttpResponseRedirect(request.path.rsplit("delete/", 1)[0] + "change/")

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form_class
        names, error = self.service_fields, refusal

        class RefusedForm(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                cleaned = super().clean()
                for name, texts in refusal_messages(error):
                    field = names.get(name, name) if name else None
                    self.add_error(field if field in self.fields else None, texts)
                return cleaned

        return RefusedForm


class ServiceModelForm(forms.ModelForm):
    """A form whose model is validated by the service it is saved through, not by the form:
    the admin then shows the same messages as the portal's pages."""

    def _post_clean(self) -> None:
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields)
        except ValidationError as exc:
            self._update_errors(exc)  # type: ignore[attr-defined]  # missing from the stubs


def portal_note(text: Any, url: str, link: Any) -> str:
    """A short note on a change form: where in the portal this is done, with a link."""
    return format_html('{} <a href="{}">{}</a>', text, url, link)
