"""Follow-up actions: the list (mine first), one action with its history, and closing it."""

from collections.abc import Callable

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.follow_up import CancelForm, CompleteForm, FollowUpFilterForm
from forums.models import FollowUpAction
from forums.permissions import can_sign_for
from forums.selectors.follow_up import follow_up_action_list
from forums.services import follow_up as services
from forums.views.common import page_with, run_action, run_form
from portfolio.caching import cached_page
from portfolio.permissions import is_coordinator
from portfolio.selectors import page_strategy_choice

PAGE_LIMIT = 500


def _own_ministry(user):
    profile = getattr(user, "profile", None)
    return profile.ministry if profile else None


@method_decorator(cached_page, name="dispatch")
class FollowUpListView(LoginRequiredMixin, TemplateView):
    """Every ministry's actions; a user of a ministry sees their own ministry's by default."""

    template_name = "forums/follow_up_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        own = _own_ministry(self.request.user)
        if "ministry" not in params and own is not None:
            params["ministry"] = own.abbreviation
        form = FollowUpFilterForm(params)
        choice = page_strategy_choice(self.request.GET.get("strategy"))
        actions = []
        if form.is_valid():
            data = form.cleaned_data
            ministry = data["ministry"]
            queryset = follow_up_action_list(
                ministry=ministry.abbreviation if ministry else None,
                state=data["state"] or None,
                overdue=data["overdue"],
                strategy=choice,
            )
            actions = list(queryset[:PAGE_LIMIT])
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "actions": actions,
            "strategy_choice": choice,
        }


class FollowUpDetailView(LoginRequiredMixin, TemplateView):
    template_name = "forums/follow_up_detail.html"

    def get_context_data(self, **kwargs):
        action = get_object_or_404(follow_up_action_list(), pk=self.kwargs["pk"])
        sent = kwargs.pop("forms", {})
        user = self.request.user
        may_close = action.state == FollowUpAction.State.OPEN and can_sign_for(
            user=user, ministry=action.owner_ministry
        )
        return {
            **super().get_context_data(**kwargs),
            "action": action,
            "history": action.history.select_related("history_user").order_by("-history_date"),
            "complete_form": sent.get("complete_form") or (CompleteForm() if may_close else None),
            "cancel_form": sent.get("cancel_form") or (CancelForm() if may_close else None),
            "may_reopen": action.state != FollowUpAction.State.OPEN and is_coordinator(user),
        }


class FollowUpActionView(LoginRequiredMixin, View):
    """POST /oppfolgingspunkter/<pk>/<step>/: complete, cancel or reopen through the service."""

    def post(self, request, pk: int, step: str):
        action = get_object_or_404(FollowUpAction, pk=pk)
        back = reverse("follow_up:detail", args=[pk])
        user = request.user
        if step == "reopen":
            return run_action(
                request,
                lambda: services.follow_up_action_reopen(actor=user, action=action),
                success=_("The action is open again."),
                back=back,
            )
        form: forms.Form
        call: Callable[..., FollowUpAction]
        if step == "complete":
            form, name, call, done = (
                CompleteForm(request.POST),
                "complete_form",
                services.follow_up_action_complete,
                _("The action is marked done."),
            )
        elif step == "cancel":
            form, name, call, done = (
                CancelForm(request.POST),
                "cancel_form",
                services.follow_up_action_cancel,
                _("The action is cancelled."),
            )
        else:
            raise Http404
        # Refuse before looking at the input: another ministry's action is not theirs to close.
        services.ensure_may_close(actor=user, action=action)
        return run_form(
            request,
            form,
            lambda data: call(actor=user, action=action, **data),
            success=done,
            back=back,
            page=page_with(FollowUpDetailView, request, {"pk": pk}, name),
        )
