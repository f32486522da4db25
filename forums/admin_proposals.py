"""What every admin that names proposals shares."""

from forums.models import Proposal
from forums.permissions import visible_proposals


class ProposalChoicesMixin:
    """Proposal fields offer only the proposals the staff user may see (no draft titles)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Proposal:
            kwargs["queryset"] = visible_proposals(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Proposal:
            kwargs["queryset"] = visible_proposals(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
