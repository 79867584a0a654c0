#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Performance benchmark of the Kernteam meeting: preparing the agenda.

Reuses the municipal data set of bench_core.py (10,000 young people, 20,000
cases, 200,000 contributions, the access relation filled), adds a Kernteam
with a meeting that was held two weeks ago and the next one, and makes a
realistic share of the cases "changed since the previous meeting" (new
contributions on them). Then measures ``action_prepare_agenda`` of the next
meeting for the project leader against the superuser (median of N runs, the
proposed items removed between runs) and opening meeting mode. Floor: under
1 s; aim: under 300 ms (issue 16). Prints a markdown table and writes it to
bench/results/agenda-<scale>.md.

    python3 bench/bench_agenda.py --config odoo.conf --database don_bench_municipal --reuse
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

import odoo
import odoo.modules.registry
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
from donbench import log  # noqa: E402
from donbench.generation import CONTEXT, SCALES, prepare_database  # noqa: E402
from donbench.measure import QueryRecorder, enable_2fa  # noqa: E402

FLOOR_MS = 1000.0
AIM_MS = 300.0
TEAM_NAME = "Kernteam benchmark"
MODE_SPEC = {
    "name": {},
    "state": {},
    "mode_item_id": {},
    "mode_position": {},
    "mode_name": {},
    "mode_subject": {},
    "mode_reason": {},
    "mode_phase": {},
    "mode_discussion": {},
    "mode_decision": {},
    "mode_state": {},
    "mode_action_ids": {"fields": {"name": {}, "date_deadline": {}}},
}


def setup_meetings(env, changed):
    """The Kernteam, a held meeting 14 days ago and the next one in 2 days;
    every contribution dated before the held meeting except those of
    ``changed`` open cases, which get one new contribution each."""
    users = env["res.users"].search([("login", "=like", "bench.01.%")])
    by_key = {user.login.split(".", 2)[2]: user for user in users}
    company = env.ref("base.main_company")
    team = env["don.kernteam"].search([("name", "=", TEAM_NAME)])
    if not team:
        members = [
            Command.create({"user_id": by_key["projectleider"].id, "role": "projectleider"}),
            Command.create({"user_id": by_key["kt_sociaal"].id, "role": "sociaal"}),
            Command.create({"user_id": by_key["kt_politie"].id, "role": "politie"}),
            Command.create({"user_id": by_key["kt_veiligheid"].id, "role": "veiligheid"}),
            Command.create({"user_id": by_key["kt_om"].id, "role": "om"}),
        ]
        team = env["don.kernteam"].create(
            {"name": TEAM_NAME, "company_id": company.id, "member_ids": members}
        )
    team.meeting_ids.agenda_item_ids.unlink()
    team.meeting_ids.unlink()
    now = datetime.datetime.now().replace(microsecond=0)
    attendees = [Command.set(team.member_ids.user_id.ids)]
    held = env["don.meeting"].create(
        {
            "kernteam_id": team.id,
            "date": now - datetime.timedelta(days=14),
            "attendee_ids": attendees,
        }
    )
    held.state = "held"
    meeting = env["don.meeting"].create(
        {
            "kernteam_id": team.id,
            "date": now + datetime.timedelta(days=2),
            "attendee_ids": attendees,
        }
    )
    old = now - datetime.timedelta(days=30)
    env.flush_all()
    cr = env.cr
    for table, date_column in (
        ("don_case_note", "date"),
        ("don_case_factor", "date"),
        ("don_intervention", "date_start"),
    ):
        cr.execute(
            f"UPDATE {table} SET create_date = %s, write_date = %s,"
            f" {date_column} = LEAST({date_column}, %s)"
            f" WHERE create_date > %s OR {date_column} > %s",
            [old, old, old.date(), old, old.date()],
        )
    cr.execute("UPDATE don_case SET write_date = %s WHERE write_date > %s", [old, old])
    cr.execute(
        """SELECT id FROM don_case WHERE company_id = %s AND stage != 'afgesloten'
            ORDER BY id LIMIT %s""",
        [company.id, changed],
    )
    case_ids = [row[0] for row in cr.fetchall()]
    domain = env.ref("don_core.domain_sociaal")
    author = by_key["kt_sociaal"]
    env["don.case.note"].with_user(author).with_context(tracking_disable=True).create(
        [
            {
                "case_id": case_id,
                "name": "Nieuwe informatie",
                "body": "Nieuwe informatie sinds het vorige overleg.",
                "domain_id": domain.id,
            }
            for case_id in case_ids
        ]
    )
    env.flush_all()
    cr.execute("ANALYZE don_case_note")
    return meeting, by_key["projectleider"]


def run(env, meeting_id, func):
    meeting = env["don.meeting"].browse(meeting_id)
    env.invalidate_all()
    before = env.cr.sql_log_count
    with QueryRecorder() as recorder:
        started = time.perf_counter()
        func(meeting)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, env.cr.sql_log_count - before, len(recorder.queries)


def prepare(meeting):
    meeting.action_prepare_agenda()


def meeting_mode(meeting):
    meeting.action_meeting_mode()
    meeting.web_read(MODE_SPEC)


def clear_items(env_su, meeting_id):
    env_su["don.meeting"].browse(meeting_id).agenda_item_ids.unlink()
    env_su.flush_all()


def measure(envs, meeting_id, repeat):
    results = {}
    env_su = envs["superuser"]
    for key, env in envs.items():
        timings, queries = [], 0
        clear_items(env_su, meeting_id)
        run(env, meeting_id, prepare)  # warm-up: registry caches, rules
        for _index in range(repeat):
            clear_items(env_su, meeting_id)
            ms, queries, _n = run(env, meeting_id, prepare)
            timings.append(ms)
        items = len(env_su["don.meeting"].browse(meeting_id).agenda_item_ids)
        results["prepare", key] = (statistics.median(timings), queries, items)
        run(env, meeting_id, meeting_mode)
        timings = []
        for _index in range(repeat):
            ms, queries, _n = run(env, meeting_id, meeting_mode)
            timings.append(ms)
        results["mode", key] = (statistics.median(timings), queries, items)
    return results


def verdict(ms):
    if ms < AIM_MS:
        return "PASS (aim)"
    if ms < FLOOR_MS:
        return "PASS (floor), misses the aim"
    return "**FAIL**"


def render(args, marker, changed, results, load):
    su_prep, _q, items = results["prepare", "superuser"]
    lines = [
        f"# DON agenda benchmark: {args.scale} scale",
        "",
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}, Odoo {odoo.release.version}, "
        f"database `{args.database}`; median of {args.repeat} runs after one warm-up, "
        "ORM cache cleared before each run, the proposed items removed between runs.",
        f"Machine: {os.cpu_count()} CPUs, load average {load:.1f} at the start.",
        "",
        f"Data: the bench_core {args.scale} data set ({marker.get('scale')}: "
        f"{SCALES[args.scale].cases:,} cases, {SCALES[args.scale].notes:,} contributions); "
        f"{changed} open cases with new information since the previous meeting; "
        f"**{items} agenda items proposed** (changed cases, evaluations due, "
        "overdue actions, items carried over).",
        "",
        "| operation | superuser ms (queries) | project leader ms (queries) | ratio | target |",
        "|---|---:|---:|---:|---|",
    ]
    for op, label in (("prepare", "prepare the agenda"), ("mode", "open meeting mode")):
        su_ms, su_q, _items = results[op, "superuser"]
        pl_ms, pl_q, _items = results[op, "projectleider"]
        ratio = pl_ms / su_ms if su_ms else 0
        lines.append(
            f"| {label} | {su_ms:.0f} ({su_q}) | {pl_ms:.0f} ({pl_q}) | {ratio:.1f}x | "
            f"{verdict(pl_ms)} |"
        )
    lines += [
        "",
        f"Targets (issue 16): preparing the agenda under {FLOOR_MS:.0f} ms (floor), "
        f"aim under {AIM_MS:.0f} ms, for the project leader (a restricted user: every "
        f"search goes through the access relation). Superuser time for the same work: "
        f"{su_prep:.0f} ms.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--database", required=True, help="benchmark database (bench_core's)")
    parser.add_argument("--scale", choices=list(SCALES), default="municipal")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--changed", type=int, default=60, help="cases with new information")
    parser.add_argument("--output", help="markdown file (default bench/results/agenda-<scale>.md)")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the database if it holds this scale's data"
    )
    args = parser.parse_args(argv)
    args.explain = False
    output = Path(args.output or BENCH_DIR / "results" / f"agenda-{args.scale}.md")
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    marker = prepare_database(args, SCALES[args.scale])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env_su = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        enable_2fa(env_su, "bench.%")
        meeting, leader = setup_meetings(env_su, args.changed)
        company = env_su.ref("base.main_company")
        context = dict(CONTEXT, allowed_company_ids=[company.id])
        envs = {
            "superuser": api.Environment(cr, SUPERUSER_ID, context),
            "projectleider": api.Environment(cr, leader.id, context),
        }
        load = os.getloadavg()[0]
        log(f"==> Measuring ({args.repeat} runs)")
        results = measure(envs, meeting.id, args.repeat)
        cr.rollback()
    report = render(args, marker, args.changed, results, load)
    print()
    print(report)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    log(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
