#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention at municipal scale: seconds per case erased.

Reuses the municipal data set of bench_core.py (10,000 youths, 20,000 cases,
200,000 contributions), makes the young people's names unique (bench_core
combines 30 first and 30 last names) and adds chatter to it (a message on
every second contribution, naming the young person). Then erases N closed cases whose
young person has no other case (so the young person is erased too and the
name is scrubbed everywhere), one by one as the retention job does, and
reports the seconds per case. Everything is rolled back afterwards: the data
set can be reused. See bench/README.md.

    python3 bench/bench_retention.py --config odoo.conf --database don_bench_municipal --reuse
"""

import argparse
import contextlib
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psycopg2

import odoo
import odoo.modules.registry
import odoo.sql_db
from odoo import SUPERUSER_ID, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
from donbench import log  # noqa: E402
from donbench.generation import SCALES, copy_rows, next_id, prepare_database  # noqa: E402

MARKER_KEY = "don_bench_retention.chatter.v2"
SEED = 20260120
TARGET_S = 0.3


def add_chatter(env):
    """A chatter message on every second contribution, naming the young
    person of its case (once per data set)."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER_KEY):
        return json.loads(params.get_param(MARKER_KEY))
    cr = env.cr
    started = time.perf_counter()
    # bench_core draws names from 30 first and 30 last names: real names are
    # nearly unique. A suffix per young person makes them so.
    cr.execute(
        """UPDATE don_youth
              SET name = name || ' ' || initcap(translate(lpad(id::text, 6, '0'),
                                                          '0123456789', 'aeioubdklm'))"""
    )
    cr.execute(
        "DELETE FROM mail_message WHERE model = 'don.case.note' AND body LIKE '<p>Gesprek met %%'"
    )
    cr.execute(
        """SELECT n.id, y.name FROM don_case_note n
             JOIN don_case c ON c.id = n.case_id JOIN don_youth y ON y.id = c.youth_id
            WHERE n.id % 2 = 0"""
    )
    notes = cr.fetchall()
    first = next_id(cr, "mail_message")
    now = datetime.datetime.now().replace(microsecond=0)
    rows = [
        (
            first + index,
            "don.case.note",
            note_id,
            "comment",
            f"<p>Gesprek met {name} en school over de afspraken.</p>",
            now,
            SUPERUSER_ID,
            now,
        )
        for index, (note_id, name) in enumerate(notes)
    ]
    copy_rows(
        cr,
        "mail_message",
        ["id", "model", "res_id", "message_type", "body", "date", "create_uid", "create_date"],
        rows,
    )
    cr.execute("SELECT setval('mail_message_id_seq', (SELECT max(id) FROM mail_message))")
    stats = {"messages": len(rows), "seconds": round(time.perf_counter() - started, 1)}
    params.set_param(MARKER_KEY, json.dumps(stats))
    cr.commit()
    # As autovacuum would after a bulk load: statistics, and the pending
    # lists of the trigram (GIN) indexes merged into the indexes.
    _name, info = odoo.sql_db.connection_info_for(cr.dbname)
    with contextlib.closing(psycopg2.connect(**info)) as conn:
        conn.autocommit = True
        with conn.cursor() as vacuum:
            for table in ("mail_message", "don_youth"):
                vacuum.execute(f"VACUUM ANALYZE {table}")
    return stats


def pick_cases(env, count):
    """Closed cases whose young person has no other case."""
    env.cr.execute(
        """SELECT min(c.id) FROM don_case c
            GROUP BY c.youth_id
           HAVING count(*) = 1 AND bool_and(c.stage = 'afgesloten')
           ORDER BY min(c.id) LIMIT %s""",
        [count],
    )
    return [row[0] for row in env.cr.fetchall()]


def table_sizes(cr):
    sizes = {}
    for table in ("don_youth", "don_case", "don_case_note", "mail_message", "mail_tracking_value"):
        cr.execute(f"SELECT count(*) FROM {table}")
        sizes[table] = cr.fetchone()[0]
    return sizes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--cases", type=int, default=20, help="cases erased (default 20)")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--output", default=str(BENCH_DIR / "results" / "retention.md"))
    args = parser.parse_args(argv)
    args.scale = "municipal"
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    prepare_database(args, SCALES[args.scale])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        chatter = add_chatter(env)
        sizes = table_sizes(cr)
        case_ids = pick_cases(env, args.cases + 1)
        Privacy = env["don.privacy"]
        Case = env["don.case"]
        random.Random(SEED).shuffle(case_ids)
        # One warm-up case (caches, plans), not counted.
        timings = []
        for index, case_id in enumerate(case_ids):
            started = time.perf_counter()
            Privacy._erase_case(Case.browse(case_id), "anonymise")
            env.flush_all()
            elapsed = time.perf_counter() - started
            if index:
                timings.append(elapsed)
            env.invalidate_all()
        load = os.getloadavg()[0]
        cr.execute("SHOW jit")
        jit = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        trgm = bool(cr.fetchone()[0])
        cr.rollback()
    median = statistics.median(timings)
    verdict = "PASS" if median < TARGET_S else "FAIL"
    lines = [
        "# Retention benchmark: seconds per case erased",
        "",
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}, Odoo 18.0, database `{args.database}`, "
        f"load average {load:.1f}, jit={jit}, pg_trgm {'installed' if trgm else 'absent'}.",
        "",
        "| data | rows |",
        "|---|---:|",
        *(f"| {table} | {count:,} |" for table, count in sizes.items()),
        "",
        f"Chatter added by this benchmark: {chatter['messages']:,} messages naming the "
        "young person (on every second contribution).",
        "",
        "| measure | seconds |",
        "|---|---:|",
        f"| cases erased (after one warm-up) | {len(timings)} |",
        f"| median per case | {median:.3f} |",
        f"| mean per case | {statistics.mean(timings):.3f} |",
        f"| slowest case | {max(timings):.3f} |",
        "",
        f"Target: under {TARGET_S} s per case (median): **{verdict}**.",
        "",
        "Each case: `don.privacy._erase_case(case, 'anonymise')` for a closed case whose young "
        "person has no other case, so the young person is anonymised too and the name is "
        "scrubbed from the chatter, tracking values and the free text of every DON table. "
        "Rolled back afterwards.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    Path(args.output).write_text(report, encoding="utf-8")
    log(f"Written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
