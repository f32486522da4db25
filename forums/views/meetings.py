"""A meeting: its agenda, papers, attendance, and the secretariat's actions."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from forums.forms.meetings import AgendaItemForm, AttachmentForm, AttendanceForm, RescheduleForm
from forums.models import AgendaItem, Attachment, Meeting
from forums.pdf import agenda_pdf
from forums.permissions import can_plan_meetings, visible_proposals
from forums.records_access import can_read_record, screen_titles
from forums.selectors.meetings import meeting_detail
from forums.services import meetings as services
from forums.services.attachments import attachment_add, download_content_type
from forums.services.minutes import minutes_create
from forums.views import confirmations
from forums.views.common import page_with, run_action, run_form
from forums.views.meeting_advice import meeting_advice_context
from portfolio.confirm import confirm_page


def _meeting(pk: int) -> Meeting:
    try:
        return meeting_detail(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


class MeetingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "forums/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = _meeting(self.kwargs["pk"])
        planner = can_plan_meetings(self.request.user)
        sent = kwargs.pop("forms", {})  # a form sent with bad input, shown with its errors
        blank = {
            "agenda_form": lambda: AgendaItemForm(),
            "reschedule_form": lambda: RescheduleForm(
                initial={
                    "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
                    "place": meeting.place,
                }
            ),
            "attendance_form": lambda: AttendanceForm(meeting=meeting),
        }
        forms = {
            name: sent[name] if name in sent else (make() if planner else None)
            for name, make in blank.items()
        }
        items = meeting.agenda_items.all()
        # Shown, never saved: papers and proposals the reader may not read keep their titles hidden.
        screen_titles(
            self.request.user,
            [doc for item in items for doc in (*item.attachments.all(), *item.proposals.all())],
        )
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            "items": items,
            "attendance": meeting.attendance.all(),
            "has_minutes": bool(meeting.minutes.all()),
            "planner": planner,
            "is_open": meeting.status in services.OPEN_STATES,
            "is_past": meeting.starts_at <= timezone.now(),
            **forms,
            # The upload form is drawn by hand per item; a refused upload shows at its item.
            "attachment_form": sent.get("attachment_form"),
            "attachment_item": sent.get("attachment_item"),
            **meeting_advice_context(self.request.user, meeting, sent),
        }


class MeetingActionView(LoginRequiredMixin, View):
    """POST /meetings/<pk>/<action>/: the secretariat's changes, each through its service."""

    def get(self, request, pk: int, action: str):
        """Cancelling asks first; the other actions have no question page."""
        meeting = get_object_or_404(Meeting, pk=pk)
        if action != "cancel":
            raise Http404
        if not can_plan_meetings(request.user):
            raise PermissionDenied
        return confirm_page(request, confirmations.meeting_cancel(meeting))

    def post(self, request, pk: int, action: str):
        meeting = get_object_or_404(Meeting, pk=pk)
        back = reverse("forums:meeting-detail", args=[pk])
        user = request.user
        if action == "cancel":
            return run_action(
                request,
                lambda: services.meeting_cancel(actor=user, meeting=meeting),
                success=_("The meeting is cancelled."),
                back=back,
            )
        if action == "reinstate":
            return run_action(
                request,
                lambda: services.meeting_reinstate(actor=user, meeting=meeting),
                success=_("The meeting is reinstated and planned again."),
                back=back,
            )
        if action == "held":
            return run_action(
                request,
                lambda: services.meeting_mark_held(actor=user, meeting=meeting),
                success=_("The meeting is marked as held."),
                back=back,
            )
        # Not "minutes": /meetings/<pk>/minutes/ is the minutes page, which only reads.
        if action == "start-minutes":
            return run_action(
                request,
                lambda: minutes_create(actor=user, meeting=meeting),
                success=_("Draft minutes created."),
                back=reverse("forums:minutes", args=[pk]),
            )
        if not can_plan_meetings(user):
            raise PermissionDenied
        if action == "agenda":
            return run_form(
                request,
                AgendaItemForm(request.POST),
                lambda data: services.agenda_item_create(actor=user, meeting=meeting, **data),
                success=_("The item is on the agenda."),
                back=back,
                page=page_with(MeetingDetailView, request, {"pk": pk}, "agenda_form"),
            )
        if action == "reschedule":
            return run_form(
                request,
                RescheduleForm(request.POST),
                lambda data: services.meeting_reschedule(actor=user, meeting=meeting, **data),
                success=_("The meeting is moved."),
                back=back,
                page=page_with(MeetingDetailView, request, {"pk": pk}, "reschedule_form"),
            )
        if action == "attendance":
            return run_form(
                request,
                AttendanceForm(request.POST, meeting=meeting),
                lambda data: services.attendance_set(actor=user, meeting=meeting, **data),
                success=_("Attendance recorded."),
                back=back,
                page=page_with(MeetingDetailView, request, {"pk": pk}, "attendance_form"),
            )
        raise Http404


class AttachmentUploadView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
        if not can_plan_meetings(request.user):
            raise PermissionDenied
        return run_form(
            request,
            AttachmentForm(request.POST, request.FILES),
            lambda data: attachment_add(actor=request.user, agenda_item=item, upload=data["file"]),
            success=_("The paper is attached."),
            back=reverse("forums:meeting-detail", args=[item.meeting_id]),
            page=page_with(
                MeetingDetailView,
                request,
                {"pk": item.meeting_id},
                "attachment_form",
                attachment_item=item.pk,
            ),
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        attachment = get_object_or_404(Attachment, pk=pk)
        if (
            attachment.proposal_id
            and not visible_proposals(request.user).filter(pk=attachment.proposal_id).exists()
        ):
            raise Http404  # a memo of a draft is as hidden as the draft itself
        if not can_read_record(request.user, getattr(attachment, "record", None)):
            raise Http404  # an exempt paper is not found by guessing its address
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=download_content_type(attachment),
        )


class AgendaPdfView(LoginRequiredMixin, View):
    """GET /meetings/<pk>/agenda.pdf: the notice with the agenda."""

    def get(self, request, pk: int):
        meeting = _meeting(pk)
        if not can_read_record(request.user, getattr(meeting, "notice_record", None)):
            raise Http404
        response = HttpResponse(
            agenda_pdf(meeting, language=get_language()), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="innkalling-{meeting.pk}.pdf"'
        return response
