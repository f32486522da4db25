"""API of the minutes review workflow: minutes with entries and comments, actions as POST."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from forums.api_approvals import (
    ApprovalActionMixin,
    ApprovalOutputSerializer,
    DerivedStatusField,
)
from forums.models import AgendaItem, Minutes, MinutesEntry, Proposal, ReviewComment
from forums.permissions import ensure_may_edit_minutes, ensure_seat_ministry
from forums.services import minutes as minutes_services
from portfolio.api_docs import ANY_USER, conflict, operation_doc, rejected
from portfolio.api_fields import SlugRelatedField
from portfolio.models import Ministry

SECRETARIAT_ONLY = gettext_lazy("Only the secretariat (DSS); others get 403.")
MINUTES_APPROVED = conflict(gettext_lazy("The minutes are approved; start a correction instead."))


AGENDA_ITEM = gettext_lazy("Numeric id of an agenda item of the meeting.")
OWNER_MINISTRY = gettext_lazy("Abbreviation of the ministry that owns a follow-up action.")
DUE_DATE = gettext_lazy("Due date of a follow-up action.")
FOLLOW_UP_ONLY = gettext_lazy("Required for a follow-up action, ignored for other kinds.")


PROPOSAL = gettext_lazy("Numeric id of the proposal a conclusion concludes, or null.")


class EntryOutputSerializer(serializers.ModelSerializer):
    proposal_status = serializers.CharField(
        source="proposal.status",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The derived outcome of the proposal it concludes, or null."),
    )
    agenda_item = serializers.IntegerField(
        source="agenda_item_id", read_only=True, help_text=AGENDA_ITEM
    )
    owner_ministry = serializers.SlugRelatedField(
        slug_field="abbreviation", read_only=True, help_text=OWNER_MINISTRY
    )

    class Meta:
        model = MinutesEntry
        fields = [
            "id",
            "agenda_item",
            "kind",
            "text",
            "owner_ministry",
            "due_date",
            "proposal",
            "proposal_status",
        ]
        extra_kwargs = {"due_date": {"help_text": DUE_DATE}, "proposal": {"help_text": PROPOSAL}}


class CommentOutputSerializer(serializers.ModelSerializer):
    ministry = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=gettext_lazy("Abbreviation of the ministry whose seat commented."),
    )

    class Meta:
        model = ReviewComment
        fields = [
            "id",
            "ministry",
            "kind",
            "text",
            "created_at",
            "answer",
            "resolution",
            "answered_at",
        ]
        extra_kwargs = {
            "answer": {"help_text": gettext_lazy("The secretariat's answer; empty until then.")}
        }


class MinutesOutputSerializer(serializers.ModelSerializer):
    entries = EntryOutputSerializer(many=True, read_only=True)
    comments = CommentOutputSerializer(many=True, read_only=True)
    approvals = ApprovalOutputSerializer(
        many=True,
        read_only=True,
        help_text=gettext_lazy("One answer per ministry that attended the meeting."),
    )
    status = DerivedStatusField(
        help_text=gettext_lazy(
            "draft, review or approved. Approved when every attending ministry has approved, "
            "or when the review period has passed and no change request is unanswered."
        )
    )
    approved_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        help_text=gettext_lazy("User name of the chair who approved the minutes."),
    )

    class Meta:
        model = Minutes
        fields = [
            "id",
            "meeting",
            "version",
            "corrects",
            "status",
            "review_ends_on",
            "approved_by",
            "approved_at",
            "pdf_sha256",
            "entries",
            "comments",
            "approvals",
        ]
        extra_kwargs = {
            "meeting": {"help_text": gettext_lazy("Numeric id of the meeting.")},
            "version": {
                "help_text": gettext_lazy("1 for the first minutes; each correction adds one.")
            },
            "corrects": {
                "help_text": gettext_lazy(
                    "Numeric id of the approved minutes this version corrects, or null."
                )
            },
            "review_ends_on": {
                "help_text": gettext_lazy("Last day of the review period (justering).")
            },
            "pdf_sha256": {
                "help_text": gettext_lazy(
                    "SHA-256 checksum of the stored PDF; set when the minutes are approved."
                )
            },
        }


class EntryInputSerializer(serializers.Serializer):
    agenda_item = serializers.IntegerField(help_text=AGENDA_ITEM)
    kind = serializers.ChoiceField(choices=MinutesEntry.Kind.choices)
    text = serializers.CharField(max_length=5000)
    owner_ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        required=False,
        allow_null=True,
        help_text=format_lazy("{} {}", OWNER_MINISTRY, FOLLOW_UP_ONLY),
    )
    due_date = serializers.DateField(
        required=False, allow_null=True, help_text=format_lazy("{} {}", DUE_DATE, FOLLOW_UP_ONLY)
    )
    proposal = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.all(), required=False, allow_null=True, help_text=PROPOSAL
    )


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    kind = serializers.ChoiceField(
        choices=ReviewComment.Kind.choices, default=ReviewComment.Kind.COMMENT
    )


class AnswerInputSerializer(serializers.Serializer):
    comment = serializers.IntegerField(
        help_text=gettext_lazy("Numeric id of a review comment on these minutes.")
    )
    answer = serializers.CharField(max_length=5000)
    resolution = serializers.ChoiceField(
        choices=ReviewComment.Resolution.choices,
        required=False,
        default="",
        help_text=gettext_lazy("For a change request: accepted (the entry is edited) or rejected."),
    )


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List minutes"),
        description=gettext_lazy(
            "The minutes of the meetings with their entries (conclusions, recommendations, "
            "information, follow-up actions) and review comments, in every state: draft, in "
            "review and approved. Filter by meeting and status."
        ),
        permissions=ANY_USER,
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get minutes"),
        description=gettext_lazy("One version of the minutes of a meeting."),
        permissions=ANY_USER,
    ),
)
class MinutesViewSet(ApprovalActionMixin, viewsets.ReadOnlyModelViewSet):
    """Minutes with their entries and review comments; the workflow as POST actions.

    The same services as the web pages decide who may do what.
    """

    serializer_class = MinutesOutputSerializer
    filterset_fields = ["meeting", "status"]

    def get_queryset(self):
        return Minutes.objects.select_related("approved_by").prefetch_related(
            "entries__owner_ministry",
            "entries__proposal",
            "comments__ministry",
            "approvals__ministry",
        )

    def _done(self, minutes: Minutes, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=minutes.pk)).data, code)

    @operation_doc(
        summary=gettext_lazy("Add an entry to minutes"),
        description=gettext_lazy(
            "Records a conclusion, recommendation, information or follow-up action for an "
            "agenda item of the meeting; a follow-up action needs an owner ministry and a due "
            "date. Answers with the minutes."
        ),
        permissions=SECRETARIAT_ONLY,
        request=EntryInputSerializer,
        responses={201: MinutesOutputSerializer, 409: MINUTES_APPROVED},
    )
    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        minutes = self.get_object()
        ensure_may_edit_minutes(request.user)  # 403 before anything about the input
        data = EntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        item = AgendaItem.objects.filter(pk=values.pop("agenda_item")).first()
        if item is None:
            raise ValidationError({"agenda_item": [_("The item is not on this meeting's agenda.")]})
        minutes_services.minutes_entry_add(
            actor=request.user, minutes=minutes, agenda_item=item, **values
        )
        return self._done(minutes, status.HTTP_201_CREATED)

    @operation_doc(
        summary=gettext_lazy("Send minutes for review"),
        description=gettext_lazy(
            "Sends the draft to review (justering): the review period starts and the forum's "
            "seats are told."
        ),
        permissions=SECRETARIAT_ONLY,
        request=None,
        responses={
            200: MinutesOutputSerializer,
            400: rejected(gettext_lazy("The minutes have no entries yet.")),
            409: conflict(gettext_lazy("Only a draft can be sent for review.")),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        minutes = minutes_services.minutes_submit(actor=request.user, minutes=self.get_object())
        return self._done(minutes)

    @operation_doc(
        summary=gettext_lazy("Comment on minutes in review"),
        description=gettext_lazy(
            "A ministry's seat in the forum comments on the minutes, or asks for a change, for "
            "its own ministry. Answers with the minutes."
        ),
        permissions=gettext_lazy(
            "Only a member of the forum who holds a ministry's seat and may sign for that "
            "ministry (its sign permission, or a delegation of it); others get 403."
        ),
        request=CommentInputSerializer,
        responses={
            201: MinutesOutputSerializer,
            409: conflict(gettext_lazy("Comments are taken while the minutes are in review.")),
        },
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        minutes = self.get_object()
        ensure_seat_ministry(request.user, minutes.meeting.forum)
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        minutes_services.minutes_comment(actor=request.user, minutes=minutes, **data.validated_data)
        return self._done(minutes, status.HTTP_201_CREATED)

    @operation_doc(
        summary=gettext_lazy("Answer a review comment"),
        description=gettext_lazy(
            "Answers a review comment on these minutes, once. Answers with the minutes."
        ),
        permissions=SECRETARIAT_ONLY,
        request=AnswerInputSerializer,
        responses={
            200: MinutesOutputSerializer,
            409: conflict(
                gettext_lazy("The minutes are approved, or the comment is already answered.")
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        minutes = self.get_object()
        ensure_may_edit_minutes(request.user)
        data = AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = ReviewComment.objects.filter(
            pk=data.validated_data["comment"], minutes=minutes
        ).first()
        if comment is None:
            raise ValidationError({"comment": [_("No such comment on these minutes.")]})
        minutes_services.minutes_comment_answer(
            actor=request.user,
            comment=comment,
            answer=data.validated_data["answer"],
            resolution=data.validated_data["resolution"],
        )
        return self._done(minutes)

    @operation_doc(
        summary=gettext_lazy("Approve minutes"),
        description=gettext_lazy(
            "Approves the minutes after the review period, once every review comment is "
            "answered. The PDF is stored with its SHA-256 checksum, and the minutes can then "
            "only be corrected."
        ),
        permissions=gettext_lazy("Only the chair of the meeting's forum; others get 403."),
        request=None,
        responses={
            200: MinutesOutputSerializer,
            409: conflict(
                gettext_lazy(
                    "The minutes are not in review, the review period has not ended, or a "
                    "comment is not answered."
                )
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        minutes = minutes_services.minutes_approve(actor=request.user, minutes=self.get_object())
        return self._done(minutes)

    @operation_doc(
        summary=gettext_lazy("Correct approved minutes"),
        description=gettext_lazy(
            "Starts a correction: a new draft version linked to the approved minutes, which "
            "stay as they are. Answers with the new draft."
        ),
        permissions=SECRETARIAT_ONLY,
        request=None,
        responses={
            201: MinutesOutputSerializer,
            409: conflict(
                gettext_lazy("The minutes are not approved, or already have a correction.")
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        correction = minutes_services.minutes_correct(actor=request.user, minutes=self.get_object())
        return self._done(correction, status.HTTP_201_CREATED)
