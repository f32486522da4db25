"""The proposals that match a picker's search (portfolio/picker.py), with screened titles."""

import re

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from forums.forms.forum_admin import ADVISABLE
from forums.models import Proposal
from forums.records_access import screened_proposals
from portfolio.permissions import is_coordinator, is_secretariat
from portfolio.picker import PickerSearchView

REGISTER_NUMBER = re.compile(r"(\d{4})/(\d{1,4})")


class ProposalPickerView(PickerSearchView):
    # "endorsed": what a new proposal may amend; "current": what an agenda item may name;
    # "advisable": what a service forum's or core group's meeting may advise on.
    scopes = ("endorsed", "current", "advisable")

    def dispatch(self, request, *args, **kwargs):
        # Only those who fill in the forms with proposals: it searches titles and texts that
        # others may not read.
        user = request.user
        if user.is_authenticated and not (is_coordinator(user) or is_secretariat(user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def search(self, query, exclude, scope):
        proposals = Proposal.objects.select_related("forum").exclude(pk__in=exclude)
        if scope == "endorsed":
            proposals = proposals.filter(status=Proposal.Status.ENDORSED)
        elif scope == "advisable":
            proposals = proposals.filter(ADVISABLE)
        else:
            proposals = proposals.exclude(status=Proposal.Status.WITHDRAWN)
        number = REGISTER_NUMBER.search(query)
        if number:
            matches = Q(year=int(number[1]), number=int(number[2]))
        else:
            matches = Q(title__icontains=query) | Q(forum__code__iexact=query)
        return proposals.filter(matches).order_by("-year", "-number")

    def labels(self, objects):
        screened = screened_proposals(self.request.user, [p.pk for p in objects])
        return [(str(p.pk), f"{p.register_number} {screened.get(p.pk, p.title)}") for p in objects]
