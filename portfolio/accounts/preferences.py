"""Each person's choice of e-mail per notification kind, and the language of their e-mails.

The language is the profile's (`UserProfile.language`); people without a profile get e-mails
in the portal's default language. In the portal every notification is kept whatever is chosen.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portfolio.accounts.models import NotificationPreference
from portfolio.audit import audit_record
from portfolio.history import history_actor
from portfolio.models import UserProfile
from portfolio.notification_kinds import Delivery, default_delivery, notification_kinds
from portfolio.types import Text, User


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: Text
    description: Text
    delivery: str
    default: str


def deliveries_of(user_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """The chosen delivery per (user id, kind), in one query; the rest take their default."""
    rows = NotificationPreference.objects.filter(user_id__in=list(user_ids))
    return {(row.user_id, row.kind): row.delivery for row in rows}


def delivery_of(chosen: Mapping[tuple[int, str], str], user_id: int, kind: str) -> str:
    return chosen.get((user_id, kind)) or default_delivery(kind)


def language_of(user: Any) -> str:
    """The language of the user's e-mails: their chosen one while the portal offers it."""
    chosen = getattr(getattr(user, "profile", None), "language", "")
    offered = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in offered else settings.LANGUAGE_CODE


def notification_preferences(user: User) -> list[KindChoice]:
    """Every kind, in the declared order, with the user's delivery and the default."""
    chosen = deliveries_of([user.pk])
    return [
        KindChoice(
            kind=kind,
            label=declared.label,
            description=declared.description,
            delivery=delivery_of(chosen, user.pk, kind),
            default=declared.default,
        )
        for kind, declared in notification_kinds().items()
    ]


def _snapshot(user: User) -> dict[str, Any]:
    profile = UserProfile.objects.filter(user=user).first()
    return {
        "language": profile.language if profile else None,
        "deliveries": {choice.kind: choice.delivery for choice in notification_preferences(user)},
    }


def _validate(deliveries: Mapping[str, Any], language: Any, has_profile: bool) -> None:
    errors: dict[str, list[str]] = {}
    known = notification_kinds()
    for kind, delivery in deliveries.items():
        if kind not in known:
            errors.setdefault("deliveries", []).append(
                _("There is no notification kind “%(kind)s”.") % {"kind": str(kind)[:40]}
            )
        elif delivery not in Delivery.values:
            errors.setdefault("deliveries", []).append(
                _("Choose e-mail at once, a daily digest or no e-mail for “%(kind)s”.")
                % {"kind": known[kind].label}
            )
    if language is not None:
        offered = [code for code, _name in settings.LANGUAGES]
        if language not in offered:
            errors["language"] = [
                _("Choose one of the languages: %(languages)s.") % {"languages": ", ".join(offered)}
            ]
        elif not has_profile:
            errors["language"] = [
                _("Your account is not tied to a ministry, so its language cannot be chosen here.")
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def notification_preferences_set(
    *, actor: User, user: User, deliveries: Mapping[str, Any], language: Any = None
) -> list[KindChoice]:
    """Set the user's delivery per kind (only the kinds given) and, if given, the language.

    Only the user themselves may: 403 for anyone else. An unknown kind, delivery or language
    is a ValidationError and changes nothing. Audited when something changed.
    """
    if not (actor.is_authenticated and actor.pk == user.pk):
        raise PermissionDenied
    profile = UserProfile.objects.select_for_update(of=("self",)).filter(user=user).first()
    _validate(deliveries, language, profile is not None)
    before = _snapshot(user)
    for kind, delivery in deliveries.items():
        try:
            with transaction.atomic():
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"delivery": delivery}
                )
        except IntegrityError:  # a concurrent first choice of the same kind: ours is the later
            NotificationPreference.objects.filter(user=user, kind=kind).update(delivery=delivery)
    if profile is not None and language is not None and profile.language != language:
        profile.language = language
        with history_actor(actor):
            profile.save(update_fields=["language"])
    after = _snapshot(user)
    if after != before:
        audit_record(
            actor=actor,
            kind="user.notification_preferences_changed",
            target=user,
            ministry=profile.ministry if profile else None,
            before=before,
            after=after,
        )
    return notification_preferences(user)
