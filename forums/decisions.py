"""The forums' side of the lifecycle gate (`measures.decisions`): endorsed proposals decide.

Registered in ForumsConfig.ready(). A measure becomes prioritised or active only by a
proposal that is endorsed and covers the measure; the status change links to it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forums.models import MeasureDecision, Proposal
from measures.decisions import DecisionLink
from measures.models import Measure, MeasureTransition


class EndorsedProposals:
    def choices(self, measure: Measure) -> list[tuple[int, str]]:
        proposals = (
            Proposal.objects.filter(status=Proposal.Status.ENDORSED, measures=measure)
            .select_related("forum")
            .order_by("-closed_at", "-pk")
        )
        return [(p.pk, f"{p.register_number} {p.title}") for p in proposals]

    def check(self, *, measure: Measure, decision: int) -> str:
        proposal = (
            Proposal.objects.filter(pk=decision).select_related("forum").first()
            if isinstance(decision, int) and not isinstance(decision, bool)
            else None
        )
        if proposal is None:
            raise ValidationError(
                {"decision": _("Choose an endorsed proposal that covers the measure.")}
            )
        if proposal.status != Proposal.Status.ENDORSED:
            raise ValidationError(
                {
                    "decision": _("Proposal %(number)s is not endorsed.")
                    % {"number": proposal.register_number}
                }
            )
        if not proposal.measures.filter(pk=measure.pk).exists():
            raise ValidationError(
                {
                    "decision": _("Proposal %(number)s does not cover %(code)s.")
                    % {"number": proposal.register_number, "code": measure.code}
                }
            )
        return proposal.register_number

    def record(self, *, transition: MeasureTransition, decision: int) -> None:
        MeasureDecision.objects.create(transition=transition, proposal_id=decision)

    def links(self, transition_ids: list[int]) -> dict[int, DecisionLink]:
        decisions = MeasureDecision.objects.filter(transition_id__in=transition_ids)
        return {
            d.transition_id: DecisionLink(
                label=d.proposal.register_number, url=d.proposal.get_absolute_url()
            )
            for d in decisions.select_related("proposal__forum")
        }
