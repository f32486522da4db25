"""Sections that apps above add to the measure page (e.g. the forums' governance of it).

An app registers a template and a function giving its context for the measure and the user,
in its AppConfig.ready(); the measure page renders each one. So measures never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from measures.models import Measure


@dataclass(frozen=True)
class MeasureSection:
    template: str
    context: Callable[[Measure, Any], dict[str, Any]]


MEASURE_SECTIONS: list[MeasureSection] = []


def measure_section_register(
    *, template: str, context: Callable[[Measure, Any], dict[str, Any]]
) -> None:
    if all(section.template != template for section in MEASURE_SECTIONS):
        MEASURE_SECTIONS.append(MeasureSection(template, context))


def measure_sections(measure: Measure, user: Any) -> list[dict[str, Any]]:
    return [
        {"template": section.template, "data": section.context(measure, user)}
        for section in MEASURE_SECTIONS
    ]
