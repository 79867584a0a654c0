#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Kernteam morning under load: many users at once, over HTTP.

Builds (or reuses) a municipality with don_core, don_signalen and
don_rapportage (the data of bench_core.py plus signals, a Kernteam and its
next meeting), starts Odoo with worker processes on 127.0.0.1 and replays,
for 10, 30 and 60 concurrent users, what each role does in the morning:

- the project leader prepares the agenda (the planned meetings, the meeting
  with its agenda, a case put on the agenda);
- Kernteam members open the Cases action (kanban by stage under "Open"), a
  case form, the signals under "Open" and a signal form;
- professionals open their cases, a case form and add a contribution;
- the web intake receives reports (the public form, GET and POST);
- Rapportage opens the dashboard.

Every virtual user logs in once (password and two-factor code, as DON
requires) and does a bounded number of rounds; the same mix runs once as the
restricted users and once as the superuser (``/web/become``), with the same
domains and records. Reports req/s and p50/p95 per operation; see
bench/README.md.

    python3 bench/bench_load.py --config .build/odoo-bench.conf --database don_bench_load
"""

import argparse
import base64
import concurrent.futures
import datetime
import hashlib
import hmac
import json
import os
import random
import re
import statistics
import struct
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import requests
from bench_signalen import generate_signals
from donbench import db, generation, log
from donbench.measure import BENCH_TOTP_SECRET, enable_2fa
from donbench.report import percentile, table
from donbench.server import error_lines, free_port, psql, server
from donbench.specs import client_spec

import odoo
import odoo.modules.registry
from odoo import SUPERUSER_ID, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
MARKER_KEY = "don_bench.load"
GEN_VERSION = 1
SEED = 20261202
MODULES = "don_core,don_signalen,don_rapportage"
PASSWORD = "bench-Kernteam-2026"
SIGNALS = 20_000
P95_FLOOR_MS, P95_AIM_MS, MIX_RATIO_AIM = 500, 250, 1.3

# Roles of the virtual users, in the order they are handed out (per 10).
ROLE_CYCLE = [
    "kernteam",
    "professional",
    "kernteam",
    "professional",
    "intake",
    "projectleider",
    "kernteam",
    "professional",
    "rapportage",
    "professional",
]
ROLE_LOGINS = {
    "kernteam": ["kt_veiligheid", "kt_sociaal", "kt_politie", "kt_om"],
    "professional": [
        "pro_jeugdconsulent",
        "pro_leerplicht",
        "pro_boa",
        "pro_wijkagent",
        "pro_wijkteam",
        "pro_jongerenwerk",
        "pro_jobcoach",
    ],
    "projectleider": ["projectleider"],
    "rapportage": ["rapportage"],
}
CASE_LIST = {
    "reference": {},
    "youth_id": {"fields": {"display_name": {}}},
    "stage": {},
    "director_id": {"fields": {"display_name": {}}},
    "lead_domain_id": {"fields": {"display_name": {}}},
    "date_start": {},
}
CASE_KANBAN = {
    "color": {},
    "don_editable": {},
    "reference": {},
    "youth_id": {"fields": {"display_name": {}}},
    "lead_domain_id": {"fields": {"display_name": {}}},
    "director_id": {"fields": {"display_name": {}}},
    "stage": {},
}
# (method, path) of the pages requested -> operation (server_times).
PAGE_OPERATIONS = {}
# An access line of the server's log (werkzeug, with Odoo's counters: queries,
# seconds in SQL, seconds in the rest of the request).
ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<url>\S+) HTTP/[\d.]+" \d+ \S+ '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<rest>[\d.]+)"
)
# Closed-loop rounds of the largest mix before measuring (see main).
WARM_ROUNDS = 2
# The case form as the web client opens it (bench/specs), filled in by main()
# for the fields of the installed addons.
CASE_FORM = {}
SIGNAL_LIST = {
    "reference": {},
    "date_received": {},
    "name": {},
    "channel_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "neighbourhood_id": {"fields": {"display_name": {}}},
    "handler_id": {"fields": {"display_name": {}}},
    "state": {},
}
SIGNAL_FORM = {
    **SIGNAL_LIST,
    "description": {},
    "domain_id": {"fields": {"display_name": {}}},
    "sharing_level": {},
    "youth_ids": {"fields": {"display_name": {}}},
}
MEETING_LIST = {
    "name": {},
    "date": {},
    "state": {},
    "kernteam_id": {"fields": {"display_name": {}}},
}
MEETING_FORM = {
    "name": {},
    "date": {},
    "state": {},
    "location": {},
    "agenda_item_ids": {
        "fields": {
            "sequence": {},
            "kind": {},
            "name": {},
            "case_id": {"fields": {"display_name": {}}},
            "state": {},
        },
    },
}
OPEN_CASES = [("stage", "!=", "afgesloten")]
OPEN_SIGNALS = [("state", "!=", "done")]


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def add_morning(env, rng, muni, youth_ids, domain_ids):
    """Signals, a Rapportage user, the Kernteam and its next meeting."""
    generate_signals(env, rng, muni, SIGNALS, youth_ids, domain_ids)
    company = env["res.company"].browse(muni.company_id)
    company.write(
        {
            "don_signal_handler_id": muni.users["kt_veiligheid"],
            "don_signal_domain_id": domain_ids["veiligheid"],
        }
    )
    number = 1 + env["res.company"].search_count([("id", "<", company.id)])
    user = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            {
                "name": "Rapportage DON",
                "login": f"bench.{number:02d}.rapportage",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, [env.ref("don_core.group_don_reporting").id])],
                "tz": "Europe/Amsterdam",
            }
        )
    )
    muni.users["rapportage"] = user.id
    kernteam = env["don.kernteam"].create({"name": "Kernteam DON", "company_id": company.id})
    env["don.kernteam.member"].create(
        [
            {"kernteam_id": kernteam.id, "user_id": muni.users[key], "role": role}
            for key, role in (
                ("kt_veiligheid", "veiligheid"),
                ("kt_sociaal", "sociaal"),
                ("kt_politie", "politie"),
                ("kt_om", "om"),  # an agenda member: need to know
                ("projectleider", "projectleider"),
            )
        ]
    )
    tomorrow = datetime.datetime.now().replace(hour=8, minute=30, second=0, microsecond=0)
    env["don.meeting"].create(
        {"kernteam_id": kernteam.id, "date": tomorrow + datetime.timedelta(days=1)}
    )


def fresh_install(database):
    """The modules are installed and no benchmark data was committed."""
    installed = psql(
        database,
        "SELECT count(*) FROM ir_module_module WHERE state = 'installed'"
        f" AND name IN ({', '.join(repr(name) for name in MODULES.split(','))})",
    )
    users = psql(database, "SELECT count(*) FROM res_users WHERE login LIKE 'bench.%'")
    return installed == str(len(MODULES.split(","))) and users == "0"


def prepare(args):
    scale = generation.SCALES[args.scale]
    wanted = {"scale": args.scale, "seed": SEED, "version": GEN_VERSION}
    marker = db.read_marker(args.database, MARKER_KEY)
    if args.reuse and marker and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"==> Reusing database {args.database}")
        return marker
    odoo.sql_db.close_db(args.database)
    if marker == {} and fresh_install(args.database):
        # Installed, but the data generation did not finish: start from here.
        log(f"==> {args.database}: modules installed, no data yet")
        install_s = 0.0
    else:
        if marker is not None:
            if "bench" not in args.database:
                raise SystemExit(f"refusing to drop {args.database}: its name has no 'bench'")
            db.drop_db(args.database)
        log(f"==> Creating database {args.database} with {MODULES} (no demo data)")
        started = time.perf_counter()
        db.run_odoo(args.config, args.database, "-i", MODULES, "--without-demo=all")
        install_s = time.perf_counter() - started
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(generation.CONTEXT))
        stats = generation.generate_data(env, scale, SEED, more=add_morning)
        env["ir.config_parameter"].set_param("don_signalen.rate_limit_ip", "1000000")
        env["ir.config_parameter"].set_param("don_signalen.rate_limit_anonymous", "1000000")
        users = env["res.users"].search([("login", "=like", "bench.%")])
        users.write({"password": PASSWORD})
        env.ref("base.user_admin").write({"password": PASSWORD})
        enable_2fa(env, "bench.%")
        db.analyze(cr, (*db.DATA_TABLES, "don_signal", "don_signal_youth_rel"))
        stats.update(generation.recompute_access(env))
        marker = dict(wanted, install_s=install_s, **stats)
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    db.vacuum_analyze(args.database, (*db.DATA_TABLES, "don_signal", "don_signal_youth_rel"))
    return marker


def role_users(database):
    """{login key: user id} of the first municipality, the open cases of
    each professional, and the meeting being prepared."""
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = env["res.users"].search([("login", "=like", "bench.01.%")])
        ids = {user.login.removeprefix("bench.01."): user.id for user in users}
        cr.execute(
            "SELECT director_id, array_agg(id ORDER BY id) FROM don_case"
            " WHERE stage != 'afgesloten' GROUP BY director_id"
        )
        cases = {director: ids_[:50] for director, ids_ in cr.fetchall()}
        meeting = env["don.meeting"].search([("state", "=", "planned")], limit=1)
        return ids, cases, meeting.id


def totp_code(secret, timestep=30):
    """The current six-digit code of a base32 TOTP secret (RFC 6238, as
    auth_totp checks it)."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time() / timestep)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


# ----------------------------------------------------------------------
# HTTP client
# ----------------------------------------------------------------------
class Client:
    """One browser: its own session, JSON-RPC like the web client."""

    def __init__(self, base, database, think=0.0, rng=None):
        self.base = base
        self.database = database
        self.http = requests.Session()
        self.timings = []  # (operation, ms, ok)
        self.think = think
        self.rng = rng or random.Random(SEED)

    def pause(self):
        """The user reads the screen before the next click: uniformly
        between half and one and a half times the mean think time (none in
        a closed loop, ``--think 0``)."""
        if self.think:
            time.sleep(self.rng.uniform(0.5, 1.5) * self.think)

    def pause_start(self):
        if self.think:
            time.sleep(self.rng.uniform(0, 2) * self.think)

    def login(self, login, superuser=False):
        reply = self.http.post(
            self.base + "/web/session/authenticate",
            json={"params": {"db": self.database, "login": login, "password": PASSWORD}},
            timeout=120,
        ).json()
        if not reply.get("result", {}).get("uid"):
            # Two-factor authentication: the code of the bench secret.
            page = self.http.get(self.base + "/web/login/totp", timeout=120)
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            self.http.post(
                self.base + "/web/login/totp",
                data={"csrf_token": csrf, "totp_token": totp_code(BENCH_TOTP_SECRET)},
                timeout=120,
            )
        if superuser:
            self.http.get(self.base + "/web/become", timeout=120)
        info = self.http.post(
            self.base + "/web/session/get_session_info", json={"params": {}}, timeout=120
        ).json()
        uid = info.get("result", {}).get("uid")
        if not uid or (superuser and uid != SUPERUSER_ID):
            raise RuntimeError(f"login of {login} failed: {json.dumps(info)[:300]}")
        self.context = info["result"]["user_context"]

    def call(self, operation, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        started = time.perf_counter()
        reply = self.http.post(
            # The operation in the query string (JSON-RPC reads only the
            # body) names the request in the server's log (server_times).
            f"{self.base}/web/dataset/call_kw/{model}/{method}"
            f"?bench_op={urllib.parse.quote(operation)}",
            json={"params": {"model": model, "method": method, "args": args, "kwargs": kwargs}},
            timeout=120,
        )
        ms = (time.perf_counter() - started) * 1000
        body = reply.json() if reply.ok else {"error": reply.status_code}
        ok = "error" not in body
        self.timings.append((operation, ms, ok))
        if not ok:
            raise RuntimeError(f"{model}.{method}: {json.dumps(body['error'])[:400]}")
        return body["result"]

    def page(self, operation, method, path, **kwargs):
        # A page's form reads the query string too: the server's log names
        # it by method and path.
        PAGE_OPERATIONS[method, path] = operation
        started = time.perf_counter()
        reply = self.http.request(method, self.base + path, timeout=120, **kwargs)
        ms = (time.perf_counter() - started) * 1000
        self.timings.append((operation, ms, reply.ok))
        return reply


# ----------------------------------------------------------------------
# What each role does
# ----------------------------------------------------------------------
def kernteam_round(client, rng, ctx):
    groups = client.call(
        "cases: kanban Open", "don.case", "web_read_group", OPEN_CASES, ["stage"], ["stage"]
    )
    cards = []
    for group in groups["groups"]:
        result = client.call(
            "cases: kanban column",
            "don.case",
            "web_search_read",
            group["__domain"],
            CASE_KANBAN,
            limit=40,
        )
        cards += [record["id"] for record in result["records"]]
    client.pause()
    if cards:
        client.call("case form", "don.case", "web_read", [rng.choice(cards)], CASE_FORM)
        client.pause()
    signals = client.call(
        "signals: list Open",
        "don.signal",
        "web_search_read",
        OPEN_SIGNALS,
        SIGNAL_LIST,
        limit=80,
        count_limit=10001,
    )
    client.pause()
    if signals["records"]:
        signal = rng.choice(signals["records"])["id"]
        client.call("signal form", "don.signal", "web_read", [signal], SIGNAL_FORM)
        client.pause()


def professional_round(client, rng, ctx):
    uid = ctx["uid"]
    client.call(
        "cases: list My cases",
        "don.case",
        "web_search_read",
        [("director_id", "=", uid), *OPEN_CASES],
        CASE_LIST,
        limit=80,
        count_limit=10001,
    )
    client.pause()
    case_id = rng.choice(ctx["cases"])
    client.call("case form", "don.case", "web_read", [case_id], CASE_FORM)
    client.pause()
    client.call(
        "contribution: save",
        "don.case.note",
        "web_save",
        [],
        {
            "case_id": case_id,
            "name": "Gesprek met jongere en ouders",
            "note_type": "other",
            "domain_id": ctx["domain_id"],
            "sharing_level": "domain",
            "body": "Afspraken gemaakt over school en vrije tijd; over twee weken evalueren.",
        },
        {"name": {}, "date": {}},
    )
    client.pause()


def projectleider_round(client, rng, ctx):
    client.call(
        "meetings: list planned",
        "don.meeting",
        "web_search_read",
        [("state", "=", "planned")],
        MEETING_LIST,
        limit=80,
    )
    client.pause()
    client.call("meeting form", "don.meeting", "web_read", [ctx["meeting"]], MEETING_FORM)
    client.pause()
    client.call(
        "agenda: add case",
        "don.agenda.item",
        "web_save",
        [],
        {
            "meeting_id": ctx["meeting"],
            "kind": "case",
            "case_id": rng.choice(ctx["all_cases"]),
            "name": "Voortgang aanpak",
        },
        {"name": {}},
    )
    client.call("meeting form", "don.meeting", "web_read", [ctx["meeting"]], MEETING_FORM)
    client.pause()


def rapportage_round(client, rng, ctx):
    action = client.call("dashboard: open", "don.report.dashboard", "action_open_dashboard")
    client.call(
        "dashboard: open",
        "don.report.dashboard",
        "web_read",
        [action["res_id"]],
        {
            "display_name": {},
            "company_id": {"fields": {"display_name": {}}},
            "reference_date": {},
            "summary_html": {},
        },
    )
    client.pause()


def intake_round(client, rng, ctx):
    page = client.page("intake: form", "GET", "/don/melden")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.pause()
    client.page(
        "intake: send",
        "POST",
        "/don/melden",
        data={
            "csrf_token": csrf,
            "name": "Belastingtest ochtend",
            "description": "Jongen wordt na school opgewacht bij het station door oudere jongens.",
            "reporter_email": "mentor@bench.example",
        },
    )
    client.pause()


ROUNDS = {
    "kernteam": kernteam_round,
    "professional": professional_round,
    "projectleider": projectleider_round,
    "rapportage": rapportage_round,
    "intake": intake_round,
}


def virtual_users(count, ids, cases, meeting, domain_ids):
    """(role, login, round context) of each of ``count`` users."""
    users, per_role = [], {}
    all_cases = sorted({case for ids_ in cases.values() for case in ids_})
    for index in range(count):
        role = ROLE_CYCLE[index % len(ROLE_CYCLE)]
        n = per_role[role] = per_role.get(role, -1) + 1
        key = ROLE_LOGINS[role][n % len(ROLE_LOGINS[role])] if role in ROLE_LOGINS else None
        uid = ids.get(key)
        ctx = {
            "uid": uid,
            "cases": cases.get(uid) or all_cases[:50],
            "all_cases": all_cases,
            "meeting": meeting,
            "domain_id": domain_ids.get(key),
        }
        users.append((role, f"bench.01.{key}" if key else None, ctx))
    return users


def run_mix(base, database, users, rounds, superuser, think=0.0, sessions=None):
    """Log every virtual user in (or take its session from ``sessions``,
    {(index, superuser): (cookies, context)}, filled in here), then all at
    once: ``rounds`` rounds each, with ``think`` seconds (mean) between
    screens. Returns (timings, wall seconds, errors)."""
    sessions = {} if sessions is None else sessions

    def connect(indexed):
        index, (_role, login, _ctx) = indexed
        # The same think times in both mixes (seeded per virtual user).
        client = Client(base, database, think, random.Random(SEED * 7 + index))
        if login and (index, superuser) in sessions:
            cookies, client.context = sessions[index, superuser]
            client.http.cookies.update(cookies)
        elif login:
            client.login("admin" if superuser else login, superuser=superuser)
            sessions[index, superuser] = (client.http.cookies.copy(), client.context)
        return client

    # Logging in (password hash, TOTP) is not measured: a few at a time.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        clients = list(pool.map(connect, enumerate(users)))
    barrier = threading.Barrier(len(users))
    errors = []

    def work(index):
        role, _login, ctx = users[index]
        rng = random.Random(SEED + index)
        barrier.wait()
        # People do not all click at the same instant: with a think time,
        # each one starts somewhere in the first two think times (seeded,
        # the same in both mixes).
        clients[index].pause_start()
        for _round in range(rounds):
            try:
                ROUNDS[role](clients[index], rng, ctx)
            except Exception as exc:
                errors.append(f"{role}: {exc}")

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(users)) as pool:
        list(pool.map(work, range(len(users))))
    wall = time.perf_counter() - started
    return [t for client in clients for t in client.timings], wall, errors


def server_times(log_lines):
    """[(operation, queries, SQL ms, other ms)] of the requests in the
    server's access lines: the time from the worker taking the request to
    its answer, as Odoo counts it. What a client waits more is the wait for a
    free worker (and the loopback)."""
    times = []
    for line in log_lines:
        match = ACCESS_LINE.search(line)
        if not match:
            continue
        url = urllib.parse.urlsplit(match["url"])
        operation = urllib.parse.parse_qs(url.query).get("bench_op", [None])[0]
        operation = operation or PAGE_OPERATIONS.get((match["method"], url.path))
        if operation:
            sql, rest = float(match["sql"]) * 1000, float(match["rest"]) * 1000
            times.append((operation, int(match["queries"]), sql, rest))
    return times


def cache_clears(database):
    """How often a worker cleared the registry's caches (Odoo signals it to
    the other workers with this sequence): a clear during a mix makes every
    worker read rules, groups and access again."""
    return int(psql(database, "SELECT last_value FROM base_cache_signaling_default"))


def domain_of_users(database, ids):
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        result = {}
        for key, uid in ids.items():
            domains = env["don.domain"].search([("group_id.users", "in", uid)], limit=1)
            result[key] = domains.id or False
        return result


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
def summarise(timings):
    per_op = {}
    for operation, ms, ok in timings:
        per_op.setdefault(operation, []).append((ms, ok))
    return {
        operation: {
            "n": len(values),
            "p50": statistics.median(ms for ms, _ok in values),
            "p95": percentile([ms for ms, _ok in values], 0.95),
            "failed": sum(1 for _ms, ok in values if not ok),
        }
        for operation, values in per_op.items()
    }


def summarise_server(times):
    """{operation or None (all): p50/p95 of the server time, mean SQL and
    other ms, mean queries}."""
    per_op = {None: times}
    for item in times:
        per_op.setdefault(item[0], []).append(item)
    result = {}
    for operation, items in per_op.items():
        total = [sql + rest for _op, _q, sql, rest in items]
        result[operation] = {
            "p50": statistics.median(total) if total else 0.0,
            "p95": percentile(total, 0.95) if total else 0.0,
            "sql": statistics.fmean(sql for _o, _q, sql, _r in items) if items else 0.0,
            "rest": statistics.fmean(rest for _o, _q, _s, rest in items) if items else 0.0,
            "queries": statistics.fmean(q for _o, q, _s, _r in items) if items else 0.0,
        }
    return result


def render(args, marker, runs, load, server_errors):
    lines = [
        f"# A Kernteam morning under load ({datetime.date.today().isoformat()})",
        "",
        f"`bench/bench_load.py`: Odoo with {args.workers} workers on 127.0.0.1, database at "
        f"{args.scale} scale ({generation.SCALES[args.scale].cases:,} cases, "
        f"{generation.SCALES[args.scale].notes:,} contributions, {SIGNALS:,} signals), "
        f"{args.rounds} rounds per virtual user, "
        + (
            f"{args.think:g} s think time on average between screens (uniform, half to one "
            "and a half times that; each user starts within the first two think times; "
            "the same for both mixes)"
            if args.think
            else "no think time (closed loop: every user clicks again as soon as a screen "
            "is there, so the figures show the capacity of the machine, not a user's wait)"
        )
        + f". Machine: {os.cpu_count()} cores shared with "
        f"other work (load average {load:.1f} at the start): compare the two mixes of one "
        "run, not runs.",
        "",
        "Mix per 10 users: 3 Kernteam members (Cases kanban under Open, a case form, signals "
        "under Open, a signal form), 4 professionals (their open cases, a case form, a "
        "contribution saved), 1 project leader (planned meetings, the meeting, a case put on "
        "the agenda, the meeting again), 1 web intake reporter (form GET and POST), "
        "1 Rapportage user (dashboard). The superuser mix does the same requests with the same "
        "domains and records as `__system__` (admin through `/web/become`).",
        "",
    ]
    rows = []
    for users in args.users:
        restricted, su = runs[users, False], runs[users, True]
        p95_r = percentile([ms for _op, ms, _ok in restricted["timings"]], 0.95)
        p95_s = percentile([ms for _op, ms, _ok in su["timings"]], 0.95)
        server_r = summarise_server(restricted["server"])[None]
        server_s = summarise_server(su["server"])[None]
        verdict = "PASS" if p95_r < P95_FLOOR_MS else "FAIL"
        if not args.think:
            verdict = "(closed loop: capacity, no floor)"
        elif users != 30:
            verdict = "(floor at 30 users)"
        rows.append(
            [
                users,
                f"{len(restricted['timings'])}",
                f"{len(restricted['timings']) / restricted['wall']:.1f}",
                f"{len(su['timings']) / su['wall']:.1f}",
                f"{statistics.median(ms for _o, ms, _k in restricted['timings']):.0f}",
                f"{statistics.median(ms for _o, ms, _k in su['timings']):.0f}",
                f"{p95_r:.0f}",
                f"{p95_s:.0f}",
                f"{p95_r / p95_s:.2f}x",
                f"{server_r['p95']:.0f}",
                f"{server_s['p95']:.0f}",
                f"{server_r['sql']:.1f} + {server_r['rest']:.1f}",
                f"{server_s['sql']:.1f} + {server_s['rest']:.1f}",
                f"{len(restricted['errors']) + len(su['errors'])}",
                verdict,
            ]
        )
    lines += table(
        [
            "users",
            "requests per mix",
            "req/s restricted",
            "req/s superuser",
            "p50 ms restricted",
            "p50 ms superuser",
            "p95 ms restricted",
            "p95 ms superuser",
            "p95 ratio",
            "server p95 ms restricted",
            "server p95 ms superuser",
            "server mean ms SQL + other, restricted",
            "server mean ms SQL + other, superuser",
            "errors",
            f"p95 < {P95_FLOOR_MS} ms at 30 users",
        ],
        rows,
    )
    lines += [
        "",
        f"Floor: p95 under {P95_FLOOR_MS} ms at 30 users; aim: under {P95_AIM_MS} ms, "
        f"restricted within {MIX_RATIO_AIM}x of the superuser mix.",
        "",
        "The server's times are Odoo's own counters in its access log (from the worker "
        "taking the request to its answer: the time in SQL and the rest). What the client "
        "waits more is the wait for a free worker.",
        "",
        "Registry cache clears during the measured mixes (expected 0): restricted "
        + ", ".join(f"{runs[users, False]['cache_clears']}" for users in args.users)
        + "; superuser "
        + ", ".join(f"{runs[users, True]['cache_clears']}" for users in args.users)
        + f" (for {', '.join(map(str, args.users))} users).",
    ]
    for users in args.users:
        restricted = summarise(runs[users, False]["timings"])
        su = summarise(runs[users, True]["timings"])
        server_r = summarise_server(runs[users, False]["server"])
        server_s = summarise_server(runs[users, True]["server"])
        op_rows = [
            [
                operation,
                values["n"],
                f"{values['p50']:.0f}",
                f"{su.get(operation, {}).get('p50', 0):.0f}",
                f"{values['p95']:.0f}",
                f"{su.get(operation, {}).get('p95', 0):.0f}",
                f"{server_r.get(operation, {}).get('p50', 0):.0f}",
                f"{server_s.get(operation, {}).get('p50', 0):.0f}",
                f"{server_r.get(operation, {}).get('p95', 0):.0f}",
                f"{server_s.get(operation, {}).get('p95', 0):.0f}",
                f"{server_r.get(operation, {}).get('queries', 0):.0f}",
                f"{server_s.get(operation, {}).get('queries', 0):.0f}",
                values["failed"] + su.get(operation, {}).get("failed", 0),
            ]
            for operation, values in sorted(restricted.items())
        ]
        lines += ["", f"### {users} concurrent users, per operation", ""]
        lines += table(
            [
                "operation",
                "requests",
                "p50 ms restricted",
                "p50 ms superuser",
                "p95 ms restricted",
                "p95 ms superuser",
                "server p50 restricted",
                "server p50 superuser",
                "server p95 restricted",
                "server p95 superuser",
                "queries restricted",
                "queries superuser",
                "failed",
            ],
            op_rows,
        )
    all_errors = [e for run in runs.values() for e in run["errors"]]
    if all_errors or server_errors:
        lines += ["", "Errors (first 10):", "", "```", *all_errors[:10], *server_errors[:10]]
        lines += ["```"]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--database", default="don_bench_load", help="benchmark database")
    parser.add_argument("--scale", choices=list(generation.SCALES), default="municipal")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 30, 60])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per virtual user")
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="mean seconds a user reads a screen before the next click (0: closed loop, "
        "every user clicks again as soon as a screen is there: the capacity of the machine)",
    )
    parser.add_argument("--port", type=int, help="HTTP port (default: a free one)")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--output", help="default bench/results/load.md")
    args = parser.parse_args(argv)
    output = Path(args.output or BENCH_DIR / "results" / "load.md")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    marker = prepare(args)
    ids, cases, meeting = role_users(args.database)
    domain_ids = domain_of_users(args.database, ids)
    case_fields = psql(args.database, "SELECT name FROM ir_model_fields WHERE model = 'don.case'")
    CASE_FORM.update(client_spec("don.case.form", set(case_fields.split())))
    odoo.sql_db.close_all()
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    runs = {}
    load = os.getloadavg()[0]
    with server(
        args.config, args.database, args.workers, port, extra=["--log-handler=werkzeug:INFO"]
    ) as server_log:
        # Warm-up, as the workers of a server that has been running since the
        # morning: every worker loads the registry and the views, and the
        # caches per user (record rules, groups, the strong-login check) of
        # every login of the largest mix, in each worker (the superuser mix
        # has one login, so without this its caches are warm much sooner).
        #
        # Every virtual user logs in once, before the warm-up, and keeps its
        # session for all the mixes (as people log in once in the morning):
        # Odoo's /web/become, which makes the superuser sessions, clears
        # every worker's caches (odoo/addons/web/controllers/home.py), so
        # logging in the superuser mix again before each run left the caches
        # cold for whichever mix ran next.
        warm = virtual_users(max(args.users), ids, cases, meeting, domain_ids)
        sessions = {}
        for superuser in (False, True):
            run_mix(base, args.database, warm, 0, superuser, sessions=sessions)
        for superuser in (False, True):
            run_mix(base, args.database, warm, WARM_ROUNDS, superuser, sessions=sessions)
        for users in args.users:
            mix = virtual_users(users, ids, cases, meeting, domain_ids)
            # Interleaved: superuser first for one size, restricted first for the next.
            order = (True, False) if users % 20 else (False, True)
            for superuser in order:
                label = "superuser" if superuser else "restricted"
                log(f"==> {users} users, {label} mix")
                first_line = len(server_log)
                clears_before = cache_clears(args.database)
                timings, wall, errors = run_mix(
                    base, args.database, mix, args.rounds, superuser, args.think, sessions
                )
                # A worker logs its request after answering it.
                time.sleep(1)
                runs[users, superuser] = {
                    "timings": timings,
                    "wall": wall,
                    "errors": errors,
                    "server": server_times(server_log[first_line:]),
                    "cache_clears": cache_clears(args.database) - clears_before,
                }
                log(
                    f"    {len(timings)} requests in {wall:.1f} s, "
                    f"p95 {percentile([ms for _o, ms, _k in timings], 0.95):.0f} ms, "
                    f"{len(errors)} errors"
                )
    report = render(args, marker, runs, load, error_lines(server_log))
    print(report)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    log(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
