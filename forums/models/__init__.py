"""Models of the forums app, one module per subject; re-exported here for Django."""

from forums.models.forums import Forum, ForumMembership, ForumSeat

__all__ = ["Forum", "ForumMembership", "ForumSeat"]
