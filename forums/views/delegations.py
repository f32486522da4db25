"""The admin head's page for letting a deputy sign for the ministry, and revoking it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from forums.forms.proposals import DelegationForm
from forums.models import Delegation
from forums.selectors.proposals import delegations_for
from forums.services.delegations import delegation_grant, delegation_revoke
from portfolio.models import Ministry
from portfolio.page_errors import message_refusal, service_refusals
from portfolio.permissions import sign_grant_ministry_ids


def _ministries(user) -> list[Ministry]:
    return list(Ministry.objects.filter(pk__in=sign_grant_ministry_ids(user)))


class DelegationView(LoginRequiredMixin, View):
    """Delegations of the ministries the user heads; the form grants a new one."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not _ministries(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def page(self, request, form=None, status=200):
        ministries = _ministries(request.user)
        ministry = ministries[0]
        form = form or DelegationForm(ministry=ministry, actor=request.user)
        return render(
            request,
            "forums/proposals/delegations.html",
            {
                "ministry": ministry,
                "form": form,
                "delegations": delegations_for(ministries=ministries),
            },
            status=status,
        )

    def get(self, request):
        return self.page(request)

    def post(self, request):
        ministry = _ministries(request.user)[0]
        form = DelegationForm(request.POST, ministry=ministry, actor=request.user)
        if form.is_valid():
            with service_refusals(form) as refused:
                delegation_grant(actor=request.user, ministry=ministry, **form.cleaned_data)
            if refused.wrong_state:  # the service raises none today; say it if it does
                form.add_error(None, refused.message)
            if not refused:
                messages.success(request, _("The deputy may now sign for the ministry."))
                return HttpResponseRedirect(reverse("proposals:delegations"))
        return self.page(request, form=form, status=400)


class DelegationRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        delegation = get_object_or_404(Delegation.objects.select_related("ministry"), pk=pk)
        with service_refusals() as refused:
            delegation_revoke(actor=request.user, delegation=delegation)
        if refused:
            message_refusal(request, refused)
        else:
            messages.success(request, _("The delegation was revoked."))
        return HttpResponseRedirect(reverse("proposals:delegations"))
