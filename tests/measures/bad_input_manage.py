"""Bad input to the coordinator's pages and API for measures: new measures, lifecycle, lead,
governance. Listed in the sweep by tests/measures/test_bad_input.py."""

from types import SimpleNamespace

from django.urls import reverse

from tests.bad_input import UNKNOWN_PK, Choice, Day, Endpoint, Ref, Text, Variant

NEW = {
    "code": "T8",
    "name_nb": "Felles analyse",
    "name_en": "Shared analysis",
    "lead_ministry": "FIN",
    "target_areas": ["MO1"],
}
CREATE_KINDS = {
    "code": Text(10),
    "name_nb": Text(200),
    "name_nn": Text(200, required=False),
    "name_en": Text(200, required=False),
    "description_nb": Text(10_000, required=False),
    "description_en": Text(10_000, required=False),
    "lead_ministry": Ref(unknown="XX"),
    "target_areas": Ref(unknown="MO99", many=True),
    "participating_ministries": Ref(unknown="XX", many=True, required=False),
}
CREATE_RULES = [
    Variant("a code that is taken", "code", {"code": "T1"}),
    Variant("a code without a digit", "code", {"code": "NY"}),
    Variant("an agency as lead", "lead_ministry", {"lead_ministry": "DSS"}),
]
LEAD_KINDS = {"lead_ministry": Ref(unknown="XX"), "valid_from": Day()}
LEAD_VALID = {"lead_ministry": "DFD", "valid_from": "2025-01-01"}
LEAD_RULES = [
    Variant("the lead already", "lead_ministry", {"lead_ministry": "FIN"}),
    Variant("a date in the future", "valid_from", {"valid_from": "2099-01-01"}),
    Variant("a ministry gone by then", "lead_ministry", {"lead_ministry": "KMD"}),
]
TRANSITION_KINDS = {
    "to_status": Choice(),
    "decided_on": Day(required=False),
    "decision": Ref(required=False),
    "note": Text(4000, required=False),
}
GOVERNANCE = {
    "forum": "strategisk-forum",
    "participation": "named",
    "ministries": ["DFD", "FIN"],
    "reporting_cadence": "yearly",
}
GOVERNANCE_KINDS = {
    "forum": Ref(unknown="no-forum"),
    "participation": Choice(),
    "ministries": Ref(unknown="XX", many=True, required=False),
    "reporting_cadence": Choice(),
}
GOVERNANCE_RULES = [
    Variant("an advisory forum", "forum", {"forum": "digitale-tjenester"}),
    Variant("named, but none", "ministries", {"ministries": []}),
    Variant("an agency takes part", "ministries", {"ministries": ["DSS"]}),
]


def _assessed() -> SimpleNamespace:
    """T4 as it is (active), and a new assessed measure T9."""
    from django.contrib.auth import get_user_model

    from measures.services.lifecycle import measure_transition
    from measures.services.measures import measure_create
    from portfolio.models import Ministry, TargetArea

    coordinator = get_user_model().objects.get(username="koordinator")
    measure = measure_create(
        actor=coordinator,
        code="T9",
        name_nb="Nytt",
        lead_ministry=Ministry.objects.get(abbreviation="FIN"),
        target_areas=TargetArea.objects.filter(code="MO1"),
    )
    measure_transition(actor=coordinator, measure=measure, to_status="assessed")
    return SimpleNamespace(measure=measure)


ENDPOINTS = [
    Endpoint(
        name="measures:create",
        user="koordinator",
        url=lambda ctx: reverse("measures:create"),
        valid=lambda ctx: dict(NEW),
        fields=CREATE_KINDS,
        extra=lambda ctx: CREATE_RULES,
    ),
    Endpoint(
        name="measure-list",
        user="koordinator",
        url=lambda ctx: reverse("measure-list"),
        valid=lambda ctx: dict(NEW),
        fields=CREATE_KINDS,
        extra=lambda ctx: CREATE_RULES,
    ),
    Endpoint(
        name="measures:lead-change",
        user="koordinator",
        url=lambda ctx: reverse("measures:lead-change", args=["T4"]),
        valid=lambda ctx: dict(LEAD_VALID),
        fields=LEAD_KINDS,
        extra=lambda ctx: LEAD_RULES,
        unknown_urls=lambda ctx: [reverse("measures:lead-change", args=["T99"])],
    ),
    Endpoint(
        name="measure-lead",
        user="koordinator",
        url=lambda ctx: reverse("measure-lead", args=["T4"]),
        valid=lambda ctx: dict(LEAD_VALID),
        fields=LEAD_KINDS,
        extra=lambda ctx: LEAD_RULES,
        unknown_urls=lambda ctx: [reverse("measure-lead", args=["T99"])],
    ),
    Endpoint(
        name="measure-transition",
        user="koordinator",
        setup=_assessed,
        url=lambda ctx: reverse("measure-transition", args=[ctx.measure.code]),
        valid=lambda ctx: {"to_status": "stopped", "decided_on": "2027-06-01", "note": "Nei."},
        fields=TRANSITION_KINDS,
        extra=lambda ctx: [
            Variant("prioritised without a decision", "decision", {"to_status": "prioritised"}),
            Variant(
                "a decision that is no proposal",
                "decision",
                {"to_status": "prioritised", "decision": UNKNOWN_PK},
            ),
        ],
        accepted=(200,),
        unknown_urls=lambda ctx: [reverse("measure-transition", args=["T99"])],
    ),
    Endpoint(
        name="governance:edit",
        user="koordinator",
        url=lambda ctx: reverse("governance:edit", args=["T5"]),
        valid=lambda ctx: dict(GOVERNANCE),
        fields=GOVERNANCE_KINDS,
        extra=lambda ctx: GOVERNANCE_RULES,
        unknown_urls=lambda ctx: [reverse("governance:edit", args=["T99"])],
    ),
    Endpoint(
        name="api-measure-governance",
        method="PUT",
        user="koordinator",
        url=lambda ctx: reverse("api-measure-governance", args=["T5"]),
        valid=lambda ctx: dict(GOVERNANCE),
        fields=GOVERNANCE_KINDS,
        extra=lambda ctx: GOVERNANCE_RULES,
        unknown_urls=lambda ctx: [reverse("api-measure-governance", args=["T99"])],
    ),
]
