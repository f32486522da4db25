"""The archive extraction task: thin, by id, safe to run twice."""

from celery import shared_task

from forums.tasks.meetings import RETRY
from portfolio.audit import audit_channel


@shared_task(name="forums.tasks.archive_extraction_run", **RETRY)
def archive_extraction_run(extraction_id: int) -> bool:
    from forums.services.extractions import archive_extraction_run as run

    with audit_channel("task"):
        return run(extraction_id=extraction_id)
