# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Measuring restricted users against the superuser, in one transaction:
the web client's environments, query recording, interleaved medians."""

import statistics
import threading
import time
from dataclasses import dataclass

from odoo import SUPERUSER_ID, api

from .generation import CONTEXT

# The measured restricted users (in the first municipality) and the columns.
COLUMNS = [
    ("superuser", "superuser", None),
    ("professional", "professional", "pro_jeugdconsulent"),
    ("domain", "domain user", "kt_sociaal"),
    ("kernteam", "kernteamlid", "kt_politie"),
]


@dataclass
class Operation:
    key: str
    label: str
    run: object  # callable(env, case_id) -> result
    absolute_target: bool = False
    # Measured for the record, not one of the targets.
    informational: bool = False
    # Ratio target against the superuser (None: the suite's default), and
    # the floor: between the two the verdict says the target is missed but
    # the floor holds.
    ratio: float | None = None
    floor: float | None = None


class QueryRecorder:
    """Records the queries of the current thread (Odoo's query hooks)."""

    def __init__(self):
        self.queries = []

    def __call__(self, cr, query, params, start, delay):
        self.queries.append((delay, query, params))

    def __enter__(self):
        thread = threading.current_thread()
        thread.query_hooks = [*getattr(thread, "query_hooks", ()), self]
        return self

    def __exit__(self, *exc):
        thread = threading.current_thread()
        thread.query_hooks = [hook for hook in thread.query_hooks if hook is not self]


BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enable_2fa(env_su, login_pattern):
    """The municipality requires two-factor authentication for DON roles (on
    by default, see don_core): the measured users have it, as in production,
    so the cost of that check is part of every measurement."""
    users = env_su["res.users"].search([("login", "=like", login_pattern)])
    if "totp_secret" in users._fields:
        missing = users.filtered(lambda user: not user.totp_enabled)
        if missing:
            missing.sudo().write({"totp_secret": BENCH_TOTP_SECRET})
            env_su.flush_all()


def make_envs(cr):
    """The superuser env and the envs of the measured users, as the web
    client calls them (one allowed company)."""
    main_company = api.Environment(cr, SUPERUSER_ID, {}).ref("base.main_company")
    context = dict(CONTEXT, allowed_company_ids=[main_company.id])
    enable_2fa(api.Environment(cr, SUPERUSER_ID, {}), "bench.%")
    envs = {}
    for key, _label, user_key in COLUMNS:
        if user_key is None:
            envs[key] = api.Environment(cr, SUPERUSER_ID, context)
            continue
        env_su = api.Environment(cr, SUPERUSER_ID, {})
        user = env_su["res.users"].search([("login", "=", f"bench.01.{user_key}")])
        if not user:
            raise RuntimeError(f"Benchmark user {user_key} is missing: run without --reuse.")
        envs[key] = api.Environment(cr, user.id, context)
    return envs


def pick_case(env):
    """The case opened in the form: one the professional directs (so every
    measured user may see it), holding the most contributions."""
    user = env["res.users"].search([("login", "=", "bench.01.pro_jeugdconsulent")])
    env.cr.execute(
        """SELECT c.id FROM don_case c LEFT JOIN don_case_note n ON n.case_id = c.id
            WHERE c.director_id = %s GROUP BY c.id ORDER BY count(n.id) DESC, c.id LIMIT 1""",
        [user.id],
    )
    return env.cr.fetchone()[0]


def run_once(env, op, case_id):
    env.invalidate_all()
    count_before = env.cr.sql_log_count
    with QueryRecorder() as recorder:
        started = time.perf_counter()
        result = op.run(env, case_id)
        elapsed = time.perf_counter() - started
    return elapsed * 1000, env.cr.sql_log_count - count_before, recorder.queries, result


def measure(envs, operations, case_id, repeat):
    """{(op key, column key): {'ms', 'queries', 'slowest', 'result'}}"""
    results = {}
    for op in operations:
        for key, _label, _user in COLUMNS:
            run_once(envs[key], op, case_id)  # warm-up: registry caches, rules
        timings = {key: [] for key, _label, _user in COLUMNS}
        for _index in range(repeat):
            # Interleaved, so that drift affects every user alike.
            for key, _label, _user in COLUMNS:
                ms, queries, recorded, result = run_once(envs[key], op, case_id)
                timings[key].append(ms)
                results[op.key, key] = {
                    "queries": queries,
                    "slowest": max(recorded, key=lambda q: q[0]) if recorded else None,
                    "result": result,
                }
        for key, values in timings.items():
            results[op.key, key]["ms"] = statistics.median(values)
    return results


def explain(cr, slowest):
    _delay, query, params = slowest
    cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
    return "\n".join(row[0] for row in cr.fetchall())
