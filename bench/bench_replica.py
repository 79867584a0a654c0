# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale-out with a streaming read replica, measured on this machine.

Odoo 18 sends the requests of read-only routes (``call_kw`` of methods marked
``@api.readonly``: ``web_search_read``, ``web_read``, ``read_group``, ...)
to ``db_replica_host:db_replica_port`` and everything else to the primary.
This benchmark runs Odoo with several workers twice on the same database,
once on the primary only and once with the replica, and reports for a
restricted user (a professional, the access rule on every row):

- throughput and latency of list reads (cases, young people) over HTTP,
- where the transactions went (``pg_stat_database`` of both clusters),
- that the DON access log, written by a logged read, lands on the primary,
- how long a removed role takes to reach the replica (replication lag of
  the recomputed access relation), and that the user's next list read
  through the replica no longer shows what the role gave.

Needs the two clusters of ``scripts/replica.sh`` (primary 5434, replica
5433) with a DON database with demo data copied into the primary:

    scripts/replica.sh start don_demo don_replica
    python3 bench/bench_replica.py --database don_replica
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2
import requests

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "jeugdconsulent", "don-demo"  # a professional of the demo data
ROLE_USER = "kt.sociaal"  # a Kernteam member whose role the lag test removes


def _addons_path():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; from odoo.tools import config; config.parse_config([]); "
            "print(','.join(p for p in config['addons_path'].split(',') if os.path.isdir(p)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    return ",".join([str(ROOT / "addons"), str(ROOT / "tests"), out])


def _odoo_bin():
    candidate = Path(odoo.__path__[0]).parent / "odoo-bin"
    return str(candidate) if candidate.exists() else shutil.which("odoo")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(path, args, replica):
    lines = [
        "[options]",
        f"addons_path = {_addons_path()}",
        "db_host = 127.0.0.1",
        f"db_port = {args.primary_port}",
        f"db_name = {args.database}",
        f"dbfilter = ^{args.database}$",
        f"data_dir = {ROOT / '.build' / 'data'}",
        "http_interface = 127.0.0.1",
        f"http_port = {_free_port()}",
        f"gevent_port = {_free_port()}",
        f"workers = {args.workers}",
        "max_cron_threads = 0",
        "list_db = False",
        "proxy_mode = False",
        "log_level = warn",
    ]
    if replica:
        lines += ["db_replica_host = 127.0.0.1", f"db_replica_port = {args.replica_port}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    port = int(next(line for line in lines if line.startswith("http_port")).split("= ")[1])
    return path, port


def _xacts(port, db):
    with psycopg2.connect(host="127.0.0.1", port=port, dbname="postgres") as conn:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
                [db],
            )
            return cr.fetchone()[0]


def _sql(port, db, query, params=()):
    conn = psycopg2.connect(host="127.0.0.1", port=port, dbname=db)
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()
    finally:
        conn.close()


class Server:
    def __init__(self, conf, port, log):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        # The real script (not python -c): the prefork server starts its
        # gevent (websocket) process as sys.executable + sys.argv[0].
        self.process = subprocess.Popen(
            [
                sys.executable,
                _odoo_bin(),
                "-c",
                str(conf),
                f"--logfile={log}",
            ],
            cwd="/",
            env={k: v for k, v in os.environ.items() if k != "ODOO_RC"},
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if requests.get(self.url + "/web/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"Odoo did not start, see {log}")

    def session(self, db, login, password):
        session = requests.Session()
        reply = session.post(
            self.url + "/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=180,
        ).json()
        assert reply.get("result", {}).get("uid"), reply
        return session

    def call(self, session, model, method, *args, **kwargs):
        reply = session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={"params": {"model": model, "method": method, "args": args, "kwargs": kwargs}},
            timeout=180,
        ).json()
        if "error" in reply:
            raise RuntimeError(json.dumps(reply["error"])[:500])
        return reply["result"]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


LIST_SPEC = {"display_name": {}}


def _load(server, db, clients, seconds):
    """``clients`` threads, each its own session, reading lists for ``seconds``."""
    latencies, errors = [], []
    sessions = [server.session(db, USER, PASSWORD) for _ in range(clients)]
    deadline = time.time() + seconds
    lock = threading.Lock()

    def client(session):
        models = ("don.case", "don.youth")
        index = 0
        while time.time() < deadline:
            model = models[index % 2]
            index += 1
            start = time.perf_counter()
            try:
                server.call(
                    session, model, "web_search_read", domain=[], specification=LIST_SPEC, limit=80
                )
            except Exception as error:  # counted and reported
                with lock:
                    errors.append(str(error))
                continue
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, sessions[0]


def _wait_replica(replica, query, expected, since):
    """Poll the replica until ``query`` gives ``expected``; seconds since
    ``since`` and the number of polls."""
    polls = 0
    with replica.cursor() as cr:
        while True:
            cr.execute(query, [ROLE_USER])
            polls += 1
            if cr.fetchone()[0] == expected:
                return time.perf_counter() - since, polls
            if time.perf_counter() - since > 30:
                return float("inf"), polls


def _set_kernteam(registry, query, add):
    """Give or take the Kernteam role of ROLE_USER on the primary (ORM);
    the access rows the primary has for the user once this commits."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", ROLE_USER)])
        kernteam = env.ref("don_core.group_don_kernteam")
        user.write({"groups_id": [(4 if add else 3, kernteam.id)]})
        env.flush_all()
        cr.execute(query, [ROLE_USER])
        return cr.fetchone()[0]


def _role_lag(server, args, session, repeat=5):
    """Remove the Kernteam role of ROLE_USER on the primary; time until the
    replica's access relation (and a list read through the replica) shows it."""
    db = args.database
    config.parse_config(["-c", str(args.base_conf)])
    registry = odoo.modules.registry.Registry(db)
    query = (
        "SELECT count(*) FROM don_access_entry WHERE res_model = 'don.case'"
        " AND user_id = (SELECT id FROM res_users WHERE login = %s)"
    )
    before = _sql(args.replica_port, db, query, [ROLE_USER])[0][0]
    # Connected before the change, so that the lag does not include a login.
    replica = psycopg2.connect(host="127.0.0.1", port=args.replica_port, dbname=db)
    replica.autocommit = True
    lags, visible = [], None
    try:
        for _ in range(repeat):
            after = _set_kernteam(registry, query, add=False)
            lag, _polls = _wait_replica(replica, query, after, time.perf_counter())
            lags.append(lag)
            if visible is None:
                # What the user sees through the replica-backed server now.
                kt = server.session(db, ROLE_USER, PASSWORD)
                visible = server.call(kt, "don.case", "search_count", [])
            # Give the role back (the database stays as it was).
            restored = _set_kernteam(registry, query, add=True)
            _wait_replica(replica, query, restored, time.perf_counter())
    finally:
        replica.close()
    return {
        "rows_before": before,
        "rows_after": after,
        "lag_ms": [round(1000 * lag, 1) for lag in lags],
        "visible_after": visible,
    }


def _access_log(server, args, session):
    """A logged read (opening a case) on the replica-backed server: the
    access log row is written on the primary."""
    db = args.database
    count = "SELECT count(*) FROM don_access_log"
    case_ids = server.call(session, "don.case", "search", [], limit=1)
    before = _sql(args.primary_port, db, count)[0][0]
    # A form opening: a field beyond id/display_name (don.secured.mixin.web_read).
    spec = {"display_name": {}, "reference": {}}
    server.call(session, "don.case", "web_read", case_ids, specification=spec)
    after = _sql(args.primary_port, db, count)[0][0]
    return after - before


def run(mode, args, work):
    replica = mode == "with replica"
    slug = "replica" if replica else "primary"
    conf, port = _config(work / f"odoo-{slug}.conf", args, replica)
    log = work / f"odoo-{slug}.log"
    log.unlink(missing_ok=True)
    server = Server(conf, port, log)
    try:
        server.session(args.database, USER, PASSWORD)  # warm up the workers
        primary0 = _xacts(args.primary_port, args.database)
        replica0 = _xacts(args.replica_port, args.database)
        latencies, errors, session = _load(server, args.database, args.clients, args.seconds)
        time.sleep(1.5)  # statistics are flushed about once a second
        if not latencies:
            raise RuntimeError(f"no request succeeded: {errors[:3]}")
        result = {
            "mode": mode,
            "requests": len(latencies),
            "errors": len(errors),
            "rps": len(latencies) / args.seconds,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * statistics.quantiles(latencies, n=20)[18],
            "primary_xacts": _xacts(args.primary_port, args.database) - primary0,
            "replica_xacts": _xacts(args.replica_port, args.database) - replica0,
            "access_log_rows_on_primary": _access_log(server, args, session),
        }
        if replica:
            result["role"] = _role_lag(server, args, session)
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        result["retried_rw"] = text.count("retrying with a read/write cursor")
        result["log_errors"] = text.count(" ERROR ")
        return result
    finally:
        server.stop()


def report(results, args):
    lines = [
        "# Read replica: throughput with and without (bench/bench_replica.py)",
        "",
        f"Database `{args.database}` (demo data), {args.workers} Odoo workers, "
        f"{args.clients} clients of `{USER}` (a professional: the access rule on every row) "
        f"reading lists of cases and young people (`web_search_read`, 80 rows) for "
        f"{args.seconds} s each. Primary 127.0.0.1:{args.primary_port}, streaming replica "
        f"127.0.0.1:{args.replica_port}; the machine has 2 cores shared with other work, "
        "so the absolute figures are indicative; compare the two rows.",
        "",
        "| mode | requests | req/s | p50 ms | p95 ms | errors | transactions primary "
        "| transactions replica | access log rows on primary after one logged read "
        "| read-only retries on primary |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['mode']} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.0f} "
            f"| {r['p95_ms']:.0f} | {r['errors']} | {r['primary_xacts']} | {r['replica_xacts']} "
            f"| {r['access_log_rows_on_primary']} | {r['retried_rw']} |"
        )
    role = next(r["role"] for r in results if "role" in r)
    lines += [
        "",
        "## A removed role on the replica",
        "",
        f"`{ROLE_USER}` loses *Kernteamlid* on the primary (ORM write, commit): the access "
        f"relation of cases for that user goes from {role['rows_before']} to "
        f"{role['rows_after']} rows on the primary. The replica shows the new rows "
        f"**{statistics.median(role['lag_ms']):.1f} ms** (median; each run: "
        f"{', '.join(map(str, role['lag_ms']))} ms) after the commit returned, polled on "
        "an open connection to the replica. The user's next count of cases through the "
        f"replica-backed server: {role['visible_after']} (was {role['rows_before']}).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="don_replica")
    parser.add_argument("--primary-port", type=int, default=5434)
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "replica.md"))
    args = parser.parse_args(argv)
    work = ROOT / ".build" / "bench-replica"
    work.mkdir(parents=True, exist_ok=True)
    args.base_conf, _port = _config(work / "odoo-orm.conf", args, replica=False)
    results = [run("primary only", args, work), run("with replica", args, work)]
    print(json.dumps(results, indent=2, default=str))
    Path(args.output).write_text(report(results, args), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
