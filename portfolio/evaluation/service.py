"""Building the evaluation package in the background, for the coordinator and the secretariat.

The package is written to one file per strategy under MEDIA_ROOT/evaluation/: each build writes
a temporary file and renames it over the previous one, so a retried or repeated task gives the
same result and a download never sees half a zip.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction

from portfolio.audit import audit_record
from portfolio.evaluation.package import write_package
from portfolio.evaluation.scope import Scope
from portfolio.models import Strategy
from portfolio.permissions import ensure, is_coordinator, is_secretariat


def may_export_evaluation(user) -> bool:
    """The coordinator and the secretariat may build and download the evaluation package."""
    return is_coordinator(user) or is_secretariat(user)


def package_path(strategy: Strategy) -> Path:
    return Path(settings.MEDIA_ROOT) / "evaluation" / f"{Scope(strategy).slug}.zip"


def evaluation_package_request(*, actor, strategy: Strategy) -> str:
    """Start building the package; returns the task id to follow its progress with."""
    from portfolio.tasks import evaluation_package

    ensure(may_export_evaluation(actor))
    with transaction.atomic():
        audit_record(actor=actor, kind="strategy.evaluation_requested", target=strategy)
    return evaluation_package.delay(strategy.pk).id


def evaluation_package_build(*, strategy: Strategy, progress=None) -> Path:
    """Write the package to its file, replacing the previous one in one rename."""
    target = package_path(strategy)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            write_package(Scope(strategy), out, progress=progress)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def evaluation_package_progress(*, actor, task_id: str) -> dict:
    """The state of a build and how many of its steps are done."""
    from celery.result import AsyncResult

    ensure(may_export_evaluation(actor))
    result = AsyncResult(task_id)
    info = result.info if isinstance(result.info, dict) else {}
    return {"state": result.state, "done": info.get("done"), "total": info.get("total")}
