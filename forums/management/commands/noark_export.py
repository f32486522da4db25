"""manage.py noark_export --from YYYY-MM-DD --to YYYY-MM-DD --out DIR: a Noark 5 extraction."""

import datetime
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.records.convert import ConversionFailed, stopped_message
from forums.records.noark import write_extraction


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Give a date as YYYY-MM-DD.") + f" ({value})") from None


def _clear(out: Path, created: bool) -> None:
    """Remove the partial extraction: the folder was empty or missing before."""
    if created:
        shutil.rmtree(out, ignore_errors=True)
        return
    for child in out.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


class Command(BaseCommand):
    help = "Write the Noark 5 extraction of the documents registered in the period to DIR."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, start: str, end: str, out: Path, **options):
        first, last = _date(start), _date(end)
        if last < first:
            raise CommandError(_("The end of the period comes before its start."))
        if out.exists() and any(out.iterdir()):
            raise CommandError(_("The folder %(path)s is not empty.") % {"path": out})
        created = not out.exists()
        try:
            # One transaction: a failed extraction marks nothing archived.
            with transaction.atomic():
                count = write_extraction(out, start=first, end=last)
        except ConversionFailed as exc:
            _clear(out, created)
            raise CommandError(stopped_message(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} documents written to {out}."))
