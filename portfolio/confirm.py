"""A question before an action that cannot be taken back: a page, so it works without JavaScript.

The action's button on the object's page is a link to the action's URL; GET there shows what
will happen and a form that POSTs to the same URL. A POST is the action itself, as before.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass
class Confirmation:
    title: str
    consequences: list[str]
    confirm_label: str
    back: str
    back_label: str
    undo: str = ""  # how to undo it, or empty when it cannot be undone
    hidden: dict[str, str] = field(default_factory=dict)


def confirm_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    return render(request, "portfolio/confirm.html", {"confirmation": confirmation})
