"""API of follow-up actions: the list with filters, and complete, cancel and reopen as POST."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from forums.models import FollowUpAction
from forums.selectors.follow_up import follow_up_action_list
from forums.services import follow_up as services
from portfolio.api_docs import ANY_USER, conflict, operation_doc
from portfolio.api_fields import STRATEGY_PARAMETER, strategy_parameter
from portfolio.caching import CachedListMixin
from portfolio.models import Ministry

OWNER_ONLY = gettext_lazy(
    "Only the owner ministry's admin head, or someone who holds a delegation from that "
    "ministry; others get 403."
)
NOT_OPEN = conflict(gettext_lazy("The action is already closed."))


class FollowUpActionOutputSerializer(serializers.ModelSerializer):
    owner_ministry: "serializers.SlugRelatedField[Ministry]" = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=gettext_lazy("Abbreviation of the ministry that owes the action."),
    )
    minutes = serializers.IntegerField(
        source="minutes_entry.minutes_id",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Numeric id of the minutes the action comes from, or null."),
    )
    meeting = serializers.IntegerField(
        source="minutes_entry.minutes.meeting_id",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Numeric id of the meeting the action comes from, or null."),
    )
    proposal = serializers.CharField(
        source="proposal.register_number",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "Register number of the decision (proposal) it comes from, or null."
        ),
    )
    measure = serializers.CharField(
        source="measure.code",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Code of the measure it concerns, or null."),
    )
    overdue = serializers.SerializerMethodField(
        help_text=gettext_lazy("True when the action is open and its due date has passed.")
    )

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "owner_ministry",
            "due_date",
            "state",
            "text",
            "minutes_entry",
            "minutes",
            "meeting",
            "proposal",
            "measure",
            "overdue",
            "account",
            "reason",
            "closed_at",
        ]
        extra_kwargs = {
            "minutes_entry": {
                "help_text": gettext_lazy("Numeric id of the minutes entry it comes from, or null.")
            },
            "account": {"help_text": gettext_lazy("What was done; set when the action is done.")},
            "reason": {"help_text": gettext_lazy("Why it was cancelled; set when cancelled.")},
        }

    def get_overdue(self, obj: FollowUpAction) -> bool:
        return obj.is_overdue


class FollowUpActionFilter(django_filters.FilterSet):
    ministry = django_filters.CharFilter(method="by_ministry")
    state = django_filters.ChoiceFilter(choices=FollowUpAction.State.choices)
    overdue = django_filters.BooleanFilter(
        method="by_overdue",
        help_text=gettext_lazy("true: only open actions whose due date has passed."),
    )

    class Meta:
        model = FollowUpAction
        fields = ["ministry", "state", "overdue"]

    def by_ministry(self, queryset, name, value):
        return queryset.filter(owner_ministry__abbreviation__iexact=value)

    def by_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state=FollowUpAction.State.OPEN, due_date__lt=timezone.localdate())


class AccountInputSerializer(serializers.Serializer):
    account = serializers.CharField(
        max_length=5000, help_text=gettext_lazy("A short account of what was done.")
    )


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=5000, help_text=gettext_lazy("Why the action is no longer to be done.")
    )


@extend_schema_view(
    list=operation_doc(
        summary=gettext_lazy("List follow-up actions"),
        description=gettext_lazy(
            "The follow-up actions the decisions and minutes put on the ministries, soonest "
            "due first, with what each comes from. Filter by owner ministry, state and "
            "overdue, and choose the strategy period (the current one by default): an action "
            "belongs to the strategy of the measure it concerns, else to the period of its "
            "decision or meeting."
        ),
        permissions=ANY_USER,
        parameters=[STRATEGY_PARAMETER],
    ),
    retrieve=operation_doc(
        summary=gettext_lazy("Get a follow-up action"),
        description=gettext_lazy("One follow-up action."),
        permissions=ANY_USER,
    ),
)
class FollowUpActionViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Follow-up actions; the same services as the web pages decide who may close them."""

    serializer_class = FollowUpActionOutputSerializer
    filterset_class = FollowUpActionFilter

    def get_queryset(self):
        if self.action != "list" or getattr(self, "swagger_fake_view", False):
            # One action is found by its id whatever its strategy; the schema reads none.
            return follow_up_action_list()
        return follow_up_action_list(strategy=strategy_parameter(self.request))

    def _done(self, followup: FollowUpAction) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=followup.pk)).data)

    def _close(self, request, input_class, service) -> Response:
        """Another ministry gets 403 before its input is looked at; then 400, then 409."""
        followup = self.get_object()
        services.ensure_may_close(actor=request.user, action=followup)
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(service(actor=request.user, action=followup, **data.validated_data))

    @operation_doc(
        summary=gettext_lazy("Complete a follow-up action"),
        description=gettext_lazy(
            "Marks an open action done, with a short account of what was done. Answers with "
            "the action in its new state."
        ),
        permissions=OWNER_ONLY,
        request=AccountInputSerializer,
        responses={200: FollowUpActionOutputSerializer, 409: NOT_OPEN},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._close(request, AccountInputSerializer, services.follow_up_action_complete)

    @operation_doc(
        summary=gettext_lazy("Cancel a follow-up action"),
        description=gettext_lazy(
            "Cancels an open action, with the reason it is no longer to be done. Answers "
            "with the action in its new state."
        ),
        permissions=OWNER_ONLY,
        request=ReasonInputSerializer,
        responses={200: FollowUpActionOutputSerializer, 409: NOT_OPEN},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._close(request, ReasonInputSerializer, services.follow_up_action_cancel)

    @operation_doc(
        summary=gettext_lazy("Reopen a follow-up action"),
        description=gettext_lazy(
            "Reopens a done or cancelled action. Answers with the action in its new state."
        ),
        permissions=gettext_lazy("Only the coordinator; others get 403."),
        request=None,
        responses={
            200: FollowUpActionOutputSerializer,
            409: conflict(gettext_lazy("The action is already open.")),
        },
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        followup = services.follow_up_action_reopen(actor=request.user, action=self.get_object())
        return self._done(followup)
