"""Search across measures, proposals, meetings, agenda items and approved minutes.

On PostgreSQL the search is full text with the Norwegian configuration, so inflected forms
match ("anskaffelser" finds "anskaffelse"), ranked by relevance. SQLite has no such thing:
there every word must occur, case-insensitively, in one of the searched fields.
Each kind is one query, so the number of queries does not grow with the data.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import AgendaItem, Meeting, Minutes, MinutesEntry, Position, PositionChoice
from forums.permissions import visible_proposals
from forums.records_access import screen_titles, screened_current_versions
from measures.models import Measure

QUERY_MAX = 200
LIMIT = 20
EXCERPT_LENGTH = 200
CONFIG = "norwegian"


@dataclass(frozen=True)
class Hit:
    """One result: what it is called, where it lives, and a short piece of its text."""

    title: str
    url: str
    excerpt: str


@dataclass
class SearchResults:
    """The hits of one search grouped by kind, or the reason the query was refused."""

    query: str = ""
    error: str = ""
    measures: list[Hit] = field(default_factory=list)
    proposals: list[Hit] = field(default_factory=list)
    meetings: list[Hit] = field(default_factory=list)
    agenda_items: list[Hit] = field(default_factory=list)
    minutes: list[Hit] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, str, list[Hit]]]:
        """(key, translated heading, hits) for every kind, in a fixed order."""
        return [
            ("measures", _("Measures"), self.measures),
            ("proposals", _("Proposals"), self.proposals),
            ("meetings", _("Meetings"), self.meetings),
            ("agenda_items", _("Agenda items"), self.agenda_items),
            ("minutes", _("Approved minutes"), self.minutes),
        ]

    @property
    def total(self) -> int:
        return sum(len(hits) for _key, _heading, hits in self.groups)


def clean_query(value: Any) -> tuple[str, str]:
    """(query, error): the stripped query, or a translated reason it cannot be searched."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        return "", _("The search text contains a NUL character, which is not allowed.")
    text = " ".join(text.split())
    if not text:
        return "", _("Enter one or more words to search for.")
    if len(text) > QUERY_MAX:
        return "", _("The search text is too long: at most %(max)d characters.") % {
            "max": QUERY_MAX
        }
    return text, ""


def _words(query: str) -> list[str]:
    # websearch syntax (quotes, "or", a leading minus) has no meaning in the fallback.
    words = [word.strip('"').lstrip("-") for word in query.split()]
    return [word for word in words if word and word.lower() != "or"]


def excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> str:
    """A piece of the text around the first word of the query found in it."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    start = 0
    lowered = text.lower()
    for word in _words(query):
        # Inflected forms share their beginning: look for the first few letters too.
        for probe in (word.lower(), word.lower()[:5]):
            found = lowered.find(probe) if probe else -1
            if found >= 0:
                start = max(0, found - length // 4)
                break
        else:
            continue
        break
    piece = text[start : start + length]
    if start + length < len(text):
        piece = re.sub(r"\s+\S*$", "", piece) + " …"
    return ("… " + piece) if start else piece


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _match(
    queryset: QuerySet[Any], fields: list[str], query: str, extra: Q | None = None
) -> QuerySet[Any]:
    """Filter the queryset to rows matching the query in any of the fields, best first."""
    if _postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config=CONFIG)
        search = SearchQuery(query, config=CONFIG, search_type="websearch")
        condition = Q(_search=search)
        if extra is not None:
            condition |= extra
        ranked: QuerySet[Any] = (
            queryset.annotate(_search=vector, _rank=SearchRank(vector, search))
            .filter(condition)
            .order_by("-_rank", "pk")
        )
        return ranked
    words = _words(query)
    if not words:
        return queryset.none()
    condition = reduce(
        and_,
        [reduce(or_, [Q(**{f"{name}__icontains": word}) for name in fields]) for word in words],
    )
    if extra is not None:
        condition |= extra
    return queryset.filter(condition).order_by("pk")


def _text_match(queryset: QuerySet[Any], name: str, query: str) -> QuerySet[Any]:
    """Rows whose one text field matches the query (for subqueries of related rows)."""
    if _postgres():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        matched: QuerySet[Any] = queryset.annotate(
            _search=SearchVector(name, config=CONFIG)
        ).filter(_search=SearchQuery(query, config=CONFIG, search_type="websearch"))
        return matched
    words = _words(query)
    if not words:
        return queryset.none()
    return queryset.filter(reduce(and_, [Q(**{f"{name}__icontains": w}) for w in words]))


def search_measures(*, user: Any, query: str) -> list[Hit]:
    """Measures are open to everyone logged in; code, names and descriptions are searched."""
    if not (user and user.is_authenticated):
        return []
    fields = ["code", "name_nb", "name_nn", "name_en", "description_nb", "description_en"]
    measures = _match(Measure.objects.all(), fields, query)[:LIMIT]
    return [
        Hit(
            title=f"{measure.code} {measure.name}",
            url=measure.get_absolute_url(),
            excerpt=excerpt(measure.description_nb or measure.description_en, query),
        )
        for measure in measures
    ]


def search_proposals(*, user: Any, query: str) -> list[Hit]:
    """Proposals the user may see: title, text and the reasons given for objections."""
    objections = _text_match(
        Position.objects.current().filter(position=PositionChoice.OBJECT), "reason", query
    ).values("proposal_id")
    # A proposal the user may not read is found by its screened title only, and shows that.
    screened = screened_current_versions(user)
    screened_ids = screened.values("proposal_version__proposal_id")
    visible = visible_proposals(user).select_related("forum")
    proposals = list(
        _match(
            visible.exclude(pk__in=screened_ids),
            ["title", "text"],
            query,
            extra=Q(pk__in=objections),
        )[:LIMIT]
    )
    by_screened_title = _match(screened, ["screened_title"], query).values(
        "proposal_version__proposal_id"
    )
    proposals += list(visible.filter(pk__in=by_screened_title).order_by("pk")[:LIMIT])
    proposals = proposals[:LIMIT]
    screen_titles(user, proposals)
    return [
        Hit(
            title=str(proposal),
            url=reverse("proposals:detail", args=[proposal.pk]),
            excerpt=excerpt(proposal.text, query),
        )
        for proposal in proposals
    ]


def search_meetings(*, user: Any, query: str) -> list[Hit]:
    """Meetings are open to everyone logged in; title and place are searched."""
    if not (user and user.is_authenticated):
        return []
    meetings = _match(Meeting.objects.select_related("forum"), ["title", "place"], query)[:LIMIT]
    return [
        Hit(
            title=meeting.title,
            url=reverse("forums:meeting-detail", args=[meeting.pk]),
            excerpt=" – ".join(
                part
                for part in [
                    meeting.forum.name,
                    f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}",
                    meeting.place,
                ]
                if part
            ),
        )
        for meeting in meetings
    ]


def search_agenda_items(*, user: Any, query: str) -> list[Hit]:
    """Agenda items of any meeting: title and description are searched."""
    if not (user and user.is_authenticated):
        return []
    items = _match(AgendaItem.objects.select_related("meeting"), ["title", "description"], query)[
        :LIMIT
    ]
    return [
        Hit(
            title=f"{item.title} ({item.meeting.title})",
            url=reverse("forums:meeting-detail", args=[item.meeting_id]),
            excerpt=excerpt(item.description, query),
        )
        for item in items
    ]


def search_minutes(*, user: Any, query: str) -> list[Hit]:
    """Entries of approved minutes only: drafts and minutes in review may still change.

    An approved version that a later approved correction replaces is left out.
    """
    if not (user and user.is_authenticated):
        return []
    entries = _match(
        MinutesEntry.objects.filter(minutes__status=Minutes.Status.APPROVED)
        .exclude(minutes__corrected_by__status=Minutes.Status.APPROVED)
        .select_related("minutes__meeting", "agenda_item"),
        ["text"],
        query,
    )[:LIMIT]
    return [
        Hit(
            title=f"{entry.minutes.meeting.title}: {entry.agenda_item.title}",
            url=reverse("forums:minutes", args=[entry.minutes.meeting_id]),
            excerpt=excerpt(entry.text, query),
        )
        for entry in entries
    ]


def search(*, user: Any, query: Any) -> SearchResults:
    """Everything the user may see that matches the query, grouped by kind."""
    text, error = clean_query(query)
    if error or not (user and user.is_authenticated):
        return SearchResults(query=text, error=error)
    return SearchResults(
        query=text,
        measures=search_measures(user=user, query=text),
        proposals=search_proposals(user=user, query=text),
        meetings=search_meetings(user=user, query=text),
        agenda_items=search_agenda_items(user=user, query=text),
        minutes=search_minutes(user=user, query=text),
    )
