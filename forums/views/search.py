"""The search page: one box, results grouped by kind, only what the user may see."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from forums.selectors.search import QUERY_MAX, search


class SearchView(LoginRequiredMixin, TemplateView):
    """GET /sok/?q=...: bad input gives a message on the page, never an error status."""

    template_name = "forums/search.html"

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("q")
        results = search(user=self.request.user, query=raw) if raw is not None else None
        return {
            **super().get_context_data(**kwargs),
            "results": results,
            "query": results.query if results else "",
            "query_max": QUERY_MAX,
        }
