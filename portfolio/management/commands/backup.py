from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portfolio.backup import backup_write


class Command(BaseCommand):
    help = (
        "Write all portal data to an XML fixture (name it .xml.gz, .xml.bz2 or .xml.xz to "
        "compress it). "
        "Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="File to write, e.g. backup.xml.gz")

    def handle(self, *args, path: Path, **options):
        try:
            backup_write(path=path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written to {path}")
