#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the network analysis: get_network over 2 steps at scale.

Builds a network of 5,000 nodes (young people and groups) and 20,000
relations with bulk SQL, fills the access relation once, and measures
``don.network.relation.get_network(model, id, 2, today)`` server-side for the
superuser and for restricted users (Kernteam members of one domain, who do not
see the other domains' relations), from a fixed sample of start nodes.
Prints a markdown table and writes it to a file. See bench/README.md.

    python3 bench/bench_network.py --config odoo.conf --database net_bench
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from donbench import log
from donbench.db import MARKER_KEY, drop_db, read_marker, run_odoo, vacuum_analyze
from donbench.generation import copy_rows, next_id
from donbench.measure import QueryRecorder, enable_2fa

import odoo
import odoo.modules.registry
import odoo.release
import odoo.sql_db
from odoo import SUPERUSER_ID, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
GEN_VERSION = 1
SEED = 20261129
NODES = 5_000
GROUPS = 250
EDGES = 20_000
RECRUITERS = 60
TARGET_MS = 500.0
CONTEXT = {"lang": "en_US", "tz": "Europe/Amsterdam"}
USERS = [
    ("kt_sociaal", "Kernteamlid Sociaal domein", ["sociaal"]),
    ("kt_politie", "Kernteamlid Politie", ["politie"]),
    ("kt_veiligheid", "Kernteamlid Veiligheid", ["veiligheid"]),
    ("kt_om", "Kernteamlid OM", ["om"]),
]
COLUMNS = [
    ("superuser", "superuser", None),
    ("kt_sociaal", "kernteamlid Sociaal", "kt_sociaal"),
    ("kt_politie", "kernteamlid Politie", "kt_politie"),
]
DOMAIN_WEIGHTS = {"sociaal": 35, "veiligheid": 25, "politie": 30, "om": 10}
SHARING_WEIGHTS = {"domain": 50, "kernteam": 40, "involved": 10}
TYPES_YOUTH = {"friendship": 45, "family": 15, "found_together": 25, "other": 15}
SOURCES = ["signal", "police", "observation", "other"]
RELIABILITY = ["reliable", "fair", "unknown"]


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def create_users(env):
    domains = {d.code: d for d in env["don.domain"].search([])}
    kernteam = env.ref("don_core.group_don_kernteam")
    company = env.ref("base.main_company")
    users = {}
    for key, name, codes in USERS:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
            .create(
                {
                    "name": name,
                    "login": f"netbench.{key}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [
                        (6, 0, [kernteam.id] + [domains[code].group_id.id for code in codes])
                    ],
                }
            )
        )
        users[key] = user.id
    return company.id, users, {code: d.id for code, d in domains.items()}


def generate(env, rng):
    cr = env.cr
    company_id, users, domain_ids = create_users(env)
    author_of = {
        "sociaal": users["kt_sociaal"],
        "politie": users["kt_politie"],
        "veiligheid": users["kt_veiligheid"],
        "om": users["kt_om"],
    }
    basis_id = env["don.legal.basis"].search([], limit=1).id
    now = datetime.datetime.now().replace(microsecond=0)
    today = now.date()
    creator = users["kt_veiligheid"]
    youths = NODES - GROUPS
    first = next_id(cr, "don_youth")
    copy_rows(
        cr,
        "don_youth",
        "id reference name company_id active create_uid write_uid create_date write_date".split(),
        [
            (
                first + i,
                f"NET-{first + i:06d}",
                f"Jongere {i:05d}",
                company_id,
                True,
                creator,
                creator,
                now,
                now,
            )
            for i in range(youths)
        ],
    )
    youth_ids = list(range(first, first + youths))
    first_group = next_id(cr, "don_group")
    copy_rows(
        cr,
        "don_group",
        "id name kind company_id active create_uid write_uid create_date write_date".split(),
        [
            (
                first_group + i,
                f"Groep {i:03d}",
                "youth_group" if i % 5 else "network",
                company_id,
                True,
                creator,
                creator,
                now,
                now,
            )
            for i in range(GROUPS)
        ],
    )
    group_ids = list(range(first_group, first_group + GROUPS))
    recruiters = rng.sample(youth_ids, RECRUITERS)
    rows = []
    first_rel = next_id(cr, "don_network_relation")
    seen = set()
    while len(rows) < EDGES:
        kind = rng.random()
        source_youth = source_group = target_youth = target_group = None
        directed = False
        if kind < 0.22:
            # Group membership: youths cluster around the groups of their
            # part of town (nearby numbers).
            source_youth = rng.choice(youth_ids)
            index = (source_youth - first) * GROUPS // youths
            target_group = group_ids[max(0, min(GROUPS - 1, index + rng.randint(-2, 2)))]
            rel_type = "member"
        elif kind < 0.27:
            source_youth = rng.choice(recruiters)
            target_youth = rng.choice(youth_ids)
            rel_type, directed = "recruiter", True
        else:
            source_youth = rng.choice(youth_ids)
            target_youth = youth_ids[
                max(0, min(youths - 1, source_youth - first + int(rng.gauss(0, 40))))
            ]
            rel_type = weighted(rng, TYPES_YOUTH)
        key = (source_youth, source_group, target_youth, target_group)
        if target_youth == source_youth or key in seen:
            continue
        seen.add(key)
        domain = weighted(rng, DOMAIN_WEIGHTS)
        level = weighted(rng, SHARING_WEIGHTS)
        date_from = (
            today - datetime.timedelta(days=rng.randint(0, 3 * 365)) if rng.random() < 0.8 else None
        )
        date_to = None
        if date_from and rng.random() < 0.3:
            date_to = date_from + datetime.timedelta(days=rng.randint(30, 700))
        rows.append(
            (
                first_rel + len(rows),
                source_youth,
                source_group,
                target_youth,
                target_group,
                rel_type,
                directed,
                rng.choice(SOURCES),
                rng.choice(RELIABILITY),
                date_from,
                date_to,
                domain_ids[domain],
                level,
                basis_id if level == "kernteam" else None,
                author_of[domain],
                company_id,
                author_of[domain],
                author_of[domain],
                now,
                now,
            )
        )
    copy_rows(
        cr,
        "don_network_relation",
        (
            "id source_youth_id source_group_id target_youth_id target_group_id relation_type "
            "directed info_source reliability date_from date_to domain_id sharing_level "
            "legal_basis_id author_id company_id create_uid write_uid create_date write_date"
        ).split(),
        rows,
    )
    for table in ("don_youth", "don_group", "don_network_relation"):
        cr.execute(f"SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")
    cr.execute("ANALYZE don_youth; ANALYZE don_group; ANALYZE don_network_relation")
    env.invalidate_all()
    started = time.perf_counter()
    env["don.access"]._recompute()
    recompute_s = time.perf_counter() - started
    cr.execute("SELECT count(*) FROM don_access_entry WHERE res_model = 'don.network.relation'")
    rows_rel = cr.fetchone()[0]
    return {
        "youths": youths,
        "groups": GROUPS,
        "relations": len(rows),
        "recruiters": recruiters,
        "recompute_s": round(recompute_s, 1),
        "access_rows_relations": rows_rel,
    }


def prepare_database(args):
    wanted = {"seed": SEED, "version": GEN_VERSION}
    marker = read_marker(args.database)
    if args.reuse and marker and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"==> Reusing database {args.database}")
        return marker
    odoo.sql_db.close_db(args.database)
    if marker is not None:
        if "bench" not in args.database:
            raise SystemExit(
                f"Database {args.database} exists: refusing to drop it. Use a dedicated "
                "benchmark database (a name containing 'bench')."
            )
        log(f"==> Dropping database {args.database}")
        drop_db(args.database)
    log(f"==> Creating database {args.database} with don_core (no demo data)")
    started = time.perf_counter()
    run_odoo(args.config, args.database, "-i", "don_core", "--without-demo=all")
    log(f"    installed in {time.perf_counter() - started:.0f} s")
    log("==> Generating the network")
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        stats = generate(env, random.Random(SEED))
        marker = dict(wanted, **stats)
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    vacuum_analyze(args.database)
    return marker


def measure(cr, marker, repeat, sample):
    env_su = api.Environment(cr, SUPERUSER_ID, {})
    company = env_su.ref("base.main_company")
    context = dict(CONTEXT, allowed_company_ids=[company.id])
    enable_2fa(env_su, "netbench.%")
    envs = {}
    for key, _label, login in COLUMNS:
        uid = SUPERUSER_ID
        if login:
            uid = env_su["res.users"].search([("login", "=", f"netbench.{login}")]).id
        envs[key] = api.Environment(cr, uid, context)
    rng = random.Random(SEED + 1)
    cr.execute("SELECT id FROM don_youth WHERE reference LIKE 'NET-%%' ORDER BY id")
    youth_ids = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM don_group ORDER BY id")
    group_ids = [row[0] for row in cr.fetchall()]
    roots = [("don.youth", rid) for rid in rng.sample(youth_ids, sample)]
    roots += [("don.youth", rid) for rid in marker["recruiters"][:5]]
    roots += [("don.group", rid) for rid in rng.sample(group_ids, 5)]
    today = datetime.date.today().isoformat()
    results = {}
    for key, _label, _login in COLUMNS:
        env = envs[key]
        times, nodes, edges, queries = [], [], [], []
        for model, rid in roots:
            runs = []
            for _run in range(repeat):
                env.invalidate_all()
                before = env.cr.sql_log_count
                with QueryRecorder():
                    started = time.perf_counter()
                    data = env["don.network.relation"].get_network(model, rid, 2, today)
                    runs.append((time.perf_counter() - started) * 1000)
                queries.append(env.cr.sql_log_count - before)
            times.append(statistics.median(runs))
            nodes.append(data["metrics"]["node_count"])
            edges.append(data["metrics"]["edge_count"])
        times_sorted = sorted(times)
        results[key] = {
            "median": statistics.median(times),
            "p95": times_sorted[max(0, round(0.95 * len(times)) - 1)],
            "max": times_sorted[-1],
            "nodes_avg": statistics.mean(nodes),
            "nodes_max": max(nodes),
            "edges_avg": statistics.mean(edges),
            "edges_max": max(edges),
            # The first call after the user's first login fills the registry
            # caches (rules, access rights, the strong-login gate); the
            # others show what a call costs in use.
            "queries_first": queries[0],
            "queries_max_later": max(queries[1:] or queries),
        }
    return roots, results


def render(args, marker, roots, results, load):
    lines = [
        "# Network analysis benchmark: get_network over 2 steps",
        "",
        f"Generated by `bench/bench_network.py` on {datetime.date.today().isoformat()} "
        f"(Odoo {odoo.release.version}, load average {load:.2f} on "
        f"{os.cpu_count()} cores shared with other work).",
        "",
        f"Data: {marker['youths']:,} young people and {marker['groups']:,} groups "
        f"({marker['youths'] + marker['groups']:,} nodes), {marker['relations']:,} relations "
        "(group memberships clustered by part of town, friendships and family between "
        f"nearby numbers, {RECRUITERS} recruiters linking across), domains "
        f"{DOMAIN_WEIGHTS}, sharing levels {SHARING_WEIGHTS}, 80% with a start date, 30% of "
        "those ended. Inserted with COPY; access relation filled by "
        f"`don.access._recompute()` in {marker['recompute_s']} s.",
        "",
        f"Measured: `get_network(model, id, depth=2, as_of=today)` from {len(roots)} start "
        "nodes (random young people, 5 recruiters, 5 groups), the median of "
        f"{args.repeat} runs per start node, caches invalidated before each run. Times in ms, "
        "server-side (no HTTP). The restricted users are Kernteam members who see only "
        "Kernteam-level relations and those of their own domain.",
        "",
        "| user | median | p95 | max | nodes avg / max | relations avg / max "
        "| queries: first call / most later | "
        f"target < {TARGET_MS:.0f} ms (p95) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, label, _login in COLUMNS:
        r = results[key]
        verdict = "ok" if r["p95"] < TARGET_MS else "**FAIL**"
        lines.append(
            f"| {label} | {r['median']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
            f"{r['nodes_avg']:.0f} / {r['nodes_max']} | {r['edges_avg']:.0f} / {r['edges_max']} | "
            f"{r['queries_first']} / {r['queries_max_later']} | {verdict} |"
        )
    lines += [
        "",
        "Queries per call do not depend on the size of the network: one search per step, "
        "one for the relations within the outer ring, one per node model for the labels, "
        "plus the access check on the start node. Metrics (degree, Brandes betweenness, "
        "communities) are computed in Python on the visible subgraph only.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--database", default="net_bench", help="benchmark database (created)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per start node (median)")
    parser.add_argument("--sample", type=int, default=30, help="random young people as start")
    parser.add_argument("--output", help="markdown file (default bench/results/network.md)")
    parser.add_argument("--reuse", action="store_true", help="reuse the generated database")
    args = parser.parse_args(argv)
    output = Path(args.output or BENCH_DIR / "results" / "network.md")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    marker = prepare_database(args)
    log("==> Measuring")
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        load = os.getloadavg()[0]
        roots, results = measure(cr, marker, args.repeat, args.sample)
        cr.rollback()
    report = render(args, marker, roots, results, load)
    print()
    print(report)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    log(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
