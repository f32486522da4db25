import datetime

import pytest
from django.core.management import call_command

from forums.models import Forum, ForumSeat
from measures.models import CoreGroup, Measure, MeasureLead
from portfolio.models import CoordinationPeriod, Criterion, Ministry, Strategy, TargetArea
from portfolio.selectors import coordinating_ministry, owner_ministries

pytestmark = pytest.mark.django_db

MODELS = [
    Ministry,
    CoordinationPeriod,
    Strategy,
    TargetArea,
    Criterion,
    Measure,
    CoreGroup,
    Forum,
    ForumSeat,
]


def _snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_loading_twice_leaves_the_same_rows(reference_data):
    first = _snapshot()
    call_command("load_reference_data", verbosity=0)
    assert _snapshot() == first
    assert len(first["Measure"]) == 7
    assert len(first["CoreGroup"]) == 5
    assert len(first["TargetArea"]) == 3
    assert len(first["Criterion"]) == 3


def test_loading_twice_keeps_many_to_many_links(reference_data):
    call_command("load_reference_data", verbosity=0)
    kubu = CoreGroup.objects.get(code="KG1")
    assert sorted(kubu.participating_ministries.values_list("abbreviation", flat=True)) == [
        "AID",
        "DFD",
        "HOD",
        "JD",
        "KD",
        "KDD",
        "KUD",
    ]
    assert list(Forum.objects.get(code="TF1").measures.values_list("code", flat=True)) == [
        "T5",
        "T6",
    ]


def test_fifteen_ministries_and_smk_own_the_strategy_in_2023(reference_data):
    owners = owner_ministries(on=datetime.date(2023, 6, 1))
    abbreviations = set(owners.values_list("abbreviation", flat=True))
    assert len(abbreviations) == 16
    assert {"OED", "KDD", "SMK"} <= abbreviations
    assert not {"DFD", "ED", "KMD"} & abbreviations


def test_2024_brings_dfd_and_renames_oed_to_ed(reference_data):
    owners = set(
        owner_ministries(on=datetime.date(2024, 1, 1)).values_list("abbreviation", flat=True)
    )
    assert len(owners) == 17
    assert {"DFD", "ED", "SMK", "KDD"} <= owners
    assert "OED" not in owners
    assert Ministry.objects.get(abbreviation="ED").predecessor.abbreviation == "OED"
    assert Ministry.objects.get(abbreviation="OED").valid_to == datetime.date(2023, 12, 31)


def test_kmd_became_kdd_on_1_january_2022(reference_data):
    kdd = Ministry.objects.get(abbreviation="KDD")
    assert kdd.predecessor.abbreviation == "KMD"
    assert kdd.valid_from == datetime.date(2022, 1, 1)
    assert not Ministry.objects.get(abbreviation="KMD").is_active_on(datetime.date(2022, 1, 1))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 6, 9), "KMD"),
        (datetime.date(2023, 12, 31), "KDD"),
        (datetime.date(2024, 1, 1), "DFD"),
        (datetime.date(2026, 11, 27), "DFD"),
    ],
)
def test_the_coordinating_ministry_is_data_by_period(reference_data, day, expected):
    assert coordinating_ministry(on=day).abbreviation == expected


def test_strategic_forum_has_a_seat_per_owner_on_the_day(reference_data):
    forum = Forum.objects.get(slug="strategisk-forum")
    assert forum.seats.active_on(datetime.date(2023, 6, 1)).count() == 16
    assert forum.seats.active_on(datetime.date(2025, 6, 1)).count() == 17
    assert not forum.seats.filter(ministry__abbreviation="DSS").exists()


def test_service_forums_are_advisory_and_the_strategic_forum_is_not(reference_data):
    advisory = set(Forum.objects.filter(advisory_only=True).values_list("code", flat=True))
    assert advisory == {"TF1", "TF2", "TF3", "KG1", "KG2", "KG3", "KG4", "KG5"}
    assert set(Forum.objects.filter(kind="service").values_list("code", flat=True)) == {
        "TF1",
        "TF2",
        "TF3",
    }
    assert Forum.objects.get(code="TF3").secretariat.abbreviation == "DSS"


def test_measures_have_their_sourced_leads_with_dates(reference_data):
    """KDD led six measures (FIN one) until DFD took over administrative policy in 2024."""
    before, after = datetime.date(2023, 12, 31), datetime.date(2024, 1, 1)
    measures = Measure.objects.prefetch_related("leads__ministry")
    on_the_eve = {m.code: m.lead_on(before).abbreviation for m in measures}
    from_2024 = {m.code: m.lead_on(after).abbreviation for m in measures}
    assert on_the_eve == {code: "FIN" if code == "T4" else "KDD" for code in on_the_eve}
    assert from_2024 == {code: "FIN" if code == "T4" else "DFD" for code in from_2024}
    assert len(on_the_eve) == 7
    # The lead of today is the one the pages and the permissions use.
    today = dict(Measure.objects.values_list("code", "lead_ministry__abbreviation"))
    assert today == from_2024


def test_loading_the_lead_history_twice_leaves_the_same_rows(reference_data):
    rows = list(MeasureLead.objects.values_list("measure__code", "ministry__abbreviation"))
    call_command("load_reference_data", verbosity=0)
    assert list(MeasureLead.objects.values_list("measure__code", "ministry__abbreviation")) == rows
    assert len(rows) == 13
    assert list(Measure.objects.get(code="T1").target_areas.values_list("code", flat=True)) == [
        "MO1"
    ]


def test_unconfirmed_values_are_flagged_and_sourced_ones_are_not(reference_data):
    assert CoreGroup.objects.get(code="KG2").is_unconfirmed("lead_ministry")
    assert not CoreGroup.objects.get(code="KG1").is_unconfirmed("lead_ministry")
    assert Measure.objects.get(code="T2").is_unconfirmed("target_areas")
    assert not Measure.objects.get(code="T1").is_unconfirmed("target_areas")
    assert "https://dfo.no/" in Measure.objects.get(code="T4").sources
