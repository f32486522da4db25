"""POST /api/v1/strategies/{slug}/close/: the coordinator closes a strategy period."""

from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response

from portfolio.api_docs import conflict, operation_doc
from portfolio.evaluation.api import SLUG, AuthenticatedAPIView, StrategySerializer, _strategy
from portfolio.permissions import ensure
from portfolio.strategy_closing import may_close_strategy, strategy_close

COORDINATOR_ONLY = _(
    "Only the coordinator (coordinator role in the coordinating ministry); others get 403."
)


def strategy_row(strategy) -> dict:
    return {
        "slug": strategy.slug,
        "code": strategy.code,
        "title_nb": strategy.title_nb,
        "title_en": strategy.title_en,
        "period_start": strategy.period_start,
        "period_end": strategy.period_end,
        "closed_at": strategy.closed_at,
        "predecessor": strategy.predecessor.slug if strategy.predecessor_id else None,
    }


class StrategyCloseAPIView(AuthenticatedAPIView):
    @operation_doc(
        operation_id="strategies_close",
        summary=_("Close a strategy period"),
        description=_(
            "Closes the period: its measures with their follow-up, and the proposals, "
            "positions, meetings and minutes of its years, become read-only. Only the "
            "secretariat can still correct them, with history."
        ),
        permissions=COORDINATOR_ONLY,
        parameters=[SLUG],
        request=None,
        responses={200: StrategySerializer, 409: conflict(_("The period is closed already."))},
    )
    def post(self, request, slug: str):
        ensure(may_close_strategy(request.user))
        strategy = strategy_close(actor=request.user, strategy=_strategy(slug))
        return Response(StrategySerializer(strategy_row(strategy)).data)
