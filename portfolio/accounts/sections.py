"""Sections that apps above the ground floor add to the account page (e.g. calendar feeds).

An app registers a template and a function giving its context for the user, in its
AppConfig.ready(); the account page renders each one. So portfolio never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AccountSection:
    template: str
    context: Callable[[Any], dict[str, Any]]


ACCOUNT_SECTIONS: list[AccountSection] = []


def account_section_register(*, template: str, context: Callable[[Any], dict[str, Any]]) -> None:
    if all(section.template != template for section in ACCOUNT_SECTIONS):
        ACCOUNT_SECTIONS.append(AccountSection(template, context))


def account_sections(user: Any) -> list[dict[str, Any]]:
    return [
        {"template": section.template, "data": section.context(user)}
        for section in ACCOUNT_SECTIONS
    ]
