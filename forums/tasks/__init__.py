"""Celery tasks of the forums app, one module per subject; imported here for autodiscovery."""

from forums.tasks.proposals import close_due_proposals

__all__ = ["close_due_proposals"]
