"""/tiltak/<code>/styring/: the coordinator sets the governance of a measure."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from forums.forms.governance import GovernanceForm
from forums.models import MeasureGovernance
from forums.reporting_cadence import CADENCE_EXPLAINED
from forums.services.governance import (
    default_governance,
    governance_of,
    measure_governance_set,
)
from measures.models import Measure
from measures.permissions import can_coordinate_follow_up
from measures.views.base import ServiceFormView
from portfolio.models import Ministry


class GovernanceEditView(ServiceFormView):
    form_class = GovernanceForm
    success_message = _("The governance of the measure is saved.")

    def load(self) -> None:
        self.measure = get_object_or_404(Measure, code=self.kwargs["code"])
        self.title = _("Governance of %(code)s") % {"code": self.measure.code}

    def allowed(self) -> bool:
        return can_coordinate_follow_up(self.request.user)

    def get_success_url(self) -> str:
        return self.measure.get_absolute_url()

    def get_initial(self):
        governance = governance_of(self.measure)
        return {
            "forum": governance.forum,
            "participation": governance.participation,
            "ministries": list(governance.ministries.all()) if governance.pk else [],
            "reporting_cadence": governance.reporting_cadence,
        }

    def perform(self, data):
        measure_governance_set(actor=self.request.user, measure=self.measure, **data)


def governance_section(measure: Measure, user) -> dict:
    """The governance panel of the measure page (registered in ForumsConfig.ready).

    Two queries: the settings with their forum and ministries; or the default forum.
    """
    governance = (
        MeasureGovernance.objects.filter(measure=measure)
        .select_related("forum", "measure")
        .prefetch_related(
            Prefetch("ministries", queryset=Ministry.objects.order_by("abbreviation"))
        )
        .first()
    )
    recorded = governance is not None
    if governance is None:
        governance = default_governance(measure)
    return {
        "governance": governance,
        "ministries": list(governance.ministries.all()) if recorded else [],
        "recorded": recorded,
        "cadence_explained": CADENCE_EXPLAINED.get(governance.reporting_cadence, ""),
        "may_edit": can_coordinate_follow_up(user),
    }
