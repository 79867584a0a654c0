# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Municipal and regional scale side by side: how the cost grows.

Reads the two reports of ``bench_core.py`` (``bench/results/core-municipal.md``
and ``core-regional.md``, each measured in one run against its own
superuser) and writes one table per question: the time of every operation
for each user at both scales, with its ratio to the superuser, and the SQL
queries per operation at both scales (they must not grow with the data).
It measures nothing itself.

    python3 bench/bench_scales.py            # writes bench/results/core-scales.md
"""

import argparse
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SCALES = ("municipal", "regional")


def parse_report(text):
    """{"time": {operation: [cells]}, "queries": {operation: [cells]},
    "columns": [user labels], "header": first line after the title}."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if current is None:
                current = {"headers": cells, "rows": []}
                tables.append(current)
            elif not set("".join(cells)) <= set("-: "):
                current["rows"].append(cells)
        else:
            current = None
    result = {"time": {}, "queries": {}, "columns": []}
    for tab in tables:
        headers = tab["headers"]
        if headers[0] != "operation":
            continue
        if headers[1].endswith(" ms"):
            result["columns"] = [re.sub(r" ms.*$", "", h) for h in headers[1:-1]]
            result["time"] = {row[0]: row[1:-1] for row in tab["rows"]}
        else:
            result["queries"] = {row[0]: row[1:] for row in tab["rows"]}
    dated = re.search(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}), .*$", text, re.M)
    result["date"] = dated.group(1) if dated else "?"
    return result


def render(reports):
    municipal, regional = (reports[scale] for scale in SCALES)
    columns = municipal["columns"]
    lines = [
        "# DON core benchmark: municipal and regional scale side by side",
        "",
        "Made by `bench/bench_scales.py` from `core-municipal.md` (measured "
        f"{municipal['date']}) and `core-regional.md` (measured {regional['date']}); "
        "each scale was measured in one run against its own superuser. Municipal: "
        "1 municipality, 20,000 cases, 200,000 contributions; regional: 10 municipalities "
        "in one database, 200,000 cases, 2,000,000 contributions (the restricted users see "
        "their own municipality, the superuser all ten).",
        "",
        "## Time per operation (ms, ratio to the superuser)",
        "",
        "| operation | " + " | ".join(f"{c} municipal | {c} regional" for c in columns) + " |",
        "|---|" + "---:|" * (2 * len(columns)),
    ]
    for operation, cells in municipal["time"].items():
        other = regional["time"].get(operation)
        row = []
        for index, cell in enumerate(cells):
            row += [cell, other[index] if other else "not measured"]
        lines.append(f"| {operation} | " + " | ".join(row) + " |")
    lines += [
        "",
        "## SQL queries per operation (constant in N: the same at both scales)",
        "",
        "| operation | " + " | ".join(f"{c} municipal | {c} regional" for c in columns) + " |",
        "|---|" + "---:|" * (2 * len(columns)),
    ]
    for operation, cells in municipal["queries"].items():
        other = regional["queries"].get(operation)
        row = []
        for index, cell in enumerate(cells):
            row += [cell, other[index] if other else "not measured"]
        lines.append(f"| {operation} | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", default=str(RESULTS), help="directory of the reports")
    parser.add_argument("--output", help="markdown file (default <results>/core-scales.md)")
    args = parser.parse_args(argv)
    results = Path(args.results)
    reports = {}
    for scale in SCALES:
        path = results / f"core-{scale}.md"
        if not path.exists():
            print(f"{path} is missing: run bench_core.py --scale {scale} first", file=sys.stderr)
            return 1
        reports[scale] = parse_report(path.read_text(encoding="utf-8"))
    output = Path(args.output or results / "core-scales.md")
    output.write_text(render(reports), encoding="utf-8")
    print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
