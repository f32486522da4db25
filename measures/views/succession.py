"""The coordinator creates the successor of a strategy and carries chosen measures over."""

from typing import cast

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from measures.forms_succession import SuccessorForm, successor_initial
from measures.services.succession import strategy_successor_create
from measures.views.base import ServiceFormView
from portfolio.models import Strategy
from portfolio.selectors import strategy_chosen
from portfolio.strategy_closing import may_close_strategy
from portfolio.types import User


class SuccessorCreateView(ServiceFormView):
    form_class = SuccessorForm
    success_message = _("The successor strategy is created.")

    def load(self) -> None:
        try:
            predecessor = strategy_chosen(self.kwargs["slug"])
        except Strategy.DoesNotExist as exc:
            raise Http404 from exc
        if predecessor is None:
            raise Http404
        self.predecessor: Strategy = predecessor
        self.successor: Strategy | None = None

    @property
    def title(self):
        return _("Successor of the strategy %(period)s") % {"period": self.predecessor.slug}

    def allowed(self) -> bool:
        return may_close_strategy(self.request.user)

    def get(self, request, *args, **kwargs):
        existing = Strategy.objects.filter(predecessor=self.predecessor).first()
        if existing is not None:  # one successor only: show it instead of a form to no end
            messages.info(request, _("This strategy already has a successor."))
            return redirect(existing.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "predecessor": self.predecessor}

    def get_initial(self):
        return successor_initial(self.predecessor)

    def perform(self, data: dict) -> None:
        self.successor = strategy_successor_create(
            actor=cast(User, self.request.user), predecessor=self.predecessor, **data
        )

    def get_success_url(self) -> str:
        return (self.successor or self.predecessor).get_absolute_url()
