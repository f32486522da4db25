"""Print locust's CSV statistics as the Markdown table of bench/README.md, then the failures.

    python bench/locust_table.py PREFIX      # reads PREFIX_stats.csv and PREFIX_failures.csv

Exits 1 when any request failed.
"""

import csv
import sys
from pathlib import Path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def main(prefix: str) -> int:
    stats = _rows(Path(f"{prefix}_stats.csv"))
    failures = _rows(Path(f"{prefix}_failures.csv"))
    lines = [
        "| endpoint | requests | requests/s | median ms | p95 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for row in stats:
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        lines.append(
            f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.2f} "
            f"| {row['50%']} | {row['95%']} | {row['Failure Count']} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    for row in failures:
        sys.stdout.write(
            f"failure: {row['Method']} {row['Name']}: {row['Error']} ×{row['Occurrences']}\n"
        )
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    return 1 if failures or (total and int(total["Failure Count"])) else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1]))
