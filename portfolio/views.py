from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views import View
from django.views.generic import ListView, TemplateView

from measures.selectors import measure_count, measures_of_ministry
from portfolio.caching import cached_page
from portfolio.fragments import cached_part
from portfolio.models import Ministry, Notification
from portfolio.notifications import notification_read, notifications_read_all
from portfolio.selectors import coordinating_ministry, current_strategy


@method_decorator(cached_page, name="dispatch")
class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: the strategy, its target areas, and the measures and proposals that
    concern the person's ministry (the whole portfolio is on the dashboard)."""

    template_name = "portfolio/home.html"

    def get_context_data(self, **kwargs):
        profile = getattr(self.request.user, "profile", None)
        ministry_pk = profile.ministry_id if profile else None
        # The parts the same for every reader (of one ministry) are rendered once and kept
        # until a table they read changes; the reader's own parts are rendered per request.
        return {
            **super().get_context_data(**kwargs),
            "strategy_html": cached_part("home-strategy", [], self.strategy_part),
            "measures_html": cached_part(
                "home-measures", [ministry_pk], lambda: self.measures_part(ministry_pk)
            ),
        }

    @staticmethod
    def strategy_part() -> str:
        context = {
            "strategy": current_strategy(),
            "coordinator": coordinating_ministry(),
            "LANGUAGE_CODE": get_language(),
        }
        return render_to_string("portfolio/partials/_home_strategy.html", context)

    @staticmethod
    def measures_part(ministry_pk: int | None) -> str:
        ministry = Ministry.objects.filter(pk=ministry_pk).first() if ministry_pk else None
        measures, total = measures_of_ministry(ministry)
        context = {
            "ministry": ministry,
            "measures": measures,
            "measure_total": total,
            "portfolio_total": measure_count(),
        }
        return render_to_string("portfolio/partials/_home_measures.html", context)


class MinistryListView(LoginRequiredMixin, ListView):
    """Every ministry, past and present, with its validity and what it became."""

    template_name = "portfolio/ministry_list.html"
    context_object_name = "ministries"

    def get_queryset(self):
        return Ministry.objects.select_related("predecessor").order_by("kind", "abbreviation")


class NotificationListView(LoginRequiredMixin, ListView):
    """The person's notifications, newest first; POST marks them all as read."""

    template_name = "portfolio/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)

    def post(self, request):
        notifications_read_all(actor=request.user)
        return redirect("portfolio:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """POST: mark one notification as read and go where it points."""

    def post(self, request, pk: int):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        notification_read(actor=request.user, notification=notification)
        target = notification.url
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "portfolio:notifications"
        return redirect(target or "portfolio:notifications")
