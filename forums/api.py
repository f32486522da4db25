"""API of the forums app: forums, meetings, and the minutes review workflow."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from forums.exceptions import WrongState
from forums.models import AgendaItem, Forum, Meeting, Minutes, MinutesEntry, ReviewComment
from forums.selectors.meetings import meeting_list
from forums.services import minutes as minutes_services
from portfolio.api_fields import SlugRelatedField
from portfolio.models import Ministry


class ForumOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    measures = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Forum
        fields = ["slug", "code", "kind", "name", "name_nb", "name_en", "advisory_only", "measures"]


class ForumViewSet(viewsets.ReadOnlyModelViewSet):
    """Strategisk forum and the service forums. Readable by every logged-in user."""

    serializer_class = ForumOutputSerializer
    lookup_field = "slug"
    queryset = Forum.objects.prefetch_related("measures")


class ServiceErrorsMixin:
    """Bad input from a service is 400 with field errors; a wrong state is 409."""

    def handle_exception(self, exc):
        if isinstance(exc, WrongState):
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        if isinstance(exc, DjangoValidationError):
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            exc = ValidationError(detail)
        return super().handle_exception(exc)


class MeetingFilter(django_filters.FilterSet):
    forum = django_filters.CharFilter(field_name="forum__slug")
    year = django_filters.NumberFilter(field_name="year")

    class Meta:
        model = Meeting
        fields = ["forum", "year", "status"]


class MeetingOutputSerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "forum",
            "year",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_link",
            "status",
            "sequence",
        ]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings of the forums; filter with ?forum=<slug>&year=<yyyy>."""

    serializer_class = MeetingOutputSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return meeting_list()


class EntryOutputSerializer(serializers.ModelSerializer):
    agenda_item = serializers.IntegerField(source="agenda_item_id", read_only=True)
    owner_ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

    class Meta:
        model = MinutesEntry
        fields = ["id", "agenda_item", "kind", "text", "owner_ministry", "due_date"]


class CommentOutputSerializer(serializers.ModelSerializer):
    ministry = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

    class Meta:
        model = ReviewComment
        fields = ["id", "ministry", "kind", "text", "created_at", "answer", "answered_at"]


class MinutesOutputSerializer(serializers.ModelSerializer):
    entries = EntryOutputSerializer(many=True, read_only=True)
    comments = CommentOutputSerializer(many=True, read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

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
        ]


class EntryInputSerializer(serializers.Serializer):
    agenda_item = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=MinutesEntry.Kind.choices)
    text = serializers.CharField(max_length=5000)
    owner_ministry = SlugRelatedField(
        slug_field="abbreviation", queryset=Ministry.objects.all(), required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    kind = serializers.ChoiceField(
        choices=ReviewComment.Kind.choices, default=ReviewComment.Kind.COMMENT
    )


class AnswerInputSerializer(serializers.Serializer):
    comment = serializers.IntegerField()
    answer = serializers.CharField(max_length=5000)


class MinutesViewSet(ServiceErrorsMixin, viewsets.ReadOnlyModelViewSet):
    """Minutes with their entries and review comments; the workflow as POST actions.

    The same services as the web pages decide who may do what.
    """

    serializer_class = MinutesOutputSerializer
    filterset_fields = ["meeting", "status"]

    def get_queryset(self):
        return Minutes.objects.select_related("approved_by").prefetch_related(
            "entries__owner_ministry", "comments__ministry"
        )

    def _done(self, minutes: Minutes, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=minutes.pk)).data, code)

    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        minutes = self.get_object()
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

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        minutes = minutes_services.minutes_submit(actor=request.user, minutes=self.get_object())
        return self._done(minutes)

    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        minutes = self.get_object()
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        minutes_services.minutes_comment(actor=request.user, minutes=minutes, **data.validated_data)
        return self._done(minutes, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        minutes = self.get_object()
        data = AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = ReviewComment.objects.filter(
            pk=data.validated_data["comment"], minutes=minutes
        ).first()
        if comment is None:
            raise ValidationError({"comment": [_("No such comment on these minutes.")]})
        minutes_services.minutes_comment_answer(
            actor=request.user, comment=comment, answer=data.validated_data["answer"]
        )
        return self._done(minutes)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        minutes = minutes_services.minutes_approve(actor=request.user, minutes=self.get_object())
        return self._done(minutes)

    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        correction = minutes_services.minutes_correct(actor=request.user, minutes=self.get_object())
        return self._done(correction, status.HTTP_201_CREATED)
