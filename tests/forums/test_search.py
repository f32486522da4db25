"""Search: inflected Norwegian forms on PostgreSQL, permissions on both databases."""

import pytest
from django.db import connection
from django.urls import reverse

from forums.models import Position
from forums.selectors.search import search
from forums.services.minutes import minutes_approve, minutes_comment, minutes_comment_answer
from forums.services.proposals import position_record
from tests.forums.conftest import end_review, ministry, user

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming of inflected forms needs PostgreSQL's Norwegian full-text configuration.",
)


def _titles(hits) -> list[str]:
    return [hit.title for hit in hits]


@postgres_only
def test_an_inflected_form_finds_the_proposal_on_postgresql(consultation):
    consultation.text = "Departementene gjør én felles anskaffelse av skytjenester."
    consultation.save(update_fields=["text"])
    results = search(user=user("leder-fin"), query="anskaffelser")
    assert str(consultation) in _titles(results.proposals)


def test_a_draft_is_found_by_the_coordinator_but_not_by_an_admin_head(draft):
    assert str(draft) in _titles(
        search(user=user("koordinator"), query="anskaffelsesstrategi").proposals
    )
    assert search(user=user("leder-fin"), query="anskaffelsesstrategi").proposals == []


def test_an_open_proposal_is_found_by_an_admin_head(consultation):
    hits = search(user=user("leder-fin"), query="anskaffelsesstrategi").proposals
    assert [hit.url for hit in hits] == [reverse("proposals:detail", args=[consultation.pk])]


def test_the_reason_of_an_objection_is_searched(consultation):
    position_record(
        actor=user("leder-fin"),
        proposal=consultation,
        ministry=ministry("FIN"),
        position="object",
        reason="Budsjettrammen mangler dekning",
    )
    assert Position.objects.filter(proposal=consultation).exists()
    hits = search(user=user("leder-kdd"), query="budsjettrammen").proposals
    assert _titles(hits) == [str(consultation)]


def test_minutes_are_found_only_once_approved(review_minutes):
    for username in ["leder-fin", "koordinator", "observator"]:
        assert search(user=user(username), query="porteføljen").minutes == []
    comment = minutes_comment(actor=user("leder-fin"), minutes=review_minutes, text="Ok.")
    minutes_comment_answer(actor=user("sekretariat"), comment=comment, answer="Takk.")
    minutes_approve(actor=user("leder-dfd"), minutes=end_review(review_minutes))
    hits = search(user=user("leder-fin"), query="porteføljen").minutes
    assert [hit.url for hit in hits] == [
        reverse("forums:minutes", args=[review_minutes.meeting_id])
    ]
    assert "porteføljen" in hits[0].excerpt


def test_measures_meetings_and_agenda_items_link_to_their_pages(meetings_2027):
    from measures.models import Measure

    measure = Measure.objects.order_by("code").first()
    results = search(user=user("leder-fin"), query=measure.code)
    assert measure.get_absolute_url() in [hit.url for hit in results.measures]

    meeting = meetings_2027[0]
    results = search(user=user("leder-fin"), query=meeting.title)
    assert reverse("forums:meeting-detail", args=[meeting.pk]) in [h.url for h in results.meetings]

    item = meeting.agenda_items.order_by("number").first()
    results = search(user=user("leder-fin"), query=item.title)
    assert reverse("forums:meeting-detail", args=[meeting.pk]) in [
        h.url for h in results.agenda_items
    ]


def test_the_page_requires_login_and_shows_grouped_results(client_for, consultation):
    url = reverse("search")
    assert client_for("anonymous").get(url, {"q": "anskaffelsesstrategi"}).status_code == 302
    response = client_for("leder-fin").get(url, {"q": "anskaffelsesstrategi"})
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("proposals:detail", args=[consultation.pk]) in page
    assert 'id="results-proposals"' in page


def test_the_page_hides_drafts_from_admin_heads(client_for, draft):
    url = reverse("search")
    detail = reverse("proposals:detail", args=[draft.pk])
    assert (
        detail
        not in client_for("leder-fin").get(url, {"q": "anskaffelsesstrategi"}).content.decode()
    )
    assert (
        detail in client_for("koordinator").get(url, {"q": "anskaffelsesstrategi"}).content.decode()
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Skriv inn ett eller flere ord"),
        ("   ", "Skriv inn ett eller flere ord"),
        ("x" * 201, "Søketeksten er for lang"),
        ("anskaffelse\x00", "NUL-tegn"),
    ],
)
def test_bad_input_gives_a_clear_message(client_for, query, message):
    response = client_for("leder-fin").get(
        reverse("search"), {"q": query}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_websearch_syntax_and_odd_characters_do_not_crash(client_for):
    for query in ['"felles anskaffelse" -sky or', "100% & | ! :* (", "'", "x" * 200]:
        assert client_for("leder-fin").get(reverse("search"), {"q": query}).status_code == 200


def test_the_number_of_queries_does_not_grow(django_assert_max_num_queries, consultation, draft):
    from forums.services.proposals import proposal_create

    koordinator = user("koordinator")
    for number in range(5):
        proposal_create(
            actor=koordinator,
            title=f"Anskaffelse nummer {number}",
            text="Felles anskaffelse.",
            deadline=consultation.deadline,
        )
    with django_assert_max_num_queries(10):
        results = search(user=koordinator, query="anskaffelse")
    assert len(results.proposals) >= 5


def test_the_api_filters_and_validates(api_client_for, draft):
    url = reverse("api-search")
    assert api_client_for("anonymous").get(url, {"q": "x"}).status_code in (401, 403)
    response = api_client_for("leder-fin").get(url, {"q": "anskaffelsesstrategi"})
    assert response.status_code == 200
    assert response.json()["proposals"] == []
    response = api_client_for("koordinator").get(url, {"q": "anskaffelsesstrategi"})
    assert [hit["url"] for hit in response.json()["proposals"]] == [
        reverse("proposals:detail", args=[draft.pk])
    ]
    bad = api_client_for("leder-fin").get(url, {"q": "x" * 201})
    assert bad.status_code == 400
    assert "q" in bad.json()
