"""The justering in the API: each attending ministry's answer, and the derived status."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import action

from forums.models import Minutes, MinutesApproval
from forums.services import approvals as services
from forums.services.outcome import by_silence, minutes_outcome
from portfolio.api_docs import conflict, operation_doc
from portfolio.models import Ministry


class ApprovalOutputSerializer(serializers.ModelSerializer):
    ministry: "serializers.SlugRelatedField[Ministry]" = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=gettext_lazy("Abbreviation of a ministry that attended the meeting."),
    )
    by_silence = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "True when the ministry did not answer before the review period ended: it counts "
            "as approval."
        )
    )

    class Meta:
        model = MinutesApproval
        fields = ["ministry", "decision", "comment", "decided_at", "by_silence"]
        extra_kwargs = {
            "decision": {"help_text": gettext_lazy("approve or request_changes; null until then.")}
        }

    def get_by_silence(self, obj: MinutesApproval) -> bool:
        return by_silence(obj)


class ApprovalInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=MinutesApproval.Decision.choices)
    comment = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Required when requesting changes."),
    )


@extend_schema_field(serializers.ChoiceField(choices=Minutes.Status.choices))
class DerivedStatusField(serializers.Field):
    """The outcome from the ministries' answers and the review period, never typed."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Minutes) -> str:
        return minutes_outcome(value)


class ApprovalActionMixin:
    """PUT /minutes/{id}/approvals/{ABBR}/ on the minutes viewset."""

    @operation_doc(
        summary=gettext_lazy("Answer for a ministry on minutes in review"),
        description=gettext_lazy(
            "A ministry that attended the meeting approves the minutes, or requests changes "
            "with a comment, which files a change request for the secretariat. Answering again "
            "changes the answer while the review lasts. When every attending ministry has "
            "approved, the minutes are approved. Answers with the minutes."
        ),
        permissions=gettext_lazy(
            "Only the ministry's seat in the forum: a member holding the seat who may sign for "
            "the ministry (its sign permission, or a delegation of it), and only for a ministry "
            "that attended; others get 403, before the input is looked at."
        ),
        request=ApprovalInputSerializer,
        responses={409: conflict(gettext_lazy("The minutes are not in review."))},
        parameters=[OpenApiParameter("abbreviation", str, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["put"],
        url_path=r"approvals/(?P<abbreviation>[^/.]+)",
        url_name="approval",
    )
    def approval(self, request, pk=None, abbreviation=None):
        minutes = self.get_object()
        try:
            ministry = get_object_or_404(Ministry, abbreviation__iexact=abbreviation)
        except Http404 as exc:
            raise exceptions.NotFound() from exc
        if not services.may_answer_for(user=request.user, minutes=minutes, ministry=ministry):
            raise exceptions.PermissionDenied(
                gettext_lazy("Only the ministry's seat in the forum may answer for it.")
            )
        data = ApprovalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.minutes_approval_record(
            actor=request.user, minutes=minutes, ministry=ministry, **data.validated_data
        )
        return self._done(minutes)
