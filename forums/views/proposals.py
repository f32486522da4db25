"""Pages of the decision register: list, detail with positions, and the coordinator's actions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from forums.forms.proposals import (
    AdviceForm,
    EscalateForm,
    ObjectionWithdrawForm,
    PositionForm,
    ProposalCreateForm,
    RegisterFilterForm,
    ReviseForm,
)
from forums.models import Proposal
from forums.permissions import (
    can_sign_for,
    may_give_advice,
    signable_ministry_ids,
    visible_proposals,
)
from forums.records_access import screen_proposal_page, screen_titles
from forums.selectors.proposals import (
    proposal_detail,
    proposal_history,
    proposal_positions,
    proposal_register_rows,
    proposal_years,
    resolved_objections,
    standing_objections,
)
from forums.services import proposals as services
from forums.services.attachments import proposal_memo_add
from forums.views import confirmations
from forums.views.reference_forms import reference_context
from portfolio.caching import cached_page
from portfolio.confirm import confirm_page
from portfolio.models import Ministry
from portfolio.notifications import notifications_mark_read
from portfolio.page_errors import message_refusal, service_refusals
from portfolio.permissions import is_coordinator, sign_grant_ministry_ids
from portfolio.selectors import page_strategy_choice


def _get_proposal(request, pk: int) -> Proposal:
    try:
        return proposal_detail(user=request.user, pk=pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


def _get_visible(request, pk: int) -> Proposal:
    """The proposal, if the user may see it, without what only its page shows: an action
    re-reads it under a lock, and reads the page's part only if it shows the form again."""
    try:
        return visible_proposals(request.user).select_related("forum").get(pk=pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


def _to_detail(proposal: Proposal) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("proposals:detail", args=[proposal.pk]))


REGISTER_PAGE_SIZE = 50


@method_decorator(cached_page, name="dispatch")
class ProposalRegisterView(LoginRequiredMixin, View):
    """The register: every proposal the user may see, searchable and filterable."""

    def get(self, request):
        form = RegisterFilterForm(request.GET or None, years=proposal_years())
        filters = form.cleaned_data if form.is_valid() else {}
        choice = page_strategy_choice(request.GET.get("strategy"))
        proposals = proposal_register_rows(
            strategy=choice,
            user=request.user,
            forum=filters.get("forum") or "",
            year=filters.get("year"),
            measure=filters.get("measure") or "",
            status=filters.get("status") or "",
            q=filters.get("q") or "",
        )
        page = Paginator(proposals, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        screen_titles(request.user, rows)
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "forums/proposals/register.html",
            {
                "form": form,
                "proposals": rows,
                "page": page,
                "query": params.urlencode(),
                "filtered": any(filters.values()),
                "strategy_choice": choice,
                "may_create": is_coordinator(request.user),
                "may_delegate": bool(sign_grant_ministry_ids(request.user)),
            },
        )


class ProposalCreateView(LoginRequiredMixin, View):
    """A coordinator drafts a new proposal (or one that amends an endorsed proposal)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = ProposalCreateForm(initial={"amends": request.GET.get("amends")})
        return render(request, "forums/proposals/create.html", {"form": form})

    def post(self, request):
        form = ProposalCreateForm(request.POST)
        if form.is_valid():
            with service_refusals(form) as refused:
                proposal = services.proposal_create(actor=request.user, **form.cleaned_data)
            if not refused:
                messages.success(request, _("The proposal was created as a draft."))
                return _to_detail(proposal)
            if refused.wrong_state:  # the services raise none here today; say it if one does
                message_refusal(request, refused)
        return render(request, "forums/proposals/create.html", {"form": form}, status=400)


class ProposalDetailView(LoginRequiredMixin, View):
    """One proposal: its text, the positions of all participating ministries, and history."""

    def get(self, request, pk):
        proposal = _get_proposal(request, pk)
        # Seen here: the reader's notifications about this proposal are read.
        notifications_mark_read(
            key_prefix=(f"proposal:{pk}:", f"coordinator:proposal:{pk}:"), recipient=request.user
        )
        return self.render_page(request, proposal)

    @staticmethod
    def render_page(request, proposal, *, forms=None, memo_errors=(), status=200):
        forms = forms or {}
        # Shown, never saved: the reader may not read an exempt current version or memo.
        screened, hidden_versions = screen_proposal_page(
            request.user, proposal, proposal.memos.all()
        )
        rows = proposal_positions(proposal)
        signable = signable_ministry_ids(request.user)
        coordinator = is_coordinator(request.user)
        may_advise = may_give_advice(request.user) and proposal.status in (
            Proposal.Status.DRAFT,
            Proposal.Status.CONSULTATION,
        )
        in_consultation = proposal.status == Proposal.Status.CONSULTATION
        for row in rows:
            row.may_sign = in_consultation and row.ministry.pk in signable
            if row.may_sign:
                key = f"position-{row.ministry.abbreviation}"
                initial = (
                    {"position": row.position.position, "reason": row.position.reason}
                    if row.position
                    else None
                )
                row.form = forms.get(key) or PositionForm(
                    prefix=row.ministry.abbreviation.lower(), initial=initial
                )
                row.withdraw_form = forms.get(f"withdraw-{row.ministry.abbreviation}") or (
                    ObjectionWithdrawForm(prefix=f"withdraw-{row.ministry.abbreviation.lower()}")
                )
        context = {
            "screened": screened,
            "hidden_versions": hidden_versions,
            "proposal": proposal,
            "rows": rows,
            "my_rows": [row for row in rows if getattr(row, "may_sign", False)],
            "objecting": [
                row for row in rows if row.position and row.position.position == "object"
            ],
            "missing": [row for row in rows if row.position is None],
            "history": proposal_history(proposal),
            "resolved_objections": resolved_objections(proposal),
            "is_coordinator": coordinator,
            "escalate_form": forms.get("escalate") or EscalateForm(),
            "may_give_advice": may_advise,
            # Its choices are read from the database: made only where the page shows it.
            "advice_form": forms.get("advice") or (AdviceForm() if may_advise else None),
            "may_add_memo": coordinator
            and proposal.status in (Proposal.Status.DRAFT, Proposal.Status.CONSULTATION),
            "memo_errors": memo_errors,
            **reference_context(request.user, proposal=proposal, form=forms.get("reference")),
        }
        return render(request, "forums/proposals/detail.html", context, status=status)


class ProposalActionView(LoginRequiredMixin, View):
    """Open, close or withdraw: a button on the detail page that calls one service."""

    actions = {
        "open": (services.proposal_open, gettext_lazy("Consultation is open.")),
        "close": (
            services.proposal_close,
            gettext_lazy("The proposal is closed; the outcome is recorded."),
        ),
        "withdraw": (services.proposal_withdraw, gettext_lazy("The proposal was withdrawn.")),
    }
    action = ""
    questions = {"close": confirmations.proposal_close, "withdraw": confirmations.proposal_withdraw}

    def get(self, request, pk):
        """Closing and withdrawing cannot be undone: the button leads here to ask first."""
        proposal = _get_proposal(request, pk)
        if self.action not in self.questions:
            raise Http404
        if not is_coordinator(request.user):
            raise PermissionDenied
        return confirm_page(request, self.questions[self.action](proposal))

    def post(self, request, pk):
        proposal = _get_proposal(request, pk)
        service, done = self.actions[self.action]
        with service_refusals() as refused:
            service(actor=request.user, proposal=proposal)
        if refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, str(done))
        return _to_detail(proposal)


class PositionRecordView(LoginRequiredMixin, View):
    """An admin head (or deputy) records the ministry's position with one form."""

    def post(self, request, pk, abbreviation):
        proposal = _get_visible(request, pk)
        ministry = get_object_or_404(Ministry, abbreviation__iexact=abbreviation)
        form = PositionForm(request.POST, prefix=ministry.abbreviation.lower())
        if form.is_valid():
            with service_refusals(form) as refused:
                services.position_record(
                    actor=request.user, proposal=proposal, ministry=ministry, **form.cleaned_data
                )
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(
                    request,
                    _("The position of %(ministry)s is recorded.") % {"ministry": ministry},
                )
                return _to_detail(proposal)
        elif not can_sign_for(user=request.user, ministry=ministry):
            raise PermissionDenied
        key = f"position-{ministry.abbreviation}"
        proposal = _get_proposal(request, pk)
        return ProposalDetailView.render_page(request, proposal, forms={key: form}, status=400)


class ObjectionWithdrawView(LoginRequiredMixin, View):
    def post(self, request, pk, abbreviation):
        proposal = _get_visible(request, pk)
        ministry = get_object_or_404(Ministry, abbreviation__iexact=abbreviation)
        # Who may sign is answered before anything about the input is revealed.
        if not can_sign_for(user=request.user, ministry=ministry):
            raise PermissionDenied
        form = ObjectionWithdrawForm(
            request.POST, prefix=f"withdraw-{ministry.abbreviation.lower()}"
        )
        if form.is_valid():
            with service_refusals(form) as refused:
                services.objection_withdraw(
                    actor=request.user, proposal=proposal, ministry=ministry, **form.cleaned_data
                )
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(request, _("The objection was withdrawn."))
                return _to_detail(proposal)
        key = f"withdraw-{ministry.abbreviation}"
        proposal = _get_proposal(request, pk)
        return ProposalDetailView.render_page(request, proposal, forms={key: form}, status=400)


class ProposalReviseView(LoginRequiredMixin, View):
    """A coordinator revises the text in consultation: a new version, positions reset."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        proposal = _get_proposal(request, pk)
        form = ReviseForm(
            initial={"title": proposal.title, "text": proposal.text},
            objections=standing_objections(proposal),
        )
        return render(request, "forums/proposals/revise.html", {"proposal": proposal, "form": form})

    def post(self, request, pk):
        proposal = _get_proposal(request, pk)
        form = ReviseForm(request.POST, objections=standing_objections(proposal))
        if form.is_valid():
            with service_refusals(form) as refused:
                services.proposal_revise(
                    actor=request.user, proposal=proposal, **form.service_data()
                )
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(
                    request, _("A new version was made; every ministry must answer again.")
                )
                return _to_detail(proposal)
        return render(
            request,
            "forums/proposals/revise.html",
            {"proposal": proposal, "form": form},
            status=400,
        )


class ProposalEscalateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        proposal = _get_proposal(request, pk)
        form = EscalateForm(request.POST)
        if form.is_valid():
            with service_refusals(form) as refused:
                services.proposal_escalate(
                    actor=request.user, proposal=proposal, **form.cleaned_data
                )
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(request, _("The escalation is recorded."))
                return _to_detail(proposal)
        elif not is_coordinator(request.user):
            raise PermissionDenied
        return ProposalDetailView.render_page(
            request, proposal, forms={"escalate": form}, status=400
        )


class AdviceAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        proposal = _get_proposal(request, pk)
        if not may_give_advice(request.user):
            raise PermissionDenied
        form = AdviceForm(request.POST)
        if form.is_valid():
            with service_refusals(form) as refused:
                services.advice_add(
                    actor=request.user,
                    proposal=proposal,
                    text=form.cleaned_data["text"],
                    **form.source_objects(),
                )
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(request, _("The advice was added."))
                return _to_detail(proposal)
        return ProposalDetailView.render_page(request, proposal, forms={"advice": form}, status=400)


class MemoAddView(LoginRequiredMixin, View):
    """A coordinator attaches a memo (notat) to an open proposal."""

    def post(self, request, pk):
        proposal = _get_proposal(request, pk)
        if not is_coordinator(request.user):
            raise PermissionDenied
        upload = request.FILES.get("memo-file")
        if upload is None:
            errors = [_("Choose a file to attach.")]
        else:
            with service_refusals() as refused:
                proposal_memo_add(actor=request.user, proposal=proposal, upload=upload)
            if refused.wrong_state:
                message_refusal(request, refused)
                return _to_detail(proposal)
            if not refused:
                messages.success(request, _("The memo is attached."))
                return _to_detail(proposal)
            errors = refused.messages
        return ProposalDetailView.render_page(request, proposal, memo_errors=errors, status=400)
