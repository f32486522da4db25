"""Models of the forums app, one module per subject; re-exported here for Django."""

from forums.models.forums import Forum, ForumMembership, ForumSeat
from forums.models.proposals import (
    Advice,
    Delegation,
    Escalation,
    Position,
    PositionChange,
    PositionChoice,
    Proposal,
    ProposalVersion,
    RegisterCounter,
)

__all__ = [
    "Advice",
    "Delegation",
    "Escalation",
    "Forum",
    "ForumMembership",
    "ForumSeat",
    "Position",
    "PositionChange",
    "PositionChoice",
    "Proposal",
    "ProposalVersion",
    "RegisterCounter",
]
