"""The coordinator's pages for the portfolio itself: a new measure, a new lead ministry."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures import forms
from measures.permissions import can_coordinate_follow_up
from measures.services.measures import measure_create, measure_lead_change
from measures.views.base import ServiceFormView
from measures.views.edit import MeasureFormView


class MeasureCreateView(ServiceFormView):
    """A new measure, as proposed; its page opens once it is saved."""

    form_class = forms.MeasureCreateForm
    title = _("New measure")
    success_message = _("The measure is created.")

    def allowed(self) -> bool:
        return can_coordinate_follow_up(self.request.user)

    def get_success_url(self) -> str:
        created = getattr(self, "created", None)
        return created.get_absolute_url() if created else reverse("portfolio:home")

    def perform(self, data):
        self.created = measure_create(actor=self.request.user, **data)


class LeadChangeView(MeasureFormView):
    """From a date, another ministry leads the measure; the history keeps the earlier lead."""

    form_class = forms.LeadChangeForm
    success_message = _("The lead ministry is changed.")

    def load(self) -> None:
        super().load()
        self.title = _("Change the lead ministry of %(code)s") % {"code": self.measure.code}

    def allowed(self) -> bool:
        return can_coordinate_follow_up(self.request.user) or self.correcting()

    def get_initial(self):
        return {"valid_from": timezone.localdate()}

    def perform(self, data):
        measure_lead_change(actor=self.request.user, measure=self.measure, **data)
