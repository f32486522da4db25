"""Writes the evaluation package of a strategy period as one zip, table by table.

Each table is read once from the database, in chunks, and written to its CSV file in the zip
and to its sheet of a write-only workbook at the same time, so memory stays flat however large
the portfolio is.
"""

import csv
import datetime
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from forums.selectors import evaluation_figures as figures
from portfolio.dashboard.export import spreadsheet_safe
from portfolio.evaluation import charts, notes
from portfolio.evaluation.schema import TABLES, Table
from portfolio.evaluation.scope import Scope

Progress = Callable[[int, int, str], None]
CHART_LANGUAGES = ("nb", "en")


def _utc(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, datetime.UTC) if timezone.is_aware(value) else value


def csv_value(value: object) -> object:
    """Frictionless' default formats: ISO dates, UTC datetimes with Z, true/false, "" for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return spreadsheet_safe(value)


def xlsx_value(value: object) -> object:
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: UTC, as in the CSV files.
        return _utc(value).replace(tzinfo=None)
    return spreadsheet_safe(value)


def _write_table(table: Table, scope: Scope, archive: zipfile.ZipFile, workbook) -> int:
    sheet = workbook.create_sheet(table.name[:31])
    header = []
    for field in table.fields:
        cell = WriteOnlyCell(sheet, value=field.name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    with archive.open(f"data/{table.name}.csv", "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow([field.name for field in table.fields])
        for row in table.rows(scope):
            writer.writerow([csv_value(value) for value in row])
            sheet.append([xlsx_value(value) for value in row])
            count += 1
        text.flush()
        text.detach()
    return count


def descriptor(scope: Scope) -> dict:
    """The Frictionless Data Package descriptor, with a table schema per table."""
    strategy = scope.strategy
    return {
        "name": f"strategiportalen-{scope.slug}",
        "title": f"{strategy.title_nb} ({scope.slug})",
        "description": (
            f"Evalueringsgrunnlag for strategiperioden {scope.slug}. / "
            f"Evaluation data for the strategy period {scope.slug}."
        ),
        "created": timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [{"name": "NLOD-2.0", "path": "https://data.norge.no/nlod/no/2.0"}],
        "resources": [
            {
                "name": table.name,
                "path": f"data/{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.nb,
                "description": f"{table.nb} / {table.en}",
                "description_nb": table.nb,
                "description_en": table.en,
                "schema": {
                    "fields": [
                        {
                            "name": field.name,
                            "type": field.type,
                            "title": field.nb,
                            "description": f"{field.nb} / {field.en}",
                            "description_nb": field.nb,
                            "description_en": field.en,
                        }
                        for field in table.fields
                    ]
                },
            }
            for table in TABLES
        ],
    }


def write_package(scope: Scope, out, *, progress: Progress | None = None) -> dict[str, int]:
    """Write the package to the binary file `out`; returns the rows written per table."""
    steps = len(TABLES) + 2
    report = progress or (lambda done, total, label: None)
    written: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        workbook = Workbook(write_only=True)
        for index, table in enumerate(TABLES):
            report(index, steps, table.name)
            written[table.name] = _write_table(table, scope, archive, workbook)
        report(len(TABLES), steps, "portfolio.xlsx")
        with tempfile.TemporaryFile() as spool:
            workbook.save(spool)
            spool.seek(0)
            with archive.open("portfolio.xlsx", "w", force_zip64=True) as entry:
                while chunk := spool.read(1 << 20):
                    entry.write(chunk)
        report(len(TABLES) + 1, steps, "charts")
        summary = figures.summary(scope)
        for language in CHART_LANGUAGES:
            with translation.override(language):
                for stem, svg in charts.all_charts(summary).items():
                    archive.writestr(f"charts/{language}/{stem}.svg", svg)
                    archive.writestr(f"charts/{language}/{stem}.png", charts.to_png(svg))
        archive.writestr("figures.json", json.dumps(summary, ensure_ascii=False, indent=2))
        archive.writestr(
            "datapackage.json", json.dumps(descriptor(scope), ensure_ascii=False, indent=2)
        )
        archive.writestr("LES-MEG.md", notes.readme(scope, "nb", written))
        archive.writestr("README.md", notes.readme(scope, "en", written))
    report(steps, steps, "done")
    return written
