"""Archive extractions started in the portal: the secretariat asks, a Celery task writes.

Running is safe to repeat: a finished extraction is not written again, and each attempt
writes into its own folder and replaces the result only when it is complete.
"""

import datetime
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import ArchiveExtraction
from forums.records.convert import ConversionFailed, stopped_message
from forums.records.noark import Progress, write_extraction
from portfolio.audit import audit_record
from portfolio.history import records_actor
from portfolio.outbox import outbox_enqueue
from portfolio.permissions import is_secretariat
from portfolio.types import User
from portfolio.validation import check_dates

TASK = "forums.tasks.archive_extraction_run"


@records_actor
@transaction.atomic
def archive_extraction_start(
    *, actor: User, start: datetime.date | None, end: datetime.date | None
) -> ArchiveExtraction:
    """The secretariat starts an extraction of a period; the worker writes it."""
    if not is_secretariat(actor):
        raise PermissionDenied(_("Only the secretariat makes archive extractions."))
    if start is None or end is None:
        raise ValidationError({"start": _("Give a date as YYYY-MM-DD.")})
    check_dates(start=start, end=end)
    if end < start:
        raise ValidationError({"end": _("The end of the period comes before its start.")})
    extraction = ArchiveExtraction.objects.create(start=start, end=end, requested_by=actor)
    audit_record(
        actor=actor,
        kind="records.extraction_started",
        target=extraction,
        after={"from": start.isoformat(), "to": end.isoformat()},
    )
    outbox_enqueue(
        task=TASK,
        key=f"archive-extraction:{extraction.pk}",
        kwargs={"extraction_id": extraction.pk},
    )
    return extraction


def _progress(extraction_id: int) -> Progress:
    def report(done: int, total: int) -> None:
        ArchiveExtraction.objects.filter(pk=extraction_id).update(done=done, total=total)

    return report


def archive_extraction_run(*, extraction_id: int) -> bool:
    """Write the extraction as a zip file; False when it was already done or failed."""
    claimed = ArchiveExtraction.objects.filter(
        pk=extraction_id,
        status__in=[ArchiveExtraction.Status.QUEUED, ArchiveExtraction.Status.RUNNING],
    ).update(status=ArchiveExtraction.Status.RUNNING)
    if not claimed:
        return False
    extraction = ArchiveExtraction.objects.get(pk=extraction_id)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "uttrekk"
        try:
            with transaction.atomic():
                total = write_extraction(
                    folder,
                    start=extraction.start,
                    end=extraction.end,
                    progress=_progress(extraction.pk),
                )
        except ConversionFailed as exc:
            # Nothing is marked archived (rolled back); a new extraction can be started.
            _fail(extraction_id, str(exc))
            return False
        archive = shutil.make_archive(str(Path(work) / "uttrekk"), "zip", root_dir=folder)
        name = f"noark5-{extraction.start}-{extraction.end}-{extraction.pk}.zip"
        with open(archive, "rb") as content, transaction.atomic():
            extraction = ArchiveExtraction.objects.select_for_update().get(pk=extraction_id)
            if extraction.status == ArchiveExtraction.Status.DONE:
                return False  # another attempt finished first
            extraction.result.save(name, File(content), save=False)
            extraction.status = ArchiveExtraction.Status.DONE
            extraction.done = extraction.total = total
            extraction.finished_at = timezone.now()
            extraction.save()
            audit_record(
                actor=None,
                kind="records.extraction_done",
                target=extraction,
                after={"documents": total},
            )
    return True


@transaction.atomic
def _fail(extraction_id: int, reason: str) -> None:
    extraction = ArchiveExtraction.objects.select_for_update().get(pk=extraction_id)
    if extraction.status != ArchiveExtraction.Status.RUNNING:
        return
    extraction.status = ArchiveExtraction.Status.FAILED
    extraction.error = stopped_message(reason)
    extraction.finished_at = timezone.now()
    extraction.save()
    audit_record(
        actor=None,
        kind="records.extraction_failed",
        target=extraction,
        after={"error": reason},
    )
