"""The proposals API on advice: input from a service forum or a core group, added to a proposal
by the coordinator or the secretariat through the same service as the proposal's page.

POST /api/v1/proposals/{id}/advice/ adds it; the proposal's detail lists it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.decorators import action

from forums.api_proposal_output import ProposalOutput
from forums.models import Forum
from forums.models.proposals import TEXT_MAX
from forums.permissions import may_give_advice
from forums.services import proposals as services
from measures.models import CoreGroup
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import SlugRelatedField, refuse_nul
from portfolio.permissions import ensure

ADVISERS = gettext_lazy("Only the coordinator and the secretariat; others get 403.")


class AdviceInput(serializers.Serializer):
    forum = SlugRelatedField(
        slug_field="slug",
        queryset=Forum.objects.all(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Slug of the service forum it comes from; or give core_group."),
    )
    core_group = SlugRelatedField(
        slug_field="code",
        queryset=CoreGroup.objects.all(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Code of the core group it comes from; or give forum."),
    )
    text = serializers.CharField(max_length=TEXT_MAX, validators=[refuse_nul])


class AdviceActions:
    """The advice action of the proposals' viewset (`_proposal` and `_detail` are its own)."""

    @operation_doc(
        summary=gettext_lazy("Add advice to a proposal"),
        description=gettext_lazy(
            "Records advice from a service forum or a core group (give exactly one) on a draft "
            "or a proposal in consultation. Advice is shown with the proposal; it is not a "
            "position and is never counted. Answers with the proposal."
        ),
        permissions=ADVISERS,
        request=AdviceInput,
        responses={
            201: ProposalOutput,
            409: conflict(gettext_lazy("The proposal is closed or withdrawn.")),
        },
    )
    @action(detail=True, methods=["post"])
    def advice(self, request, pk=None):
        proposal = self._proposal()
        # Who may give advice is answered before anything about the input is revealed.
        ensure(
            may_give_advice(request.user),
            _("Only the coordinator or the secretariat may add advice."),
        )
        data = AdviceInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.advice_add(actor=request.user, proposal=proposal, **data.validated_data)
        return self._detail(proposal, status.HTTP_201_CREATED)
