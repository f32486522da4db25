"""The assessment page of a measure: a ministry's (or the coordinator's) A/B/C scores.

In the open reporting period the user gives their own ministry's scores. On a measure of a
closed strategy period the secretariat corrects the scores a ministry gave in a period: those of
`?ministry=<abbreviation>&period=<id>`, by default the latest given.
"""

from django.utils.translation import gettext_lazy as _

from measures import forms
from measures.exceptions import WrongState
from measures.models import CriteriaAssessment
from measures.permissions import can_assess
from measures.selectors import open_period
from measures.services.assessments import assessment_record, assessment_revise
from measures.views.edit import MeasureFormView
from portfolio.models import Criterion
from portfolio.permissions import ministry_of
from portfolio.types import Text

NOTHING_TO_CORRECT = _("This measure has no assessment to correct.")


class AssessmentView(MeasureFormView):
    """Give one's ministry's assessment in the open period, or correct one (module docstring)."""

    success_message = _("The assessment is saved.")

    def load(self) -> None:
        super().load()
        self.title = _("Assess %(code)s %(name)s") % {
            "code": self.measure.code,
            "name": self.measure.name,
        }
        self.given: list[CriteriaAssessment] = []
        if self.correcting():
            self.given = self._given()
            self.period = self.given[0].period if self.given else None
            self.criteria = [item.criterion for item in self.given]
        else:
            self.period = open_period()
            self.criteria = list(Criterion.objects.order_by("code"))

    def _given(self) -> list[CriteriaAssessment]:
        """The scores one ministry gave in one period: those asked for, else the latest."""
        rows = self.measure.assessments.select_related("criterion", "ministry", "period")
        ministry, period = self.request.GET.get("ministry"), self.request.GET.get("period", "")
        if ministry:
            rows = rows.filter(ministry__abbreviation=ministry)
        if period.isdigit():
            rows = rows.filter(period_id=int(period))
        ordered = list(
            rows.order_by("-period__year", "-period__sequence", "ministry__abbreviation")
        )
        if not ordered:
            return []
        first = ordered[0]
        chosen = [
            row
            for row in ordered
            if row.ministry_id == first.ministry_id and row.period_id == first.period_id
        ]
        return sorted(chosen, key=lambda row: row.criterion.code)

    def allowed(self) -> bool:
        return can_assess(user=self.request.user) or self.correcting()

    def build_form(self, form_class=None):
        return forms.AssessmentForm(criteria=self.criteria, **self.get_form_kwargs())

    def get_initial(self):
        if self.correcting():
            items = self.given
        elif self.period is None:
            return {}
        else:
            items = list(
                self.measure.assessments.filter(
                    period=self.period, ministry=ministry_of(self.request.user)
                ).select_related("criterion")
            )
        initial = {}
        for item in items:
            initial[f"score_{item.criterion.code}"] = item.score
            initial[f"comment_{item.criterion.code}"] = item.comment
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.correcting():
            ministry = self.given[0].ministry if self.given else None
            text = _("Correction of the assessment of %(ministry)s in reporting period %(period)s.")
        else:
            ministry = ministry_of(self.request.user)
            text = _("Assessment for %(ministry)s in reporting period %(period)s.")
        context["intro"] = text % {
            "ministry": ministry.abbreviation if ministry else "–",
            "period": self.period or "–",
        }
        return context

    def read_only_reason(self) -> Text:
        if self.correcting():
            return "" if self.given else NOTHING_TO_CORRECT
        return "" if self.period else _("There is no open reporting period to assess in.")

    def perform(self, data):
        if self.correcting():
            if not self.given:
                raise WrongState(NOTHING_TO_CORRECT)
            for item in self.given:
                code = item.criterion.code
                assessment_revise(
                    actor=self.request.user,
                    assessment=item,
                    score=data[f"score_{code}"],
                    comment=data[f"comment_{code}"],
                )
            return
        if self.period is None:
            raise WrongState(_("There is no open reporting period to assess in."))
        for criterion in self.criteria:
            assessment_record(
                actor=self.request.user,
                measure=self.measure,
                criterion=criterion,
                period=self.period,
                score=data[f"score_{criterion.code}"],
                comment=data[f"comment_{criterion.code}"],
            )
