# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Markdown reports: tables, verdicts against the superuser, the machine."""

import os

from .measure import COLUMNS, explain

RATIO_TARGET = 2.0
ABSOLUTE_TARGET_MS = 50.0


def table(headers, rows, align=None):
    """A markdown table; ``align`` per column: 'l' or 'r' (default: first
    column left, the others right)."""
    align = align or ["l"] + ["r"] * (len(headers) - 1)
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "".join("---|" if a == "l" else "---:|" for a in align),
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def verdict(op, results, scale, default_ratio=RATIO_TARGET):
    """PASS; "floor met" when the ratio target is missed but the floor holds;
    or FAIL, with what is missed: the ratio of each restricted user to the
    superuser, and the absolute target where the scale defines it."""
    if op.informational:
        return "(no target)"
    ratio = op.ratio or default_ratio
    floor = max(op.floor or ratio, ratio)
    base = results[op.key, "superuser"]["ms"]
    missed, failed = [], []
    for key, label, user in COLUMNS:
        ms = results[op.key, key]["ms"]
        if user and ms > floor * base:
            failed.append(f"{label} {ms / base:.1f}x")
        elif user and ms > ratio * base:
            missed.append(f"{label} {ms / base:.1f}x")
        if op.absolute_target and scale.absolute_targets and ms > ABSOLUTE_TARGET_MS:
            failed.append(f"{label} {ms:.0f} ms")
    if failed:
        return "FAIL: " + ", ".join(failed + missed)
    if missed:
        return f"floor {floor:g}x met, target {ratio:g}x missed: " + ", ".join(missed)
    return "PASS"


def pg_description(cr):
    """(version, 'setting=value, ...') of the PostgreSQL server."""
    cr.execute("SHOW server_version")
    version = cr.fetchone()[0].split()[0]
    settings = []
    for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit"):
        cr.execute(f"SHOW {name}")
        settings.append(f"{name}={cr.fetchone()[0]}")
    return version, ", ".join(settings)


def machine_line(cr, load):
    version, settings = pg_description(cr)
    return (
        f"Machine: {os.cpu_count()} CPUs, load average {load:.1f} at the start of the "
        f"measurements; PostgreSQL {version}, {settings}."
    )


def collect_explains(cr, operations, results, scale):
    """EXPLAIN ANALYZE of the slowest query of every measurement of an
    operation that misses its target (or only its floor)."""
    explains = []
    for op in operations:
        if verdict(op, results, scale) == "PASS" or op.informational:
            continue
        for key, label, _user in COLUMNS:
            slowest = results[op.key, key]["slowest"]
            if slowest:
                title = f"{op.label}, {label}: slowest query ({slowest[0] * 1000:.1f} ms)"
                sql = cr.mogrify(slowest[1], slowest[2]).decode()
                explains.append((title, sql + "\n\n" + explain(cr, slowest)))
    return explains
