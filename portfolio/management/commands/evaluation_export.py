from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portfolio.evaluation.package import write_package
from portfolio.evaluation.scope import Scope, strategy_by_slug
from portfolio.models import Strategy


class Command(BaseCommand):
    help = (
        "Write the evaluation package of a strategy period (workbook, CSV files, data package, "
        "charts, notes) to a zip file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--strategy", required=True, help="The period, e.g. 2021-2025")
        parser.add_argument("--out", required=True, type=Path, help="Zip file to write")

    def handle(self, *args, strategy: str, out: Path, **options):
        try:
            scope = Scope(strategy_by_slug(strategy))
        except Strategy.DoesNotExist as exc:
            raise CommandError(f"no strategy for the period {strategy!r}") from exc
        out = Path(out)
        partial = out.with_name(out.name + ".part")
        # Written beside the target and renamed, so a failed run never leaves half a zip.
        with partial.open("wb") as handle:
            written = write_package(
                scope,
                handle,
                progress=lambda done, total, label: self.stderr.write(f"{done}/{total} {label}"),
            )
        partial.replace(out)
        rows = ", ".join(f"{name} {count}" for name, count in written.items())
        self.stdout.write(f"evaluation package written to {out}: {rows}")
