"""The decisions a measure's lifecycle rests on: a hook the forums app fills in.

A measure becomes prioritised or active only by an endorsed proposal that covers it. The
proposals live in the forums app, a floor above, so measures only describe what it needs
(`DecisionGate`) and forums registers its implementation in its AppConfig.ready(). Without a
registered gate no decision can be named, so the gated statuses cannot be reached.
"""

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from measures.models import Measure, MeasureTransition

GATED_STATUSES = frozenset({Measure.Status.PRIORITISED, Measure.Status.ACTIVE})


@dataclass(frozen=True)
class DecisionLink:
    label: str
    url: str


class DecisionGate(Protocol):
    def choices(self, measure: Measure) -> list[tuple[int, str]]:
        """The decisions that may be named for the measure: (id, label)."""

    def check(self, *, measure: Measure, decision: int) -> str:
        """The decision's label; ValidationError on `decision` when it does not cover the
        measure or is not endorsed."""

    def record(self, *, transition: MeasureTransition, decision: int) -> None:
        """Link the transition to the decision, in the caller's transaction."""

    def links(self, transition_ids: list[int]) -> dict[int, DecisionLink]:
        """The decision of each transition that has one, in a constant number of queries."""


class NoDecisions:
    """Stands in until an app registers a gate: no decision can be named."""

    def choices(self, measure: Measure) -> list[tuple[int, str]]:
        return []

    def check(self, *, measure: Measure, decision: int) -> str:
        raise ValidationError({"decision": _("No decision can be named here.")})

    def record(self, *, transition: MeasureTransition, decision: int) -> None:
        raise ValidationError({"decision": _("No decision can be named here.")})

    def links(self, transition_ids: list[int]) -> dict[int, DecisionLink]:
        return {}


_gate: list[DecisionGate] = []


def decision_gate_register(gate: DecisionGate) -> None:
    _gate[:] = [gate]


def decision_gate() -> DecisionGate:
    return _gate[0] if _gate else NoDecisions()
