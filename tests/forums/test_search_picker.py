"""Choosing measures and proposals on a form: all shown while few, search as you type when many."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from forums.models import Proposal
from measures.models import Measure
from portfolio.picker import PICKER_RESULTS, PICKER_THRESHOLD


def _many_measures(count: int) -> None:
    lead = Measure.objects.first().lead_ministry
    Measure.objects.bulk_create(
        Measure(code=f"X{number:03d}", name_nb=f"Generert tiltak {number}", lead_ministry=lead)
        for number in range(count)
    )


def _measure_boxes(html: str) -> list[str]:
    return re.findall(r'name="measures" value="(\d+)"', html)


def test_with_few_measures_the_form_shows_every_measure_to_tick(client_for):
    html = client_for("koordinator").get(reverse("proposals:create")).content.decode()
    assert len(_measure_boxes(html)) == Measure.objects.count() <= PICKER_THRESHOLD
    assert "T5 " in html
    assert "data-picker" not in html


def test_with_many_measures_the_form_searches_instead_of_listing_them(
    client_for, django_assert_max_num_queries
):
    client = client_for("koordinator")
    _many_measures(PICKER_THRESHOLD)
    with django_assert_max_num_queries(40) as few:
        small = client.get(reverse("proposals:create")).content.decode()
    lead = Measure.objects.first().lead_ministry
    Measure.objects.bulk_create(
        Measure(code=f"Y{n:03d}", name_nb=f"Mer {n}", lead_ministry=lead) for n in range(300)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("proposals:create")).content.decode()
    assert _measure_boxes(html) == _measure_boxes(small) == []
    assert "data-picker" in html
    assert "Mer 299" not in html


def test_the_search_answers_matches_to_tick_leaving_out_the_chosen_ones(client_for):
    _many_measures(60)
    chosen = Measure.objects.get(code="X010")
    url = reverse("measures:picker")
    client = client_for("koordinator")
    response = client.get(
        url, {"q": "X01", "field": "measures", "type": "checkbox", "measures": [chosen.pk]}
    )
    assert response.status_code == 200
    boxes = _measure_boxes(response.content.decode())
    codes = set(Measure.objects.filter(pk__in=boxes).values_list("code", flat=True))
    assert codes == {f"X{n:03d}" for n in range(11, 20)}
    assert "9 treff" in response.content.decode()

    wide = client.get(url, {"q": "generert", "field": "measures", "type": "checkbox"})
    assert len(_measure_boxes(wide.content.decode())) == PICKER_RESULTS
    assert "skriv mer" in wide.content.decode()


def test_the_search_refuses_what_it_does_not_understand_and_the_anonymous(client_for):
    url = reverse("measures:picker")
    reader = client_for("observator")
    assert reader.get(url, {"q": "T", "field": "measures", "type": "select"}).status_code == 400
    assert reader.get(url, {"q": "T", "field": "<script>", "type": "radio"}).status_code == 400
    assert reader.get(url, {"q": "T5", "field": "measures", "type": "radio"}).status_code == 200
    anonymous = client_for("anonymous").get(url, {"q": "T", "field": "measures"})
    assert anonymous.status_code == 302


def test_a_measure_found_by_search_is_saved_with_the_new_proposal(client_for):
    _many_measures(60)
    chosen = Measure.objects.filter(code__in=["X007", "X042"])
    response = client_for("koordinator").post(
        reverse("proposals:create"),
        {
            "title": "Felles plattform",
            "text": "Forslag.",
            "deadline": (timezone.now() + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            "measures": [m.pk for m in chosen],
            "amends": "",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Felles plattform")
    assert set(proposal.measures.values_list("code", flat=True)) == {"X007", "X042"}


def test_the_proposal_search_offers_only_what_the_field_allows(client_for, consultation):
    url = reverse("proposals:picker")
    client = client_for("koordinator")
    query = {"q": consultation.title[:12], "field": "amends", "type": "radio"}
    endorsed = client.get(url, {**query, "scope": "endorsed"}).content.decode()
    assert f'value="{consultation.pk}"' not in endorsed
    current = client.get(url, {**query, "scope": "current"}).content.decode()
    assert f'value="{consultation.pk}"' in current
    assert consultation.register_number in current
    assert client.get(url, {**query, "scope": "all"}).status_code == 400


def test_only_those_who_fill_in_the_forms_search_proposals(client_for, consultation):
    url = reverse("proposals:picker")
    query = {"q": consultation.title[:12], "field": "proposals", "type": "checkbox"}
    for username in ("leder-fin", "observator"):
        assert client_for(username).get(url, {**query, "scope": "current"}).status_code == 403
    answer = client_for("sekretariat").get(url, {**query, "scope": "current"})
    assert f'value="{consultation.pk}"' in answer.content.decode()


def test_a_single_choice_offers_none_only_when_it_may_be_left_out(client_for):
    from tests.forums.bad_input_forum_admin import advisory_meeting

    # "Amends" is optional: "None" is a choice of its own, chosen at first.
    create = client_for("koordinator").get(reverse("proposals:create")).content.decode()
    assert 'id="id_amends_none" checked' in create
    # The proposal that advice goes to is required: no "None" to choose.
    advisory = advisory_meeting()
    meeting = client_for("sekretariat").get(advisory.meeting.get_absolute_url()).content.decode()
    assert 'name="advice-proposal"' in meeting
    assert "advice-proposal_none" not in meeting
