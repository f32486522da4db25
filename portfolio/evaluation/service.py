"""Building the evaluation package in the background, for the coordinator and the secretariat
(the build itself is in `portfolio.evaluation.build`)."""

from django.db import transaction

from portfolio.audit import audit_record
from portfolio.models import Strategy
from portfolio.permissions import ensure, is_coordinator, is_secretariat


def may_export_evaluation(user) -> bool:
    """The coordinator and the secretariat may build and download the evaluation package."""
    return is_coordinator(user) or is_secretariat(user)


def evaluation_package_request(*, actor, strategy: Strategy) -> str:
    """Start building the package; returns the task id to follow its progress with."""
    from portfolio.tasks import evaluation_package

    ensure(may_export_evaluation(actor))
    with transaction.atomic():
        audit_record(actor=actor, kind="strategy.evaluation_requested", target=strategy)
    return evaluation_package.delay(strategy.pk).id


def evaluation_package_progress(*, actor, task_id: str) -> dict:
    """The state of a build and how many of its steps are done."""
    from celery.result import AsyncResult

    ensure(may_export_evaluation(actor))
    result = AsyncResult(task_id)
    info = result.info if isinstance(result.info, dict) else {}
    return {"state": result.state, "done": info.get("done"), "total": info.get("total")}
