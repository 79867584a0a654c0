#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Performance benchmark of don_signalen at 200,000 signals.

Installs don_signalen in its own database, creates the users of one
municipality through the ORM (as bench_core.py), inserts youths, cases and
signals with COPY, fills the access relation of the signals once (SQL), and
measures:

- the duplicate proposal of a new signal (target: under 100 ms);
- a web intake, from the HTTP request to the stored record, through Odoo's
  WSGI application in process (target: under 300 ms);
- the list of 80 signals for restricted users against the superuser
  (target: within 2x).

    python3 bench/bench_signalen.py --config odoo.conf --database sig_bench

See bench/README.md. The exit code is 0 whatever the figures.
"""

import argparse
import contextlib
import datetime
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

import psycopg2
from donbench import db, generation, measure
from werkzeug.test import Client

import odoo
import odoo.http
import odoo.modules.registry
from odoo import SUPERUSER_ID, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
MARKER_KEY = "don_bench.signalen"
GEN_VERSION = 1
SEED = 20261129
YOUTHS, CASES = 5_000, 10_000
DUPLICATE_TARGET_MS = 100.0
INTAKE_TARGET_MS = 300.0
RATIO_TARGET = 2.0
PHRASES = [
    "wordt na school opgehaald door oudere jongens in een auto",
    "hangt 's avonds laat rond bij de snackbar",
    "draagt sinds kort dure merkkleding en nieuwe sneakers",
    "heeft twee telefoons en belt buiten kort",
    "verzuimt steeds vaker op maandag en vrijdag",
    "liet een rol contant geld zien in de kantine",
    "is gestopt met voetbal zonder reden",
    "reageerde op een oproep voor snel geld als koerier",
    "wordt gezien bij een bekend dealadres",
    "is opvallend stil en schrikt van zijn telefoon",
    "plaatst foto's met bundels geld op social media",
    "heeft contact met oudere jongeren die bekend zijn bij de politie",
    "zijn cijfers zijn in korte tijd sterk gedaald",
    "moeder maakt zich zorgen over nieuwe vrienden",
    "is meerdere nachten niet thuis geweest",
    "heeft een scooter zonder verklaarbare herkomst",
]
PLACES = ["station", "winkelcentrum", "skatebaan", "sportpark", "markt", "parkeergarage"]
LIST_SPEC = {
    "reference": {},
    "date_received": {},
    "name": {},
    "channel_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "neighbourhood_id": {"fields": {"display_name": {}}},
    "urgency": {},
    "handler_id": {"fields": {"display_name": {}}},
    "feedback_deadline": {},
    "feedback_overdue": {},
    "state": {},
}
COLUMNS = measure.COLUMNS


def log(message):
    print(message, flush=True)


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def generate_signals(env, rng, muni, count, youth_ids, domain_ids):
    cr = env.cr
    now = datetime.datetime.now().replace(microsecond=0)
    channels = env["don.signal.channel"].search([])
    categories = env["don.signal.category"].search([]).ids
    hoods = [
        env["don.neighbourhood"].create({"name": f"Wijk {n:02d}", "company_id": muni.company_id}).id
        for n in range(1, 13)
    ]
    env.flush_all()
    first = generation.next_id(cr, "don_signal")
    rows, youth_rel = [], []
    for offset in range(count):
        sid = first + offset
        channel = rng.choice(channels)
        received = now - datetime.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        domain = generation.weighted(rng, {"sociaal": 40, "veiligheid": 40, "politie": 20})
        author = rng.choice(muni.by_domain[domain])
        handler = muni.users[
            {"sociaal": "kt_sociaal", "veiligheid": "kt_veiligheid", "politie": "kt_politie"}[
                domain
            ]
        ]
        sharing = generation.weighted(rng, {"domain": 70, "kernteam": 30})
        anonymous = channel.is_anonymous
        old = received.date() < now.date() - datetime.timedelta(days=30)
        text = (
            f"Jongen van {rng.randint(12, 19)} {rng.choice(PHRASES)} bij het "
            f"{rng.choice(PLACES)}; {rng.choice(PHRASES)}. Melder {rng.randint(1, 9999)}."
        )
        rows.append(
            (
                sid,
                f"SIG-{received.year}-{sid:06d}",
                received,
                channel.id,
                "anonymous" if anonymous else "organisation",
                None if anonymous else f"Melder {sid}",
                text[:60],
                text,
                rng.choice("0001"),
                "done" if old else rng.choice(["new", "triage", "discussed"]),
                "no_action" if old else None,
                muni.company_id,
                domain_ids[domain],
                sharing,
                core_legal_basis(env) if sharing == "kernteam" else None,
                author,
                handler,
                "web" if not anonymous else "web_anonymous",
                anonymous,
                None if anonymous else received.date() + datetime.timedelta(days=7),
                None if anonymous or not old else received.date() + datetime.timedelta(days=5),
                rng.choice(hoods),
                rng.choice(categories),
                author,
                author,
                received,
                received,
            )
        )
        if rng.random() < 0.5:
            youth_rel.append((sid, rng.choice(youth_ids)))
    columns = (
        "id reference date_received channel_id reporter_type reporter_name name description"
        " urgency state outcome company_id domain_id sharing_level legal_basis_id author_id"
        " handler_id intake_source is_anonymous feedback_deadline feedback_done_date"
        " neighbourhood_id category_id create_uid write_uid create_date write_date"
    )
    generation.copy_rows(cr, "don_signal", columns.split(), rows)
    generation.copy_rows(cr, "don_signal_youth_rel", ["signal_id", "youth_id"], youth_rel)
    cr.execute("SELECT setval('don_signal_id_seq', (SELECT MAX(id) FROM don_signal))")
    env.ref("don_signalen.seq_don_signal").number_next = first + count
    env.invalidate_all()


_BASIS = {}


def core_legal_basis(env):
    if "id" not in _BASIS:
        _BASIS["id"] = env.ref("don_core.legal_basis_convenant_kernteam").id
    return _BASIS["id"]


def prepare(args):
    marker = db.read_marker(args.database) if db.db_exists(args.database) else None
    if args.reuse and marker is not None:
        registry = odoo.modules.registry.Registry(args.database)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            found = env["ir.config_parameter"].get_param(MARKER_KEY)
            if found and json.loads(found).get("signals") == args.signals:
                log(f"==> reusing {args.database}")
                return json.loads(found)
    if db.db_exists(args.database):
        if "bench" not in args.database:
            raise SystemExit(f"refusing to drop {args.database}: its name has no 'bench'")
        db.drop_db(args.database)
    log(f"==> installing don_signalen in {args.database}")
    started = time.perf_counter()
    db.run_odoo(args.config, args.database, "-i", "don_signalen", "--without-demo=all")
    install_s = time.perf_counter() - started
    registry = odoo.modules.registry.Registry(args.database)
    rng = random.Random(SEED)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(generation.CONTEXT))
        started = time.perf_counter()
        companies = generation.create_companies(env, 1)
        munis, domain_ids = generation.create_users(env, companies)
        muni = munis[0]
        env.flush_all()
        today = datetime.date.today()
        now = datetime.datetime.now().replace(microsecond=0)
        youth_ids = generation.generate_youths(cr, rng, muni, YOUTHS, today, now)
        generation.generate_cases(cr, rng, muni, youth_ids, CASES, domain_ids, today, now)
        generation.fix_sequences(env)
        generate_signals(env, rng, muni, args.signals, youth_ids, domain_ids)
        companies[0].write(
            {
                "don_signal_handler_id": muni.users["kt_veiligheid"],
                "don_signal_domain_id": domain_ids["veiligheid"],
            }
        )
        env["ir.config_parameter"].set_param("don_signalen.rate_limit_ip", "100000")
        data_s = time.perf_counter() - started
        log(f"    data: {args.signals:,} signals inserted in {data_s:.1f} s")
        db.analyze(cr, (*db.DATA_TABLES, "don_signal", "don_signal_youth_rel"))
        started = time.perf_counter()
        env["don.access"]._recompute("don.case")
        cr.execute("ANALYZE don_access_entry")
        env["don.access"]._recompute("don.signal")
        recompute_s = time.perf_counter() - started
        log(f"    access relation (cases, signals) recomputed in {recompute_s:.1f} s")
        marker = {
            "version": GEN_VERSION,
            "signals": args.signals,
            "install_s": install_s,
            "data_s": data_s,
            "recompute_s": recompute_s,
        }
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    db.vacuum_analyze(args.database)
    _vacuum(args.database, ("don_signal", "don_signal_youth_rel"))
    return marker


def _vacuum(dbname, tables):
    _name, info = odoo.sql_db.connection_info_for(dbname)
    with contextlib.closing(psycopg2.connect(**info)) as conn:
        conn.autocommit = True
        with conn.cursor() as cr:
            for table in tables:
                cr.execute(f"VACUUM ANALYZE {table}")


# ----------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------
def timed(env, func, repeat):
    func()  # warm-up
    values, queries = [], 0
    for _index in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        values.append((time.perf_counter() - started) * 1000)
        queries = env.cr.sql_log_count - before
    return statistics.median(values), queries, result


def measure_orm(args):
    registry = odoo.modules.registry.Registry(args.database)
    results = {}
    with registry.cursor() as cr:
        envs = measure.make_envs(cr)
        su = envs["superuser"]
        # The signal whose duplicates are proposed: a recent one with a young
        # person, a neighbourhood and a category, visible to the domain user.
        cr.execute(
            """SELECT s.id FROM don_signal s
                 JOIN don_signal_youth_rel r ON r.signal_id = s.id
                WHERE s.state = 'new'
                  AND (SELECT count(DISTINCT a.user_id) FROM don_access_entry a
                         JOIN res_users u ON u.id = a.user_id
                        WHERE a.res_model = 'don.signal' AND a.res_id = s.id
                          AND u.login IN %s) = %s
                ORDER BY s.date_received DESC LIMIT 1""",
            [tuple(f"bench.01.{user}" for _k, _l, user in COLUMNS if user), len(COLUMNS) - 1],
        )
        signal_id = cr.fetchone()[0]
        for key, _label, _user in COLUMNS:
            env = envs[key]

            def duplicates(env=env):
                signal = env["don.signal"].browse(signal_id)
                return len(signal.duplicate_ids)

            def listing(env=env):
                data = env["don.signal"].web_search_read(
                    [], LIST_SPEC, limit=80, count_limit=10001, order="date_received desc, id desc"
                )
                return data["length"]

            results["duplicates", key] = timed(env, duplicates, args.repeat)
            results["list", key] = timed(env, listing, args.repeat)
        results["candidates"] = len(
            su["don.signal"].browse(signal_id)._don_duplicate_candidate_ids()
        )
        cr.rollback()
    return results


def measure_intake(args):
    """POST of the web form through Odoo's WSGI application: routing,
    session, CSRF, rate limit, validation, create, attachment-less commit."""
    client = Client(odoo.http.root)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        partner = env["res.partner"].create({"name": "Benchcollege", "is_company": True})
        partner.action_don_generate_intake_token()
        token = partner.don_intake_token
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM don_signal")
        before_id = cr.fetchone()[0]
    page = client.get(f"/don/melden/{token}")
    csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
    timings = []
    for index in range(args.repeat + 1):
        data = {
            "csrf_token": csrf,
            "name": f"Benchmelding {index}",
            "description": f"Jongen van 14 {PHRASES[index % len(PHRASES)]} bij het station.",
            "reporter_email": "mentor@bench.example",
        }
        started = time.perf_counter()
        response = client.post(f"/don/melden/{token}", data=data)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or b"SIG-" not in response.data:
            raise RuntimeError(f"intake failed: {response.status_code} {response.data[:500]}")
        if index:
            timings.append(elapsed)  # the first request warms the caches
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM don_signal WHERE id > %s", [before_id])
        stored = cr.fetchone()[0]
        # Clean up: the benchmark data stays the same between runs.
        cr.execute("DELETE FROM don_signal WHERE id > %s", [before_id])
        cr.execute("DELETE FROM don_signal_intake_log")
    return statistics.median(timings), stored


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
def render(args, marker, orm, intake_ms, stored):
    lines = [
        "# don_signalen benchmark",
        "",
        f"Date: {datetime.date.today()}, Odoo {odoo.release.version}, "
        f"{args.signals:,} signals, {YOUTHS:,} youths, {CASES:,} cases, one municipality; "
        f"median of {args.repeat} runs.",
        "",
        f"Install {marker.get('install_s', 0):.0f} s, bulk insert {marker.get('data_s', 0):.1f} s, "
        f"access relation of cases and signals {marker.get('recompute_s', 0):.1f} s.",
        "",
        "| operation | " + " | ".join(label for _k, label, _u in COLUMNS) + " | target | result |",
        "|---|" + "---:|" * len(COLUMNS) + "---|---|",
    ]
    base = orm["list", "superuser"][0]
    for op, label, target in (
        ("duplicates", "duplicate proposal (ms)", f"< {DUPLICATE_TARGET_MS:.0f} ms"),
        ("list", "list of 80 signals (ms)", f"within {RATIO_TARGET:.0f}x superuser"),
    ):
        cells, fail = [], []
        for key, col_label, user in COLUMNS:
            ms = orm[op, key][0]
            if op == "list" and user:
                cells.append(f"{ms:.1f} ({ms / base:.1f}x)")
                if ms > RATIO_TARGET * base:
                    fail.append(col_label)
            else:
                cells.append(f"{ms:.1f}")
            if op == "duplicates" and ms > DUPLICATE_TARGET_MS:
                fail.append(col_label)
        verdict = "FAIL: " + ", ".join(fail) if fail else "PASS"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} | {verdict} |")
    verdict = "PASS" if intake_ms < INTAKE_TARGET_MS else "FAIL"
    lines.append(
        f"| web intake, request to stored record (ms) | {intake_ms:.1f} | | | "
        f"| < {INTAKE_TARGET_MS:.0f} ms | {verdict} |"
    )
    lines += [
        "",
        "Rows and queries per user (so that a fast result is not an empty one):",
        "",
        "| | " + " | ".join(label for _k, label, _u in COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
        "| duplicates proposed | "
        + " | ".join(str(orm["duplicates", k][2]) for k, _l, _u in COLUMNS)
        + " |",
        "| duplicate queries | "
        + " | ".join(str(orm["duplicates", k][1]) for k, _l, _u in COLUMNS)
        + " |",
        "| signals in the list (count) | "
        + " | ".join(f"{orm['list', k][2]:,}" for k, _l, _u in COLUMNS)
        + " |",
        "| list queries | " + " | ".join(str(orm["list", k][1]) for k, _l, _u in COLUMNS) + " |",
        "",
        f"Duplicate candidates before the access filter: {orm['candidates']}. "
        f"Web intake: {stored} reports stored through HTTP (then removed).",
        "",
        "The duplicate proposal is the `duplicate_ids` compute of the form (one SQL query over "
        "the same youth, same neighbourhood and category, and trigram similarity of the "
        "description within 30 days, then the record rules). The web intake is a POST of the "
        "personal-link form through `odoo.http.root` in process (routing, session, CSRF, rate "
        "limit, validation, create with the access relation, confirmation e-mail queued, commit).",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", default="sig_bench")
    parser.add_argument("--signals", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--output", default=str(BENCH_DIR / "results" / "signalen.md"))
    args = parser.parse_args(argv)
    config.parse_config(
        ["-c", args.config, "-d", args.database, "--db-filter", f"^{args.database}$"]
    )
    odoo.modules.module.initialize_sys_path()
    marker = prepare(args)
    log("==> measuring")
    intake_ms, stored = measure_intake(args)
    orm = measure_orm(args)
    report = render(args, marker, orm, intake_ms, stored)
    print(report)
    Path(args.output).write_text(report)
    log(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
