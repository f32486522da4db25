"""Papers for agenda items and memos for proposals, uploaded through the API (multipart) with
the same checks as the pages: only PDF and office documents up to 20 MB, judged by content."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from forums.api_meetings import PLANNERS, AgendaItemViewSet
from forums.api_proposals import ProposalViewSet
from forums.models import Attachment
from forums.permissions import ensure_may_prepare_proposals
from forums.services.attachments import attachment_add, proposal_memo_add
from portfolio.api_docs import conflict, operation_doc

FILE_RULES = _(
    "Only PDF, DOCX, XLSX, PPTX and ODF documents of at most 20 MB, judged by their content; "
    "the file name's extension must fit the content."
)


class UploadInput(serializers.Serializer):
    file = serializers.FileField(help_text=FILE_RULES)


class AttachmentOutput(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(
        help_text=_("Address that downloads the file, for a logged-in user who may read it.")
    )

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at", "download"]
        extra_kwargs = {"size": {"help_text": _("Size of the file in bytes.")}}

    def get_download(self, attachment: Attachment) -> str:
        return reverse("forums:attachment-download", args=[attachment.pk])


def _upload(request) -> object:
    data = UploadInput(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data["file"]


class AgendaItemPaperViewSet(AgendaItemViewSet):
    """Agenda items; the secretariat attaches the meeting papers to them."""

    @operation_doc(
        summary=_("Attach a paper to an agenda item"),
        description=_(
            "Uploads a meeting paper for an item on the agenda of a meeting that is not yet "
            "held or cancelled, as multipart/form-data with the field file. It is recorded in "
            "the journal. Answers with the stored paper."
        ),
        permissions=PLANNERS,
        request={"multipart/form-data": UploadInput},
        responses={
            201: AttachmentOutput,
            409: conflict(_("Papers can only be added before the meeting is held.")),
        },
    )
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        item = self.get_object()  # the secretariat alone gets here (MayPlan)
        attachment = attachment_add(actor=request.user, agenda_item=item, upload=_upload(request))
        return Response(AttachmentOutput(attachment).data, status.HTTP_201_CREATED)


class ProposalMemoViewSet(ProposalViewSet):
    """Proposals; the coordinator attaches memos to open ones."""

    @operation_doc(
        summary=_("Attach a memo to a proposal"),
        description=_(
            "Uploads a memo (notat) for a draft or a proposal in consultation, as "
            "multipart/form-data with the field file. Answers with the stored memo."
        ),
        permissions=_("Only the coordinator; others get 403."),
        request={"multipart/form-data": UploadInput},
        responses={
            201: AttachmentOutput,
            409: conflict(_("A closed proposal cannot change.")),
        },
    )
    @action(detail=True, methods=["post"])
    def memo(self, request, pk=None):
        proposal = self.get_object()
        ensure_may_prepare_proposals(request.user)  # 403 before anything about the input
        attachment = proposal_memo_add(
            actor=request.user, proposal=proposal, upload=_upload(request)
        )
        return Response(AttachmentOutput(attachment).data, status.HTTP_201_CREATED)
