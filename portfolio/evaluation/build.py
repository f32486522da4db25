"""Writes a strategy's evaluation package to its file under MEDIA_ROOT/evaluation/.

Each build writes a temporary file and renames it over the previous one, so a retried or
repeated task gives the same result and a download never sees half a zip.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

from portfolio.evaluation.package import write_package
from portfolio.evaluation.scope import Scope
from portfolio.models import Strategy


def package_path(strategy: Strategy) -> Path:
    return Path(settings.MEDIA_ROOT) / "evaluation" / f"{Scope(strategy).slug}.zip"


def package_download(strategy: Strategy) -> FileResponse:
    """The latest package built, as a zip file to save; 404 while none is built."""
    path = package_path(strategy)
    if not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"evaluering-{Scope(strategy).slug}.zip",
        content_type="application/zip",
    )


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
