"""Follow-up of a core group: its mandate and status."""

from typing import Any

from django.db import transaction

from measures.models import CoreGroup
from measures.permissions import (
    can_coordinate_follow_up,
    can_write_core_group,
    ensure_measure_changeable,
)
from measures.services.common import apply_values, snapshot, validated_save
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.types import User

FIELDS = ["mandate_nb", "mandate_en", "status"]


@records_actor
@transaction.atomic
def core_group_update(*, actor: User, group: CoreGroup, **values: Any) -> CoreGroup:
    """Change a core group's mandate or status: its lead ministry or the coordinator."""
    allowed = can_write_core_group(user=actor, group=group) or can_coordinate_follow_up(actor)
    ensure_measure_changeable(actor=actor, measure=group.measure, allowed=allowed)
    group = CoreGroup.objects.select_for_update().get(pk=group.pk)
    before = snapshot(group, FIELDS)
    apply_values(group, FIELDS, values)
    validated_save(group)
    audit_record(
        actor=actor,
        kind="core_group.changed",
        target=group,
        ministry=group.lead_ministry,
        before=before,
        after=snapshot(group, FIELDS),
    )
    return group
