"""One field history for every History tab: who by full name, and many-to-many changes too."""

import pytest
from django.contrib.auth import get_user_model

from measures.models import Measure
from measures.services.lifecycle import measure_transition
from portfolio.models import Ministry

pytestmark = pytest.mark.django_db


@pytest.fixture
def t5(demo_users):
    return Measure.objects.get(code="T5")


def _coordinator(first_name: str, last_name: str = ""):
    user = get_user_model().objects.get(username="koordinator")
    user.first_name, user.last_name = first_name, last_name
    user.save()
    return user


def _newest(client, measure: Measure) -> dict:
    response = client.get(f"/tiltak/{measure.code}/historikk/")
    assert response.status_code == 200
    return response.context["entries"][0]


def test_the_history_tab_names_the_actor_by_full_name(t5, client_for):
    measure_transition(actor=_coordinator("Kari", "Nordmann"), measure=t5, to_status="stopped")
    assert _newest(client_for("observator"), t5)["user"] == "Kari Nordmann"


def test_the_history_tab_falls_back_to_the_user_name(t5, client_for):
    measure_transition(actor=_coordinator(""), measure=t5, to_status="stopped")
    assert _newest(client_for("observator"), t5)["user"] == "koordinator"


def test_the_history_tab_shows_many_to_many_changes_by_short_name(t5, client_for):
    before = sorted(t5.participating_ministries.values_list("abbreviation", flat=True))
    added = Ministry.objects.exclude(abbreviation__in=before).order_by("abbreviation").first()
    t5.participating_ministries.add(added)
    change = next(
        change
        for change in _newest(client_for("observator"), t5)["changes"]
        if str(change["field"])
        == str(Measure._meta.get_field("participating_ministries").verbose_name)
    )
    assert change["old"] == ", ".join(before)
    assert change["new"] == ", ".join(sorted([*before, added.abbreviation]))


def test_every_foreign_key_is_shown_by_its_short_name_not_its_id(t5, django_assert_max_num_queries):
    from measures.models import MeasureDependency, Risk
    from measures.services.delivery import risk_save
    from portfolio.audit_log.field_history import history_entries

    lead = get_user_model().objects.get(username="leder-dfd")
    risk_save(
        actor=lead,
        measure=t5,
        title="Budsjett",
        probability=2,
        impact=3,
        owner_ministry=lead.profile.ministry,
    )
    MeasureDependency.objects.create(
        measure=t5, depends_on=Measure.objects.get(code="T1"), description="Data"
    )
    with django_assert_max_num_queries(6):
        entries = history_entries(
            [("Risk", Risk.history.all()), ("Dependency", MeasureDependency.history.all())]
        )
    values = {
        str(change["field"]): change["new"] for entry in entries for change in entry["changes"]
    }
    assert values[str(Risk._meta.get_field("measure").verbose_name)] == "T5"
    assert values[str(MeasureDependency._meta.get_field("depends_on").verbose_name)] == "T1"
