"""Closing a strategy period: a page that says what will happen, then the close itself."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from portfolio.confirm import Confirmation, confirm_page
from portfolio.evaluation.views import strategy_or_404
from portfolio.page_errors import service_refusals
from portfolio.strategy_closing import may_close_strategy, strategy_close


class StrategyCloseView(LoginRequiredMixin, View):
    """GET asks first; POST closes the period (its records become read-only)."""

    def get(self, request, slug: str):
        if not may_close_strategy(request.user):
            raise PermissionDenied
        strategy = strategy_or_404(slug)
        return confirm_page(
            request,
            Confirmation(
                title=_("Close the strategy period %(period)s?") % {"period": strategy.slug},
                consequences=[
                    _(
                        "Its measures, status reports, assessments, milestones, risks and "
                        "benefits become read-only."
                    ),
                    _(
                        "So do the proposals, positions, meetings and minutes of the years "
                        "%(first)s to %(last)s."
                    )
                    % {"first": strategy.period_start, "last": strategy.period_end},
                    _(
                        "Only the secretariat can still correct them; each correction is kept "
                        "in the history and the audit log."
                    ),
                    _("Everyone can still read the period and its history."),
                ],
                confirm_label=_("Close the period"),
                back=strategy.get_absolute_url(),
                back_label=_("Keep it open"),
            ),
        )

    def post(self, request, slug: str):
        if not may_close_strategy(request.user):
            raise PermissionDenied
        strategy = strategy_or_404(slug)
        with service_refusals() as refused:
            strategy_close(actor=request.user, strategy=strategy)
        if refused:
            return HttpResponse(refused.message, status=409 if refused.wrong_state else 400)
        messages.success(
            request, _("The strategy period %(period)s is closed.") % {"period": strategy.slug}
        )
        return redirect(strategy.get_absolute_url())
