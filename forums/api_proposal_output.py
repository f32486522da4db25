"""What the proposals API answers: a proposal in the register, one proposal, its positions."""

from typing import Any, cast
from weakref import WeakKeyDictionary

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from forums.models import Advice, Proposal
from forums.models.proposals import Resolution
from forums.records_access import screened_proposals
from forums.selectors.proposals import proposal_positions, resolved_objections

MEASURE_CODES = gettext_lazy("Codes of the measures the proposal concerns.")
# The screened titles of the proposals a serializer writes (the whole list, or the one
# proposal), looked up once per serializer and gone with it.
_SCREENED: "WeakKeyDictionary[serializers.BaseSerializer[Any], dict[int, str]]" = (
    WeakKeyDictionary()
)


class PositionOutput(serializers.Serializer):
    ministry = serializers.CharField(
        source="ministry.abbreviation",
        help_text=gettext_lazy("Abbreviation of a participating ministry."),
    )
    position = serializers.CharField(
        source="position.position",
        default=None,
        allow_null=True,
        help_text=gettext_lazy(
            "endorse, stand_aside or object on the current version; null until it answers."
        ),
    )
    reason = serializers.CharField(source="position.reason", default=None, allow_null=True)
    recorded_by = serializers.CharField(
        source="position.recorded_by.username",
        default=None,
        allow_null=True,
        help_text=gettext_lazy("User name of the person who recorded it."),
    )
    recorded_at = serializers.DateTimeField(
        source="position.recorded_at", default=None, allow_null=True
    )


class AdviceOutput(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Slug of the service forum it came from, or null."),
    )
    core_group = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Code of the core group it came from, or null."),
    )
    recorded_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        help_text=gettext_lazy("User name of the person who recorded it."),
    )

    class Meta:
        model = Advice
        fields = ["id", "forum", "core_group", "text", "recorded_by", "created_at"]


class ResolvedObjectionOutput(serializers.Serializer):
    ministry = serializers.CharField(
        source="ministry.abbreviation",
        help_text=gettext_lazy("Abbreviation of the ministry that objected."),
    )
    version = serializers.IntegerField(help_text=gettext_lazy("The version objected to."))
    reason = serializers.CharField(help_text=gettext_lazy("The reason the ministry gave."))
    resolution = serializers.ChoiceField(
        choices=Resolution.choices,
        help_text=gettext_lazy(
            "withdrawn: the ministry withdrew it with an explanation; answered_by_revision: "
            "the coordinator's revision answered it."
        ),
    )
    explanation = serializers.CharField(
        source="resolution_text",
        help_text=gettext_lazy(
            "The ministry's explanation of the withdrawal, or how the revision answers it."
        ),
    )
    resolved_by = serializers.CharField(
        source="withdrawn_by.username",
        default=None,
        allow_null=True,
        help_text=gettext_lazy("User name of the person who resolved it."),
    )
    resolved_at = serializers.DateTimeField(
        source="withdrawn_at", help_text=gettext_lazy("When it was resolved.")
    )


class ProposalListOutput(serializers.ModelSerializer):
    forum = serializers.CharField(source="forum.slug", help_text=gettext_lazy("Slug of the forum."))
    register_number = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy("The forum's code, the year and the number, e.g. SF 2027/03."),
    )
    measures = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=MEASURE_CODES
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "register_number",
            "forum",
            "title",
            "status",
            "version",
            "deadline",
            "silent_consent",
            "measures",
        ]
        extra_kwargs = {
            "version": {
                "help_text": gettext_lazy(
                    "Version of the text; a revision adds one, and only positions on the "
                    "current version count."
                )
            },
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        screened = self._screened()
        if instance.pk in screened:
            # The current version is exempt and the caller may not read it.
            data["title"] = screened[instance.pk]
            if "text" in data:
                data["text"] = ""
        return data

    def _screened(self) -> dict[int, str]:
        holder = self.parent if isinstance(self.parent, serializers.ListSerializer) else self
        screened = _SCREENED.get(holder)
        if screened is None:
            objects = holder.instance if holder is self.parent else [self.instance]
            request = self.context.get("request")
            ids = [proposal.pk for proposal in objects or [] if proposal is not None]
            screened = screened_proposals(getattr(request, "user", None), ids)
            _SCREENED[holder] = screened
        return screened


def _ministries(help_text) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), read_only=True, help_text=help_text)


class ProposalOutput(ProposalListOutput):
    positions = serializers.SerializerMethodField(
        help_text=gettext_lazy("Each participating ministry's position on the current version.")
    )
    amends = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Numeric id of the endorsed proposal this one amends, or null."),
    )
    advice = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Advice from service forums and core groups: shown with the proposal, never counted."
        )
    )
    resolved_objections = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Objections on any version that were resolved, oldest first: withdrawn with an "
            "explanation, or answered by a revision."
        )
    )
    objecting = _ministries(gettext_lazy("Ministries that objected; set when closed."))
    missing = _ministries(gettext_lazy("Ministries that had not answered; set when closed."))
    silent = _ministries(
        gettext_lazy("Ministries counted as standing aside by silent consent; set when closed.")
    )

    class Meta(ProposalListOutput.Meta):
        fields = [
            *ProposalListOutput.Meta.fields,
            "text",
            "amends",
            "opened_at",
            "closed_at",
            "objecting",
            "missing",
            "silent",
            "positions",
            "advice",
            "resolved_objections",
        ]

    @extend_schema_field(PositionOutput(many=True))
    def get_positions(self, obj: Proposal) -> list[dict[str, Any]]:
        # many=True gives a list (the stubs type every .data as a dict).
        return cast(list[dict[str, Any]], PositionOutput(proposal_positions(obj), many=True).data)

    @extend_schema_field(AdviceOutput(many=True))
    def get_advice(self, obj: Proposal) -> list[dict[str, Any]]:
        advice = obj.advice.select_related("forum", "core_group", "recorded_by")
        return cast(list[dict[str, Any]], AdviceOutput(advice, many=True).data)

    @extend_schema_field(ResolvedObjectionOutput(many=True))
    def get_resolved_objections(self, obj: Proposal) -> list[dict[str, Any]]:
        rows = ResolvedObjectionOutput(resolved_objections(obj), many=True).data
        return cast(list[dict[str, Any]], rows)
