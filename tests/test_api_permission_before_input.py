"""Every write endpoint answers "may you?" before "is your input right?".

A user who may not make the change gets 403 for a bad body, never 400 with the field errors,
and nothing changes; the one who may gets the 400 for the same body.
"""

import datetime

import pytest

from forums.models import (
    Advice,
    AgendaItem,
    ArchiveExtraction,
    Attachment,
    Attendance,
    Delegation,
    ForumMembership,
    MarkingChangeRequest,
    MeasureGovernance,
    Meeting,
    Minutes,
    MinutesEntry,
    Proposal,
    Record,
    ReviewComment,
    WheelSlot,
)
from forums.services.minutes import minutes_comment
from measures.models import (
    Benefit,
    BenefitMeasurement,
    CoreGroup,
    CriteriaAssessment,
    Measure,
    MeasureDependency,
    MeasureTransition,
    Milestone,
    ReportingPeriod,
    Risk,
)
from measures.services.benefits import benefit_save
from measures.services.delivery import milestone_save, risk_save
from tests.follow_up import open_period, report
from tests.forums.conftest import (  # noqa: F401 (fixtures)
    draft,
    draft_minutes,
    forum,
    held_meeting,
    media_in_tmp,
    meetings_2027,
    review_minutes,
    user,
)

pytestmark = pytest.mark.django_db

BAD = {
    "title": "\x00",
    "text": 7,
    "rag": "purple",
    "score": 99,
    "level": "nowhere",
    "kind": "x",
    "status": "nowhere",
    "due_date": "soon",
    "role": "nowhere",
}


@pytest.fixture
def objects(request):
    """One of each object the write endpoints change, with the state they are in."""
    minutes = request.getfixturevalue("review_minutes")
    meeting = request.getfixturevalue("meetings_2027")[1]
    period = open_period()
    measure = Measure.objects.get(code="T5")
    lead = user("leder-dfd")
    proposal = draft_proposal()
    return {
        "proposal": proposal,
        "record": Record.objects.get(proposal_version__proposal=proposal),
        "minutes": minutes,
        "entry": minutes.entries.order_by("pk").first(),
        "meeting": meeting,
        "item": meeting.agenda_items.order_by("number").first(),
        "comment": minutes_comment(actor=user("leder-fin"), minutes=minutes, text="Merknad"),
        "period": period,
        "report": report("T5", period),
        "risk": risk_save(
            actor=lead,
            measure=measure,
            title="Budsjett",
            probability=2,
            impact=3,
            owner_ministry=lead.profile.ministry,
        ),
        "slot": WheelSlot.objects.order_by("pk").first(),
        "member": ForumMembership.objects.order_by("pk").first(),
        "milestone": milestone_save(
            actor=lead, measure=measure, title="Pilot", planned_on=datetime.date(2027, 3, 1)
        ),
        "benefit": benefit_save(
            actor=lead, measure=measure, title="Tid", indicator="Timer", baseline=0, target=9
        ),
    }


def draft_proposal() -> Proposal:

    from django.utils import timezone

    from forums.services.proposals import proposal_create, proposal_open

    proposal = proposal_create(
        actor=user("koordinator"),
        title="Sak",
        text="Tekst",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    return proposal_open(actor=user("koordinator"), proposal=proposal)


# (method, path, who may), the path filled in from `objects`. Where the body names the object
# (a new report names its measure), everyone who may write such objects for some ministry is
# told about the input; the others are refused first.
ENDPOINTS = [
    ("post", "/api/v1/proposals/", "koordinator"),
    ("post", "/api/v1/proposals/{proposal}/revise/", "koordinator"),
    ("post", "/api/v1/proposals/{proposal}/escalate/", "koordinator"),
    ("put", "/api/v1/proposals/{proposal}/positions/FIN/", "leder-fin"),
    ("post", "/api/v1/minutes/{minutes}/entries/", "sekretariat"),
    ("post", "/api/v1/minutes/{minutes}/comments/", "leder-fin"),
    ("post", "/api/v1/minutes/{minutes}/answer/", "sekretariat"),
    ("put", "/api/v1/proposals/{proposal}/references/FIN/", "leder-fin"),
    ("put", "/api/v1/minutes/{minutes}/references/FIN/", "leder-fin"),
    ("post", "/api/v1/reporting-periods/", "koordinator"),
    ("post", "/api/v1/status-reports/", "leder-dfd leder-fin"),
    ("patch", "/api/v1/status-reports/{report}/", "leder-dfd"),
    ("post", "/api/v1/risks/", "leder-dfd leder-fin"),
    ("patch", "/api/v1/risks/{risk}/", "leder-dfd"),
    ("post", "/api/v1/milestones/", "leder-dfd leder-fin"),
    ("patch", "/api/v1/milestones/{milestone}/", "leder-dfd"),
    ("post", "/api/v1/assessments/", "leder-fin koordinator"),
    ("post", "/api/v1/proposals/{proposal}/advice/", "koordinator sekretariat"),
    ("post", "/api/v1/meetings/{meeting}/advice/", "koordinator sekretariat"),
    ("post", "/api/v1/benefits/", "leder-dfd leder-fin"),
    ("patch", "/api/v1/benefits/{benefit}/", "leder-dfd"),
    ("post", "/api/v1/benefits/{benefit}/measurements/", "leder-dfd"),
    ("post", "/api/v1/dependencies/", "leder-dfd leder-fin"),
    ("patch", "/api/v1/core-groups/KG1/", "koordinator"),
    ("post", "/api/v1/agenda-items/", "sekretariat"),
    ("post", "/api/v1/attendance/", "sekretariat"),
    ("post", "/api/v1/delegations/", "leder-fin"),
    ("post", "/api/v1/measures/", "koordinator"),
    ("post", "/api/v1/measures/T5/transition/", "koordinator"),
    ("post", "/api/v1/measures/T5/lead/", "koordinator"),
    ("put", "/api/v1/measures/T5/governance/", "koordinator"),
    ("post", "/api/v1/forum-seats/", "sekretariat"),
    ("post", "/api/v1/forum-members/", "sekretariat"),
    ("patch", "/api/v1/forum-members/{member}/", "sekretariat"),
    ("post", "/api/v1/wheel-slots/", "sekretariat"),
    ("patch", "/api/v1/wheel-slots/{slot}/", "sekretariat"),
    ("post", "/api/v1/meetings/{meeting}/reschedule/", "sekretariat"),
    ("post", "/api/v1/minutes/", "sekretariat"),
    ("patch", "/api/v1/minutes/{minutes}/entries/{entry}/", "sekretariat"),
    ("post", "/api/v1/forums/strategisk-forum/materialise/", "sekretariat koordinator"),
    ("post", "/api/v1/agenda-items/{item}/attachments/", "sekretariat"),
    ("post", "/api/v1/proposals/{proposal}/memo/", "koordinator"),
    ("put", "/api/v1/journal/records/{record}/marking/", "sekretariat koordinator"),
    ("post", "/api/v1/journal/records/{record}/marking-requests/", "leder-fin"),
    ("post", "/api/v1/journal/extractions/", "sekretariat"),
]
REFUSED = ["observator", "sekretariat", "leder-fin", "koordinator"]


def _path(template: str, objects: dict) -> str:
    return template.format(**{name: obj.pk for name, obj in objects.items()})


def _state() -> tuple:
    """Everything the endpoints could change, to check that a refusal changed none of it."""
    return (
        list(Proposal.objects.values_list("pk", "version", "status")),
        list(Minutes.objects.values_list("pk", "status")),
        ReviewComment.objects.count(),
        list(ReviewComment.objects.values_list("answer", flat=True)),
        ReportingPeriod.objects.count(),
        list(Risk.objects.values_list("title", "probability")),
        list(Milestone.objects.values_list("title", "planned_on")),
        CriteriaAssessment.objects.count(),
        sum(len(minutes.entries.all()) for minutes in Minutes.objects.all()),
        Advice.objects.count(),
        list(Benefit.objects.values_list("title", "target")),
        BenefitMeasurement.objects.count(),
        MeasureDependency.objects.count(),
        list(CoreGroup.objects.values_list("status", "mandate_nb", "mandate_en")),
        AgendaItem.objects.count(),
        Attendance.objects.count(),
        Delegation.objects.count(),
        list(Measure.objects.values_list("code", "status", "lead_ministry")),
        MeasureGovernance.objects.count(),
        list(WheelSlot.objects.values_list("pk", "title", "month")),
        list(Meeting.objects.order_by("pk").values_list("status", "starts_at", "place")),
        list(MinutesEntry.objects.order_by("pk").values_list("text", "due_date")),
        list(Measure.objects.order_by("pk").values_list("status", flat=True)),
        MeasureTransition.objects.count(),
        Attachment.objects.count(),
        list(Record.objects.order_by("pk").values_list("access", "legal_basis", "screened_title")),
        MarkingChangeRequest.objects.count(),
        ArchiveExtraction.objects.count(),
        list(ForumMembership.objects.order_by("pk").values_list("role", "valid_from", "valid_to")),
    )


@pytest.mark.parametrize(("method", "template", "allowed"), ENDPOINTS)
def test_permission_is_answered_before_the_input(
    api_client_for, objects, method, template, allowed
):
    path = _path(template, objects)
    before = _state()
    anonymous = getattr(api_client_for("anonymous"), method)(path, BAD, format="json")
    assert anonymous.status_code == 401
    allowed, *also_allowed = allowed.split()
    for username in [name for name in REFUSED if name not in (allowed, *also_allowed)]:
        response = getattr(api_client_for(username), method)(path, BAD, format="json")
        assert response.status_code == 403, (username, path, response.status_code)
        assert set(response.json()) == {"detail"}, (username, path)
    # The one who may is told what is wrong with the same body.
    response = getattr(api_client_for(allowed), method)(path, BAD, format="json")
    assert response.status_code == 400, (allowed, path, response.status_code, response.json())
    assert "detail" not in response.json()
    assert _state() == before
