"""Demo documents for trying the journal: three proposals in consultation, one per marking."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Proposal, Record
from forums.services.proposals import proposal_create, proposal_open
from forums.services.records import record_mark

DEMO_CASES = [
    ("Felles digital arbeidsflate 2027", "public", None, ""),
    (
        "Forhandlinger om ny driftsavtale for fellestjenestene",
        "exempt",
        "offl-23-1",
        "Driftsavtale",
    ),
    ("Budsjettinnspill til fellestjenestene 2027", "partly_exempt", "offl-15-2", ""),
]


def seed_demo_records() -> int:
    """Open the demo proposals and mark them; safe to repeat (matched on the title)."""
    users = get_user_model().objects
    coordinator, secretariat = users.get(username="koordinator"), users.get(username="sekretariat")
    made = 0
    for title, access, basis, screened in DEMO_CASES:
        if Proposal.objects.filter(title=title).exists():
            continue
        proposal = proposal_create(
            actor=coordinator,
            title=title,
            text="Strategisk forum bes gi sin tilslutning til forslaget.",
            deadline=timezone.now() + datetime.timedelta(days=14),
        )
        proposal_open(actor=coordinator, proposal=proposal)
        if access != "public":
            record_mark(
                actor=secretariat,
                record=Record.objects.get(proposal_version__proposal=proposal),
                access=access,
                legal_basis=basis,
                screened_title=screened,
                reason="Demodata",
            )
        made += 1
    return made
