"""The minutes of a meeting: entries, review comments and answers, approval, the PDF."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.meetings import AnswerForm, ApprovalForm, CommentForm, EntryEditForm, EntryForm
from forums.models import Meeting, Minutes, MinutesEntry, ReviewComment
from forums.pdf import minutes_pdf
from forums.permissions import (
    ensure_may_edit_minutes,
    ensure_seat_ministry,
    is_chair,
    seat_ministry,
)
from forums.records_access import can_read_record
from forums.selectors.meetings import minutes_current
from forums.services import minutes as services
from forums.services.approvals import minutes_approval_record
from forums.services.entries import minutes_entry_edit
from forums.services.outcome import by_silence, minutes_outcome
from forums.views import confirmations
from forums.views.common import page_with, run_action, run_form
from forums.views.reference_forms import reference_context
from portfolio.confirm import confirm_page
from portfolio.models import Ministry
from portfolio.permissions import is_secretariat


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)


class MinutesView(LoginRequiredMixin, TemplateView):
    template_name = "forums/minutes.html"

    def get_context_data(self, **kwargs):
        meeting = _meeting(self.kwargs["pk"])
        sent = kwargs.pop("forms", {})  # a form sent with bad input, shown with its errors
        minutes = minutes_current(meeting=meeting)
        user = self.request.user
        secretariat = is_secretariat(user)
        groups: dict = {}
        if minutes:
            for entry in minutes.entries.all():
                groups.setdefault(entry.agenda_item, []).append(entry)
        editable = bool(minutes and not minutes.is_frozen and secretariat)
        seat = seat_ministry(user, meeting.forum)
        commenting = bool(minutes and seat and minutes.status == Minutes.Status.REVIEW)
        approvals = list(minutes.approvals.select_related("ministry")) if minutes else []
        for approval in approvals:
            approval.silent = by_silence(approval)
        answering = commenting and any(a.ministry_id == seat.pk for a in approvals)
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            "minutes": minutes,
            "groups": groups.items(),
            "comments": minutes.comments.all() if minutes else [],
            "secretariat": secretariat,
            "editable": editable,
            "entry_form": sent.get("entry_form")
            or (EntryForm(meeting=meeting) if editable else None),
            "seat": seat,
            "approvals": approvals,
            "outcome": minutes_outcome(minutes) if minutes else None,
            "approval_form": sent.get("approval_form") or (ApprovalForm() if answering else None),
            "comment_form": sent.get("comment_form") or (CommentForm() if commenting else None),
            "answer_form": sent.get("answer_form") or (AnswerForm() if editable else None),
            # One edit form per entry, drawn by the template; a refused edit shows at its entry.
            "edit_form": sent.get("edit_form"),
            "edit_entry": sent.get("edit_entry"),
            # Like adding an entry: ministries that existed on the meeting's day.
            "owner_choices": (
                Ministry.objects.owners().active_on(timezone.localdate(meeting.starts_at))
                if editable
                else []
            ),
            # The answer form is drawn by hand per comment; a refused answer shows at its comment.
            "answer_comment": sent.get("answer_comment"),
            "can_approve": bool(
                minutes
                and minutes.status == Minutes.Status.REVIEW
                and is_chair(user, meeting.forum)
            ),
            "review_over": bool(
                minutes and minutes.review_ends_on and minutes.review_ends_on < timezone.localdate()
            ),
            "can_create": secretariat and not minutes,
            **reference_context(user, minutes=minutes, form=sent.get("reference_form")),
        }


class MinutesActionView(LoginRequiredMixin, View):
    """POST /minutes/<pk>/<action>/: each action through its service, which checks who."""

    def get(self, request, pk: int, action: str):
        """Approving freezes the minutes: the button leads here to ask first."""
        minutes = get_object_or_404(Minutes.objects.select_related("meeting__forum"), pk=pk)
        if action != "approve":
            raise Http404
        if not is_chair(request.user, minutes.meeting.forum):
            raise PermissionDenied
        return confirm_page(request, confirmations.minutes_approve(minutes))

    def post(self, request, pk: int, action: str):
        minutes = get_object_or_404(Minutes, pk=pk)
        back = reverse("forums:minutes", args=[minutes.meeting_id])
        user = request.user
        # Who may is answered before the form is looked at (403, not a form with errors).
        if action == "entry":
            ensure_may_edit_minutes(user)
            return run_form(
                request,
                EntryForm(request.POST, meeting=minutes.meeting),
                lambda data: services.minutes_entry_add(actor=user, minutes=minutes, **data),
                success=_("The entry is recorded."),
                back=back,
                page=page_with(MinutesView, request, {"pk": minutes.meeting_id}, "entry_form"),
            )
        if action == "comment":
            ensure_seat_ministry(user, minutes.meeting.forum)
            return run_form(
                request,
                CommentForm(request.POST),
                lambda data: services.minutes_comment(actor=user, minutes=minutes, **data),
                success=_("Your comment is recorded."),
                back=back,
                page=page_with(MinutesView, request, {"pk": minutes.meeting_id}, "comment_form"),
            )
        if action == "approval":
            seat = seat_ministry(user, minutes.meeting.forum)
            if seat is None:
                raise PermissionDenied(
                    _("Only the ministry's seat in the forum may answer for it.")
                )
            return run_form(
                request,
                ApprovalForm(request.POST),
                lambda data: minutes_approval_record(
                    actor=user, minutes=minutes, ministry=seat, **data
                ),
                success=_("Your ministry's answer is recorded."),
                back=back,
                page=page_with(MinutesView, request, {"pk": minutes.meeting_id}, "approval_form"),
            )
        if action == "submit":
            call, done = services.minutes_submit, _("The minutes are sent for review.")
        elif action == "approve":
            call, done = services.minutes_approve, _("The minutes are approved.")
        elif action == "correct":
            call, done = services.minutes_correct, _("A correction is started as a new version.")
        else:
            raise Http404
        return run_action(
            request, lambda: call(actor=user, minutes=minutes), success=done, back=back
        )


class EntryDeleteView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        entry = get_object_or_404(
            MinutesEntry.objects.select_related("minutes", "agenda_item"), pk=pk
        )
        if not is_secretariat(request.user):
            raise PermissionDenied
        return confirm_page(request, confirmations.entry_delete(entry))

    def post(self, request, pk: int):
        entry = get_object_or_404(MinutesEntry.objects.select_related("minutes"), pk=pk)
        return run_action(
            request,
            lambda: services.minutes_entry_delete(actor=request.user, entry=entry),
            success=_("The entry is removed."),
            back=reverse("forums:minutes", args=[entry.minutes.meeting_id]),
        )


class EntryEditView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        entry = get_object_or_404(MinutesEntry.objects.select_related("minutes"), pk=pk)
        meeting_pk = entry.minutes.meeting_id
        return run_form(
            request,
            EntryEditForm(request.POST),
            lambda data: minutes_entry_edit(actor=request.user, entry=entry, **data),
            success=_("The entry is changed."),
            back=reverse("forums:minutes", args=[meeting_pk]),
            page=page_with(
                MinutesView, request, {"pk": meeting_pk}, "edit_form", edit_entry=entry.pk
            ),
        )


class CommentAnswerView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        comment = get_object_or_404(ReviewComment.objects.select_related("minutes"), pk=pk)
        meeting_pk = comment.minutes.meeting_id
        ensure_may_edit_minutes(request.user)  # before the form is looked at
        return run_form(
            request,
            AnswerForm(request.POST),
            lambda data: services.minutes_comment_answer(
                actor=request.user, comment=comment, **data
            ),
            success=_("The answer is recorded."),
            back=reverse("forums:minutes", args=[meeting_pk]),
            page=page_with(
                MinutesView, request, {"pk": meeting_pk}, "answer_form", answer_comment=comment.pk
            ),
        )


class MinutesPdfView(LoginRequiredMixin, View):
    """GET /meetings/<pk>/minutes.pdf: the stored PDF of approved minutes, else the draft."""

    def get(self, request, pk: int):
        meeting = _meeting(pk)
        minutes = minutes_current(meeting=meeting)
        if minutes is None:
            raise Http404
        if not can_read_record(request.user, getattr(minutes, "record", None)):
            raise Http404
        if minutes.is_frozen and minutes.pdf:
            with minutes.pdf.open("rb") as stored:
                content = stored.read()
        else:
            # Not yet a record: the draft is shown in the reader's language.
            content = minutes_pdf(minutes, language=get_language())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="referat-{meeting.pk}-v{minutes.version}.pdf"'
        )
        return response
