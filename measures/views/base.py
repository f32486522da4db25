"""A form page whose valid input goes to one service; errors come back onto the form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from portfolio.audit_context import CORRECTION_REASON_MAX, correction
from portfolio.page_errors import service_refusals
from portfolio.types import Text


class ServiceFormView(LoginRequiredMixin, FormView):
    """Subclasses load their objects in `load`, say who may write in `allowed`, and write in
    `perform`. Users who may not write get 403 for the page, not only for the POST.

    Where `correcting()` (the secretariat corrects a record of a closed strategy period) the
    form asks for the reason, and the service runs inside `portfolio.audit_context.correction`.
    """

    template_name = "measures/form.html"
    title: Text = ""
    success_message: Text = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load()
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        """Fetch the objects from the URL (raise Http404 when missing)."""

    def allowed(self) -> bool:
        raise NotImplementedError

    def perform(self, data: dict) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "back": self.get_success_url(),
            "read_only": self.read_only_reason(),
        }
        form = context.get("form")
        if form is not None:
            self._decorate(form, read_only=bool(context["read_only"]))
        return context

    def correcting(self) -> bool:
        """Is this a correction of a closed strategy period (which needs a reason)?"""
        return False

    def build_form(self, form_class=None):
        """The page's form (a subclass builds one with extra arguments here)."""
        return super().get_form(form_class)

    def get_form(self, form_class=None):
        form = self.build_form(form_class)
        if self.correcting():
            form.fields["correction_reason"] = forms.CharField(
                label=_("Reason for the correction"),
                help_text=_(
                    "The strategy period is closed. The correction is kept in the history "
                    "with its reason."
                ),
                max_length=CORRECTION_REASON_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        return form

    def read_only_reason(self) -> Text:
        """Why the form cannot be saved now (shown instead of the save button), or ""."""
        return ""

    @staticmethod
    def _decorate(form, *, read_only: bool) -> None:
        # Designsystemet classes, and error/help texts tied to their inputs for screen readers.
        for name, field in form.fields.items():
            attrs = field.widget.attrs
            attrs["class"] = "ds-input"
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-help")
            if form.is_bound and bound.errors:
                attrs["aria-invalid"] = "true"
                described.append(f"{bound.auto_id}-error")
            if described:
                attrs["aria-describedby"] = " ".join(described)
            if read_only:
                attrs["disabled"] = True

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("correction_reason", "")
        with service_refusals(form) as refused, correction(reason):
            self.perform(data)
        if refused.wrong_state:  # shown above the form, which the user stays on
            form.add_error(None, refused.message)
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        if refused:
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())
