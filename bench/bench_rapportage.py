#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Performance benchmark of don_rapportage: the anonymised report cubes.

Generates a region (ten municipalities) of signals, cases and interventions
with bulk SQL (COPY), then measures the main pivot (read_group on the signal
cube, as the pivot view asks it) for a Rapportage user and the superuser, and
the generation of a quarterly period report by the project leader. Prints a
markdown table and writes it to a file. See bench/README.md.

    python3 bench/bench_rapportage.py --config odoo.conf --database rap_bench
"""

import argparse
import contextlib
import datetime
import json
import random
import statistics
import time
from pathlib import Path

import psycopg2
from donbench.db import admin_connection, drop_db, run_odoo
from donbench.generation import copy_rows, next_id
from donbench.measure import enable_2fa

import odoo
import odoo.modules.registry
import odoo.sql_db
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent

SEED = 20260107
GEN_VERSION = 1
MARKER_KEY = "don_bench_rapportage.dataset"
TARGET_S = 2.0
CONTEXT = {"lang": "en_US", "tz": "Europe/Amsterdam"}
SCALES = {
    # municipalities, signals, cases, interventions (in total)
    "small": (1, 10_000, 1_000, 2_500),
    "regional": (10, 200_000, 20_000, 50_000),
}
STAGES = ["aanmelding", "analyse", "aanpak", "nazorg", "afgesloten"]
REASONS = ["goal_reached", "referred", "moved", "no_grounds", "age", "other"]
OUTCOMES = ["linked_case", "new_case", "referred", "no_action", None]
RESULTS = ["positive", "partial", "none", "unknown", None]


def log(message):
    print(message, flush=True)


def read_marker(dbname):
    with contextlib.closing(admin_connection()) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        if not cr.fetchone():
            return None
    _name, info = odoo.sql_db.connection_info_for(dbname)
    with contextlib.closing(psycopg2.connect(**info)) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_config_parameter'), to_regclass('don_signal')")
        if None in cr.fetchone():
            return {}
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [MARKER_KEY])
        row = cr.fetchone()
        return json.loads(row[0]) if row else {}


def generate(env, scale_name):
    companies_n, signals_n, cases_n, interventions_n = SCALES[scale_name]
    rng = random.Random(SEED)
    cr = env.cr
    today = datetime.date.today()
    now = datetime.datetime.now()
    timings = {}
    started = time.perf_counter()
    companies = [env.ref("base.main_company")]
    for index in range(2, companies_n + 1):
        companies.append(env["res.company"].create({"name": f"Gemeente Regio {index:02d}"}))
    users = {}
    for company in companies:
        common = {
            "company_id": company.id,
            "company_ids": [Command.set([company.id])],
        }
        users[company.id] = {
            "reporting": env["res.users"].create(
                dict(
                    common,
                    name=f"Rapportage {company.name}",
                    login=f"bench.rap.{company.id}.reporting",
                    groups_id=[Command.set([env.ref("don_core.group_don_reporting").id])],
                )
            ),
            "pl": env["res.users"].create(
                dict(
                    common,
                    name=f"Projectleider {company.name}",
                    login=f"bench.rap.{company.id}.pl",
                    groups_id=[
                        Command.set(
                            [
                                env.ref("don_core.group_don_projectleider").id,
                                env.ref("don_core.group_domain_veiligheid").id,
                            ]
                        )
                    ],
                )
            ),
        }
        for name in ("Centrum", "Noord", "Zuid", "Oost", "West", "Haven", "Buitengebied"):
            env["don.neighbourhood"].create({"name": f"{name}", "company_id": company.id})
    env.flush_all()
    channels = env["don.signal.channel"].search([]).ids
    categories = env["don.signal.category"].search([]).ids
    types = env["don.intervention.type"].search([])
    domain_id = env.ref("don_core.domain_veiligheid").id
    timings["users_s"] = time.perf_counter() - started

    started = time.perf_counter()
    for company in companies:
        pl_id = users[company.id]["pl"].id
        nbhs = env["don.neighbourhood"].search([("company_id", "=", company.id)]).ids
        per = signals_n // companies_n
        first = next_id(cr, "don_signal")
        rows = []
        for offset in range(per):
            received = now - datetime.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
            deadline = received.date() + datetime.timedelta(days=14)
            done = rng.random() < 0.8
            feedback = deadline + datetime.timedelta(days=rng.randint(-13, 6)) if done else None
            rows.append(
                (
                    first + offset,
                    f"SIG-{first + offset:07d}",
                    received,
                    rng.choice(channels),
                    rng.choice(["organisation", "person", "anonymous"]),
                    "backend",
                    "Signaal",
                    "Beschrijving",
                    "0",
                    "done" if done else rng.choice(["new", "triage", "discussed"]),
                    rng.choice(OUTCOMES[:4]) if done else None,
                    received.date() if done else None,
                    rng.choice([*nbhs, None]),
                    rng.choice([*categories, None]) if categories else None,
                    deadline,
                    feedback,
                    company.id,
                    domain_id,
                    "domain",
                    pl_id,
                    pl_id,
                    pl_id,
                    now,
                    now,
                )
            )
        columns = (
            "id reference date_received channel_id reporter_type intake_source name description"
            " urgency"
            " state outcome date_done neighbourhood_id category_id feedback_deadline"
            " feedback_done_date company_id domain_id sharing_level author_id create_uid"
            " write_uid create_date write_date"
        )
        copy_rows(cr, "don_signal", columns.split(), rows)

        per = cases_n // companies_n
        first_youth = next_id(cr, "don_youth")
        copy_rows(
            cr,
            "don_youth",
            [
                *"id reference name company_id active".split(),
                *"create_uid write_uid create_date write_date".split(),
            ],
            [
                (
                    first_youth + i,
                    f"JGD-B{first_youth + i:07d}",
                    "Jongere",
                    company.id,
                    True,
                    pl_id,
                    pl_id,
                    now,
                    now,
                )
                for i in range(per)
            ],
        )
        first = next_id(cr, "don_case")
        rows = []
        for offset in range(per):
            start = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
            stage = rng.choice(STAGES)
            closed = reason = None
            if stage == "afgesloten":
                closed = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
                reason = rng.choice(REASONS)
            rows.append(
                (
                    first + offset,
                    f"CAS-B{first + offset:07d}",
                    first_youth + offset,
                    stage,
                    start,
                    closed,
                    reason,
                    company.id,
                    True,
                    0,
                    pl_id,
                    pl_id,
                    now,
                    now,
                )
            )
        columns = (
            "id reference youth_id stage date_start date_closed closing_reason company_id"
            " active color create_uid write_uid create_date write_date"
        )
        copy_rows(cr, "don_case", columns.split(), rows)

        case_ids = [first + offset for offset in range(per)]
        per = interventions_n // companies_n
        first_int = next_id(cr, "don_intervention")
        rows = []
        for offset in range(per):
            itype = types[rng.randrange(len(types))]
            start = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
            state = rng.choice(["planned", "running", "done", "done", "cancelled"])
            rows.append(
                (
                    first_int + offset,
                    "Interventie",
                    itype.id,
                    itype.line,
                    "youth",
                    rng.choice(case_ids),
                    start,
                    state,
                    rng.choice(RESULTS) if state == "done" else None,
                    company.id,
                    domain_id,
                    "domain",
                    pl_id,
                    pl_id,
                    pl_id,
                    now,
                    now,
                )
            )
        columns = (
            "id name type_id line target case_id date_start state result company_id domain_id"
            " sharing_level author_id create_uid write_uid create_date write_date"
        )
        copy_rows(cr, "don_intervention", columns.split(), rows)
    for table in ("don_signal", "don_youth", "don_case", "don_intervention"):
        cr.execute(f"SELECT setval('{table}_id_seq', GREATEST((SELECT MAX(id) FROM {table}), 1))")
    timings["insert_s"] = time.perf_counter() - started
    return timings


def prepare(args):
    marker = read_marker(args.database)
    wanted = {"scale": args.scale, "seed": SEED, "version": GEN_VERSION}
    if args.reuse and marker and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"==> Reusing database {args.database}")
        run_odoo(args.config, args.database, "-u", "don_rapportage")
        return marker
    if marker is not None:
        if not marker and "bench" not in args.database:
            raise SystemExit(f"Database {args.database} holds no benchmark data: not dropped.")
        log(f"==> Dropping database {args.database}")
        odoo.sql_db.close_db(args.database)
        drop_db(args.database)
    log(f"==> Creating database {args.database} with don_rapportage (no demo data)")
    started = time.perf_counter()
    run_odoo(args.config, args.database, "-i", "don_rapportage", "--without-demo=all")
    install_s = time.perf_counter() - started
    log(f"==> Generating {args.scale} scale data")
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        stats = generate(env, args.scale)
        marker = dict(wanted, install_s=install_s, **stats)
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    with contextlib.closing(admin_connection()):
        _name, info = odoo.sql_db.connection_info_for(args.database)
        with contextlib.closing(psycopg2.connect(**info)) as dconn:
            dconn.autocommit = True
            with dconn.cursor() as cr:
                cr.execute("VACUUM ANALYZE")
    return marker


def timed(function, repeat):
    function()  # warm-up (registry caches, rule domains)
    runs = []
    for _run in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def measure(cr, repeat):
    env_su = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
    company = env_su.ref("base.main_company")
    all_companies = env_su["res.company"].search([])
    enable_2fa(env_su, "bench.rap.%")
    reporting = env_su["res.users"].search([("login", "=", f"bench.rap.{company.id}.reporting")])
    pl = env_su["res.users"].search([("login", "=", f"bench.rap.{company.id}.pl")])
    ctx = dict(CONTEXT, allowed_company_ids=company.ids)
    env_rep = api.Environment(cr, reporting.id, ctx)
    env_pl = api.Environment(cr, pl.id, ctx)
    env_all = api.Environment(
        cr, SUPERUSER_ID, dict(CONTEXT, allowed_company_ids=all_companies.ids)
    )
    today = datetime.date.today()
    quarter = str((today.month - 1) // 3 + 1)
    results = []

    def pivot(env, model, dimension, groupby):
        def run():
            env.invalidate_all()
            return env[model].read_group(
                [("dimension", "=", dimension)], ["figure:sum"], groupby, lazy=False
            )

        return run

    cases = [
        (
            "pivot signals per channel x quarter",
            "don.report.signal",
            "channel",
            ["channel_id", "period_start:quarter"],
        ),
        (
            "pivot signals per neighbourhood x month",
            "don.report.signal",
            "neighbourhood",
            ["neighbourhood_id", "period_start:month"],
        ),
        (
            "pivot cases inflow per stage x quarter",
            "don.report.case",
            "inflow_stage",
            ["stage", "period_start:quarter"],
        ),
        (
            "pivot signals per channel x year (year figures)",
            "don.report.signal",
            "channel",
            ["channel_id", "period_start:year"],
        ),
        (
            "pivot cases inflow per stage x year (year figures)",
            "don.report.case",
            "inflow_stage",
            ["stage", "period_start:year"],
        ),
        (
            "pivot signals, grand total (year figures)",
            "don.report.signal",
            "total",
            [],
        ),
        (
            "pivot interventions line x result (year figures)",
            "don.report.intervention",
            "line_result",
            ["line", "result"],
        ),
    ]
    for label, model, dimension, groupby in cases:
        row = {"operation": label}
        for key, env in (("reporting", env_rep), ("superuser_all", env_all)):
            groups = pivot(env, model, dimension, groupby)()
            row[key] = timed(pivot(env, model, dimension, groupby), repeat)
            row[f"{key}_groups"] = len(groups)
        results.append(row)

    def dashboard():
        env_rep.invalidate_all()
        env_rep["don.report.dashboard"]._key_figures(company, today)

    results.append(
        {
            "operation": "dashboard key figures (5 x 2 quarters)",
            "reporting": timed(dashboard, repeat),
        }
    )

    def generate():
        env_pl.invalidate_all()
        report = env_pl["don.period.report"].create(
            {"company_id": company.id, "year": today.year, "quarter": quarter}
        )
        report.action_generate()
        return report

    report = generate()
    results.append(
        {
            "operation": "period report: generate a quarter",
            "reporting": timed(generate, repeat),
            "reporting_groups": len(report.line_ids),
        }
    )
    cr.rollback()
    return results


def render(args, marker, counts, results):
    lines = [
        f"# don_rapportage benchmark ({args.scale} scale)",
        "",
        f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M}, load average "
        f"{__import__('os').getloadavg()[0]:.2f}, median of {args.repeat} runs after a "
        "warm-up, ORM cache cleared before every run.",
        "",
        "| data | rows |",
        "|---|---:|",
        *(f"| {name} | {count:,} |" for name, count in counts.items()),
        f"| bulk insert | {marker.get('insert_s', 0):.1f} s |",
        "",
        f"Target: every operation under {TARGET_S:.0f} s.",
        "",
        "| operation | Rapportage user (1 municipality) | groups"
        " | superuser (all municipalities) | groups | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in results:
        worst = max(row.get("reporting", 0), row.get("superuser_all", 0))
        lines.append(
            f"| {row['operation']} | {row['reporting'] * 1000:.0f} ms | "
            f"{row.get('reporting_groups', '')} | "
            + (f"{row['superuser_all'] * 1000:.0f} ms" if "superuser_all" in row else "")
            + f" | {row.get('superuser_all_groups', '')} | "
            + ("ok" if worst < TARGET_S else "**FAIL**")
            + " |"
        )
    lines.append("")
    lines.append(
        "The period report row is measured as the project leader (creating the report and "
        "freezing its figures, previous quarter and goals included); its groups column is "
        "the number of frozen lines."
    )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True, help="benchmark database (created)")
    parser.add_argument("--scale", choices=list(SCALES), default="regional")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args(argv)
    output = Path(args.output or BENCH_DIR / "results" / "rapportage.md")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    marker = prepare(args)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        counts = {}
        for table in ("res_company", "don_signal", "don_case", "don_intervention"):
            cr.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cr.fetchone()[0]
        log("==> Measuring")
        results = measure(cr, args.repeat)
    text = render(args, marker, counts, results)
    print(text)
    output.write_text(text)
    log(f"==> Written to {output}")


if __name__ == "__main__":
    main()
