"""Office documents to PDF/A for the archive extraction, with LibreOffice run headless.

Each conversion runs in its own temporary folder with its own LibreOffice user profile, so
parallel extractions (and a desktop LibreOffice of the same user) never share a profile lock,
and under a time limit that kills LibreOffice's whole process group. A failure raises
ConversionFailed; the extraction stops rather than leave the archival copy out.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# PDF/A-2b (SelectPdfVersion 2), the archival PDF profile. The filter is named for Writer, but
# LibreOffice exports spreadsheets and presentations with it too, options included.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
ARCHIVE_FORMAT_DETAILS = "PDF/A-2b"
TOOL = "LibreOffice"


class ConversionFailed(Exception):
    """An office document could not be converted to PDF."""


def stopped_message(reason: object) -> str:
    """What the secretariat (or the command's user) reads when an extraction stops."""
    return _(
        "A document could not be converted to PDF, so the extraction was stopped: %(reason)s"
    ) % {"reason": reason}


def _soffice() -> str:
    return getattr(settings, "RECORDS_SOFFICE", "soffice")


def _timeout() -> float:
    return float(getattr(settings, "RECORDS_CONVERT_TIMEOUT", 120))


@contextmanager
def office_to_pdf(source: Path, *, extension: str) -> Iterator[Path]:
    """The PDF/A copy of the office document at source, valid inside the with block."""
    with tempfile.TemporaryDirectory(prefix="sp-convert-") as work:
        folder = Path(work)
        # A fixed name: the uploaded name never reaches the command line, and the output's
        # name is known.
        document = folder / f"document.{extension}"
        shutil.copyfile(source, document)
        out = folder / "out"
        command = [
            _soffice(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDFA_FILTER,
            "--outdir",
            str(out),
            str(document),
        ]
        _run(command, cwd=folder)
        pdf = out / "document.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise ConversionFailed(
                _("%(tool)s wrote no PDF for the %(format)s file.")
                % {"tool": TOOL, "format": extension.upper()}
            )
        with open(pdf, "rb") as head:
            if head.read(5) != b"%PDF-":
                raise ConversionFailed(
                    _("%(tool)s wrote something that is not a PDF.") % {"tool": TOOL}
                )
        yield pdf


def _run(command: list[str], *, cwd: Path) -> None:
    env = {**os.environ, "HOME": str(cwd)}
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        raise ConversionFailed(
            _("%(tool)s could not be started (%(command)s): %(error)s")
            % {"tool": TOOL, "command": command[0], "error": exc.strerror or exc}
        ) from exc
    try:
        output = process.communicate(timeout=_timeout())[0]
    except subprocess.TimeoutExpired:
        # soffice starts soffice.bin as a child: end the whole group, not just the wrapper.
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionFailed(
            _("%(tool)s did not finish the conversion within %(seconds)s seconds.")
            % {"tool": TOOL, "seconds": f"{_timeout():g}"}
        ) from None
    if process.returncode != 0:
        tail = output.decode("utf-8", "replace").strip()[-500:]
        raise ConversionFailed(
            _("%(tool)s failed (exit status %(status)s): %(output)s")
            % {"tool": TOOL, "status": process.returncode, "output": tail}
        )
