"""The kinds of notification people choose the delivery of, declared by the apps that send them.

Each app declares `notification_kinds` on its AppConfig: a kind name, its label and description
on the preferences page, and how it is delivered by e-mail until the person chooses. The
portal keeps every notification in the portal whatever is chosen; the choice governs e-mail.
This module imports no models, so AppConfigs may import it.
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    EMAIL = "email", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")
    NONE = "none", _("No e-mail")


@dataclass(frozen=True)
class NotificationKind:
    label: str | Promise
    description: str | Promise
    default: str = Delivery.EMAIL


GENERAL = "general"


@functools.cache
def notification_kinds() -> dict[str, NotificationKind]:
    """Every declared kind from all apps' AppConfigs, the apps' order reversed (the forums'
    first, as people meet them most), "other notifications" last."""
    kinds: dict[str, NotificationKind] = {}
    for config in reversed(list(apps.get_app_configs())):
        kinds.update(getattr(config, "notification_kinds", {}))
    general = kinds.pop(GENERAL, None)
    return {**kinds, GENERAL: general} if general is not None else kinds


def default_delivery(kind: str) -> str:
    declared = notification_kinds().get(kind)
    return declared.default if declared is not None else Delivery.EMAIL
