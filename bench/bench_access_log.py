# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The cost of logging every consultation: the list of 80 cases and the case
form, per restricted user, with the access log written (as in production)
and without it (the server-side flag ``don_no_access_log``), in one run,
interleaved.

Uses the database of ``bench_core.py`` (same options; ``--reuse`` keeps it).
The floor: logging adds at most 10 % to either operation.

    python3 bench/bench_access_log.py --config odoo.conf --database don_bench_small \
        --scale small --reuse
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core

import odoo
from odoo.tools import config

FLOOR = 1.10
OPERATIONS = [op for op in bench_core.OPERATIONS if op.key in ("list", "form")]
USERS = [column for column in bench_core.COLUMNS if column[2]]


def run(env, op, case_id, logged):
    if not logged:
        # The server-side flag (no client can send it, see don_core.tools.internal).
        from odoo.addons.don_core.tools.internal import INTERNAL  # noqa: PLC0415 (after config)

        env = env(context=dict(env.context, don_no_access_log=INTERNAL))
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    op.run(env, case_id)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, env.cr.sql_log_count - before


def measure(envs, case_id, repeat):
    results = {}
    for op in OPERATIONS:
        for key, _label, _login in USERS:
            for logged in (False, True):
                run(envs[key], op, case_id, logged)  # warm-up
            times = {False: [], True: []}
            queries = {}
            for _index in range(repeat):
                for logged in (False, True):
                    ms, count = run(envs[key], op, case_id, logged)
                    times[logged].append(ms)
                    queries[logged] = count
            results[op.key, key] = {
                "off": statistics.median(times[False]),
                "on": statistics.median(times[True]),
                "q_off": queries[False],
                "q_on": queries[True],
            }
    return results


def render(args, results, load, entries):
    lines = [
        f"# DON access log overhead: {args.scale} scale",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}, database `{args.database}`, median of "
        f"{args.repeat} runs after a warm-up, interleaved (log off / on), ORM cache cleared "
        f"before each run. Load average {load:.1f} at the start.",
        "",
        "| operation | user | without log ms | with log ms | overhead | queries (off/on) "
        "| floor 10 % |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for op in OPERATIONS:
        for key, label, _login in USERS:
            row = results[op.key, key]
            ratio = row["on"] / row["off"] if row["off"] else 1
            verdict = "PASS" if ratio <= FLOOR else "FAIL"
            lines.append(
                f"| {op.label} | {label} | {row['off']:.1f} | {row['on']:.1f} | "
                f"{(ratio - 1) * 100:+.1f} % | {row['q_off']}/{row['q_on']} | {verdict} |"
            )
    lines += [
        "",
        f"Access log entries written during the run: {entries} (one per list page or form "
        "opening, never one per row; rolled back afterwards).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--scale", choices=list(bench_core.SCALES), default="small")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    args.explain = False
    output = Path(args.output or bench_core.BENCH_DIR / "results" / f"access-log-{args.scale}.md")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    bench_core.prepare_database(args, bench_core.SCALES[args.scale])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        envs = bench_core.make_envs(cr)
        case_id = bench_core.pick_case(envs["superuser"])
        cr.execute("SELECT count(*) FROM don_access_log")
        before = cr.fetchone()[0]
        load = os.getloadavg()[0]
        results = measure(envs, case_id, args.repeat)
        cr.execute("SELECT count(*) FROM don_access_log")
        entries = cr.fetchone()[0] - before
        cr.rollback()
    report = render(args, results, load, entries)
    print(report)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
