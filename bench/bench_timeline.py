#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the timeline: opening a young person's file with 500 items.

Runs in a database where the DON addons are installed (a test or demo
database). Builds, inside one transaction that is rolled back at the end
(the database is left as it was), a municipality with a young person whose
timeline holds ``--items`` items (contributions of four domains at every
sharing level, factors, interventions, signals, agenda items, actions and
stage changes) among background cases, and measures opening the file as the
web client does (``web_read`` with the timeline, the access log included) for
the superuser and restricted users: a Kernteam member of the social domain,
one of the police, and the involved professional. Reports the median time,
the ratio against the superuser, the number of items each one sees and the
number of queries. Writes the markdown table to ``bench/results/timeline.md``.

    python3 bench/bench_timeline.py --config .build/odoo-test.conf --database don_test
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

import odoo
import odoo.modules.registry
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

BENCH_DIR = Path(__file__).resolve().parent
FLOOR_MS = 300.0
AIM_MS = 100.0
RATIO_TARGET = 1.5
SPEC = {"display_name": {}, "name": {}, "reference": {}, "timeline_html": {}}
CONTEXT = {"lang": "nl_NL", "tz": "Europe/Amsterdam"}


def log(message):
    print(message, flush=True)


def build(env, items, background, rng):
    company = env["res.company"].create({"name": "Gemeente Benchdorp", "don_require_2fa": False})
    ctx = dict(CONTEXT, allowed_company_ids=[company.id])
    env = env(context=dict(env.context, **ctx, don_signal_no_feedback=True, tracking_disable=True))

    def user(login, groups):
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login,
                    "login": login,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set([env.ref(g).id for g in groups])],
                    "lang": "nl_NL" if env["res.lang"]._lang_get("nl_NL") else "en_US",
                }
            )
        )

    users = {
        "kt_sociaal": user(
            "bench.tl.kt_sociaal", ["don_core.group_don_kernteam", "don_core.group_domain_sociaal"]
        ),
        "kt_politie": user(
            "bench.tl.kt_politie", ["don_core.group_don_kernteam", "don_core.group_domain_politie"]
        ),
        "professional": user(
            "bench.tl.professional",
            ["don_core.group_don_professional", "don_core.group_domain_sociaal"],
        ),
    }
    domains = [
        env.ref(f"don_core.domain_{code}") for code in ("veiligheid", "sociaal", "politie", "om")
    ]
    authors = {
        "sociaal": users["kt_sociaal"],
        "politie": users["kt_politie"],
        "veiligheid": users["kt_sociaal"],
        "om": users["kt_politie"],
    }
    basis = env["don.legal.basis"].create(
        {
            "name": "Bench convenant",
            "purpose": "Kernteam",
            "article": "art. 5",
            "company_id": company.id,
        }
    )
    factor = env["don.factor"].search([], limit=1)
    itype = env["don.intervention.type"].search([], limit=1)
    youth = env["don.youth"].create({"name": "Bench Jongere", "company_id": company.id})
    cases = env["don.case"].create(
        [
            {
                "youth_id": youth.id,
                "company_id": company.id,
                "director_id": users["kt_sociaal"].id,
                "involved_user_ids": [Command.set(users["professional"].ids)],
                "date_start": datetime.date(2025, 1, 1),
            },
            {
                "youth_id": youth.id,
                "company_id": company.id,
                "date_start": datetime.date(2026, 1, 1),
            },
        ]
    )
    today = datetime.date(2026, 11, 1)

    def shared(n):
        domain = domains[n % 4]
        level = ["domain", "kernteam", "domain", "involved"][n % 4]
        return {
            "case_id": cases[n % 2].id,
            "company_id": company.id,
            "domain_id": domain.id,
            "sharing_level": level,
            "legal_basis_id": basis.id if level == "kernteam" else False,
            "author_id": authors.get(domain.code, users["kt_sociaal"]).id,
            "user_ids": [Command.set(users["professional"].ids)] if level == "involved" else [],
        }

    share = {
        "don.case.note": 0.40,
        "don.case.factor": 0.14,
        "don.intervention": 0.12,
        "don.signal": 0.12,
        "don.agenda.item": 0.10,
        "project.task": 0.10,
    }
    counts = {model: int(items * part) for model, part in share.items()}
    counts["don.case.note"] += items - sum(counts.values()) - 10  # 10 stage changes
    day = lambda n: today - datetime.timedelta(days=n % 600)  # noqa: E731
    env["don.case.note"].create(
        [
            {**shared(n), "name": f"Bijdrage {n}", "body": "x", "date": day(n)}
            for n in range(counts["don.case.note"])
        ]
    )
    env["don.case.factor"].create(
        [
            {**shared(n), "factor_id": factor.id, "date": day(n)}
            for n in range(counts["don.case.factor"])
        ]
    )
    env["don.intervention"].create(
        [
            {**shared(n), "name": f"Interventie {n}", "type_id": itype.id, "date_start": day(n)}
            for n in range(counts["don.intervention"])
        ]
    )
    channel = env.ref("don_signalen.channel_politie")
    env["don.signal"].create(
        [
            {
                **shared(n),
                "name": f"Signaal {n}",
                "description": "x",
                "channel_id": channel.id,
                "reporter_type": "person",
                "reporter_name": "Boa",
                "youth_ids": [Command.set(youth.ids)],
                "date_received": datetime.datetime.combine(day(n), datetime.time(12)),
            }
            for n in range(counts["don.signal"])
        ]
    )
    project = env["project.project"].create(
        {"name": "DON Benchdorp", "is_don_project": True, "company_id": company.id}
    )
    team = env["don.kernteam"].create(
        {
            "name": "Kernteam Benchdorp",
            "company_id": company.id,
            "project_id": project.id,
            "member_ids": [Command.create({"user_id": users["kt_sociaal"].id, "role": "sociaal"})],
        }
    )
    meetings = env["don.meeting"].create(
        [
            {
                "kernteam_id": team.id,
                "date": datetime.datetime(2025, 1, 6, 13) + datetime.timedelta(weeks=n),
                "attendee_ids": [Command.set((users["kt_sociaal"] | users["kt_politie"]).ids)],
            }
            for n in range(20)
        ]
    )
    agenda = env["don.agenda.item"].create(
        [
            {
                "meeting_id": meetings[n % 20].id,
                "kind": "case",
                "case_id": cases[n % 2].id,
                "name": f"Bespreking {n}",
                "decision": "Besluit",
                "state": "decided",
            }
            for n in range(counts["don.agenda.item"])
        ]
    )
    env["project.task"].create(
        [
            {
                "name": f"Actie {n}",
                "project_id": project.id,
                "don_agenda_item_id": agenda[n % len(agenda)].id,
                "user_ids": [Command.set(users["kt_sociaal"].ids)],
            }
            for n in range(counts["project.task"])
        ]
    )
    # Stage changes (tracking values as mail.thread writes them).
    env.flush_all()
    field = env["ir.model.fields"]._get("don.case", "stage")
    for n in range(10):
        message = env["mail.message"].create(
            {
                "model": "don.case",
                "res_id": cases[n % 2].id,
                "message_type": "notification",
                "body": "",
            }
        )
        env["mail.tracking.value"].create(
            {
                "mail_message_id": message.id,
                "field_id": field.id,
                "old_value_char": "Aanmelding",
                "new_value_char": "Analyse",
            }
        )
    # Background: other young people with cases and contributions.
    others = env["don.youth"].create(
        [{"name": f"Achtergrond {n}", "company_id": company.id} for n in range(background // 50)]
    )
    other_cases = env["don.case"].create(
        [{"youth_id": y.id, "company_id": company.id} for y in others]
    )
    for start in range(0, background, 1000):
        env["don.case.note"].create(
            [
                {
                    **shared(n),
                    "case_id": other_cases[n % len(other_cases)].id,
                    "name": f"Ruis {n}",
                    "body": "x",
                }
                for n in range(start, min(start + 1000, background))
            ]
        )
    env.flush_all()
    env.cr.execute("ANALYZE")
    return company, youth, users


def measure(cr, company, youth, users, repeat):
    ctx = dict(CONTEXT, allowed_company_ids=[company.id])
    envs = {"superuser": api.Environment(cr, SUPERUSER_ID, ctx)}
    envs.update({key: api.Environment(cr, user.id, ctx) for key, user in users.items()})
    results = {}
    for key, env in envs.items():
        record = env["don.youth"].browse(youth.id)
        record.web_read(SPEC)  # warm the caches of the user's first call
        times, queries = [], []
        for _n in range(repeat):
            env.invalidate_all()
            start_queries = cr.sql_log_count
            start = time.perf_counter()
            html = record.web_read(SPEC)[0]["timeline_html"]
            times.append((time.perf_counter() - start) * 1000)
            queries.append(cr.sql_log_count - start_queries)
        results[key] = {
            "ms": statistics.median(times),
            "queries": max(queries),
            "items": str(html).count("o_don_timeline_item "),
        }
    return results


def render(args, results):
    base = results["superuser"]["ms"]
    lines = [
        f"# Timeline of a young person ({args.items} items, "
        f"{args.background} background contributions)",
        "",
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, median of {args.repeat}; opening the "
        "file as the web client does (`web_read` with the timeline, the access log included).",
        f"Floor {FLOOR_MS:.0f} ms, aim {AIM_MS:.0f} ms; restricted users within "
        f"{RATIO_TARGET}x of the superuser. Load average at the start: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
        "",
        "| user | items seen | queries | ms | ratio | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key, row in results.items():
        ratio = row["ms"] / base if base else 0
        ok = row["ms"] < FLOOR_MS and (key == "superuser" or ratio <= RATIO_TARGET)
        verdict = ("ok" if ok else "**FAIL**") + (" (aim met)" if row["ms"] < AIM_MS else "")
        cells = [key, row["items"], row["queries"], f"{row['ms']:.1f}", f"{ratio:.2f}", verdict]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--background", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--output", default=str(BENCH_DIR / "results" / "timeline.md"))
    args = parser.parse_args(argv)
    config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log("Building the data (rolled back at the end)...")
        start = time.perf_counter()
        company, youth, users = build(env, args.items, args.background, random.Random(20261202))
        log(f"  built in {time.perf_counter() - start:.0f} s")
        results = measure(cr, company, youth, users, args.repeat)
        cr.rollback()
    table = render(args, results)
    print(table)
    Path(args.output).write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
