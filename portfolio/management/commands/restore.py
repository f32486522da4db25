from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portfolio.backup import backup_restore


class Command(BaseCommand):
    help = (
        "Load a backup written by `manage.py backup` into a migrated database, in one "
        "transaction. --replace deletes the current data first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Backup file")
        parser.add_argument(
            "--replace", action="store_true", help="Delete all current data before loading."
        )

    def handle(self, *args, path: Path, replace: bool, **options):
        try:
            backup_restore(path=path, replace=replace)
        except FileNotFoundError as exc:
            raise CommandError(f"no such file: {path}") from exc
        except ValueError as exc:
            raise CommandError(
                f"{exc}: run migrate on an empty database, or use --replace"
            ) from exc
        self.stdout.write(f"restored from {path}")
