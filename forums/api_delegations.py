"""API of delegations: an admin head lets a deputy of the ministry sign for it for a period,
and revokes it, through the same services as the delegations page."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from forums.models import Delegation
from forums.permissions import can_delegate_for
from forums.services.delegations import delegation_grant, delegation_revoke
from portfolio.api_docs import conflict, operation_doc
from portfolio.api_fields import SlugRelatedField
from portfolio.models import Ministry
from portfolio.permissions import is_administrator, sign_grant_ministry_ids

ADMIN_HEADS = _(
    "Only the admin head of a ministry (who holds its sign permission, not by delegation), for "
    "that ministry, and portal administrators; others get 403, before the input is looked at."
)


def delegating_ministry_ids(user) -> set[int] | None:
    """The ministries the user may delegate for; None for all of them (an administrator)."""
    return None if is_administrator(user) else sign_grant_ministry_ids(user)


class MayDelegate(BasePermission):
    """Only those who may delegate for some ministry read or write delegations, and each
    delegation only for its own ministry (as on the delegations page)."""

    message = _("You may not delegate for any ministry.")

    def has_permission(self, request, view) -> bool:
        ids = delegating_ministry_ids(request.user)
        return ids is None or bool(ids)

    def has_object_permission(self, request, view, obj) -> bool:
        return can_delegate_for(user=request.user, ministry=obj.ministry)


class DelegationSerializer(serializers.ModelSerializer):
    ministry: "serializers.SlugRelatedField[Ministry]" = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
        help_text=_("Abbreviation of the ministry the deputy signs for."),
    )
    delegate: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text=_("User name of the deputy.")
    )
    granted_by: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text=_("User name of who granted it.")
    )
    revoked_by: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text=_("User name of who revoked it, or null."),
    )
    active = serializers.SerializerMethodField(
        help_text=_("Whether the deputy may sign today: within the period and not revoked.")
    )

    class Meta:
        model = Delegation
        fields = [
            "id",
            "ministry",
            "delegate",
            "valid_from",
            "valid_to",
            "active",
            "granted_by",
            "created_at",
            "revoked_by",
            "revoked_at",
        ]
        extra_kwargs = {
            "valid_from": {"help_text": _("First day the deputy may sign.")},
            "valid_to": {"help_text": _("Last day the deputy may sign.")},
        }

    def get_active(self, obj: Delegation) -> bool:
        today = timezone.localdate()
        return obj.revoked_at is None and obj.valid_from <= today <= obj.valid_to


class GrantInput(serializers.Serializer):
    ministry = SlugRelatedField(
        slug_field="abbreviation",
        queryset=Ministry.objects.all(),
        help_text=_("Abbreviation of the ministry the deputy is to sign for; one you head."),
    )
    delegate = SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.all(),
        help_text=_("User name of the deputy: an active user of the same ministry."),
    )
    valid_from = serializers.DateField(help_text=_("First day the deputy may sign."))
    valid_to = serializers.DateField(help_text=_("Last day the deputy may sign (included)."))


@extend_schema_view(
    list=operation_doc(
        summary=_("List delegations"),
        description=_(
            "The delegations of the ministries the caller heads (every ministry's for an "
            "administrator), revoked ones included, newest first per ministry."
        ),
        permissions=ADMIN_HEADS,
    ),
    retrieve=operation_doc(
        summary=_("Get a delegation"),
        description=_("One delegation of a ministry the caller heads."),
        permissions=ADMIN_HEADS,
    ),
)
class DelegationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Delegations of the sign permission; only the ministry's admin head sees and changes them."""

    serializer_class = DelegationSerializer
    permission_classes = [IsAuthenticated, MayDelegate]

    def get_queryset(self) -> QuerySet[Delegation]:
        queryset = Delegation.objects.select_related(
            "ministry", "delegate", "granted_by", "revoked_by"
        )
        ids = delegating_ministry_ids(self.request.user)
        if self.action == "list" and ids is not None:
            queryset = queryset.filter(ministry__in=ids)
        return queryset

    def _done(self, delegation: Delegation, code: int) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=delegation.pk)).data, code)

    @operation_doc(
        summary=_("Grant a delegation"),
        description=_(
            "Lets a deputy of the ministry sign for it (record positions, comment on and "
            "approve minutes) from one day to another, both included. The period may not have "
            "ended already."
        ),
        permissions=ADMIN_HEADS,
        request=GrantInput,
        responses={201: DelegationSerializer},
    )
    def create(self, request):
        data = GrantInput(data=request.data)
        data.is_valid(raise_exception=True)
        delegation = delegation_grant(actor=request.user, **data.validated_data)
        return self._done(delegation, status.HTTP_201_CREATED)

    @operation_doc(
        summary=_("Revoke a delegation"),
        description=_("Ends the delegation now; it stays on record as revoked, by whom and when."),
        permissions=ADMIN_HEADS,
        request=None,
        responses={
            200: DelegationSerializer,
            409: conflict(_("The delegation has already been revoked.")),
        },
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        delegation = delegation_revoke(actor=request.user, delegation=self.get_object())
        return self._done(delegation, status.HTTP_200_OK)
