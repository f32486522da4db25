"""Records that are part of the record for good: they are never deleted, not even by hand.

Positions, position changes, delegations, minutes, proposals with their versions and
outcomes (and the field history of everything) are evidence of what was decided and by whom.
A model that inherits `PermanentRecord` refuses `delete()` on an object and on a queryset;
foreign keys from it use PROTECT, so no cascade from a parent removes it either. What ends
(a withdrawn objection, a revoked delegation) is marked on the row instead.
"""

from typing import Any, NoReturn

from django.db import models


class PermanentRecordError(Exception):
    """Raised on an attempt to delete a record that is kept for good."""


def refuse_deletion(label: Any) -> NoReturn:
    raise PermanentRecordError(f"{label} is part of the record and is never deleted.")


class PermanentQuerySet(models.QuerySet):
    """A queryset whose delete() refuses, so `Model.objects.filter(...).delete()` cannot run."""

    def delete(self) -> NoReturn:
        refuse_deletion(f"Every {self.model._meta.label}")

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class PermanentRecord(models.Model):
    """Abstract base of models whose rows are never deleted (see the module docstring)."""

    objects = PermanentQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        refuse_deletion(f"{self._meta.label} {self.pk}")
