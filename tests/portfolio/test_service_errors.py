"""The one translation of the services' errors: the API's handler and the pages' helper."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework.exceptions import NotAuthenticated

from portfolio.api_errors import exception_handler
from portfolio.exceptions import WrongState
from portfolio.page_errors import service_refusals


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (WrongState("Closed."), 409, {"detail": "Closed."}),
        (ValidationError({"title": ["Too long."]}), 400, {"title": ["Too long."]}),
        (ValidationError("Nothing to send."), 400, {"non_field_errors": ["Nothing to send."]}),
        (PermissionDenied("Only the secretariat."), 403, {"detail": "Only the secretariat."}),
        (Http404(), 404, None),
        (NotAuthenticated(), 401, None),
    ],
)
def test_the_api_answers_each_service_error_in_one_way(exc, status, body):
    response = exception_handler(exc, {})
    assert response.status_code == status
    if body is not None:
        assert response.data == body


def test_any_other_error_is_left_to_the_server_error_handling():
    assert exception_handler(RuntimeError("bug"), {}) is None


class TitleForm(forms.Form):
    title = forms.CharField()


def test_the_pages_put_bad_input_on_the_form():
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    with service_refusals(form) as refused:
        raise ValidationError({"title": "Too long.", "other": "Not a field of the form."})
    assert refused.bad_input and not refused.wrong_state
    assert form.errors["title"] == ["Too long."]
    assert form.non_field_errors() == ["Not a field of the form."]


def test_the_pages_describe_a_wrong_state_and_let_permission_denied_through():
    with service_refusals() as refused:
        raise WrongState("Closed.")
    assert refused.wrong_state and refused.message == "Closed."
    with service_refusals() as done:
        pass
    assert not done
    with pytest.raises(PermissionDenied), service_refusals():
        raise PermissionDenied
