# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo as a separate server with worker processes, over HTTP on 127.0.0.1
only (load benchmarks), and small helpers around it (psql, odoo shell)."""

import contextlib
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from . import log

ODOO_MAIN = "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()"


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_cmd(config, database, *args):
    return [sys.executable, "-c", ODOO_MAIN, "-c", config, "-d", database, *args]


def odoo_bin():
    """The real ``odoo-bin`` script: the prefork server starts its gevent
    (websocket) process as ``sys.executable + sys.argv[0]``, which must be a
    file (``python -c`` gives none)."""
    import odoo  # noqa: PLC0415 - only the servers need it

    return str(Path(odoo.__file__).resolve().parent.parent / "odoo-bin")


def psql(database, sql):
    return subprocess.run(
        ["psql", "-d", database, "-tAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def db_exists(database):
    return psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"


def odoo_shell(config, database, script):
    """Run ``script`` in ``odoo shell`` (``self`` is the superuser); its stdout."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            ODOO_MAIN,
            "shell",
            "-c",
            config,
            "-d",
            database,
            "--log-level=warn",
            "--no-http",
        ],
        input=script,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextlib.contextmanager
def server(config, database, workers, port, extra=()):
    """Odoo with ``workers`` prefork workers on 127.0.0.1:``port`` (no cron);
    yields the list that collects the server's log lines (stderr)."""
    log(f"==> Odoo with {workers} workers on 127.0.0.1:{port}")
    # The prefork server restarts its gevent (websocket) process every few
    # seconds when it cannot start (seen: a zope.interface that gevent's
    # entry points cannot resolve), which takes a core from the
    # measurement without any error in the replies.
    check = subprocess.run(
        [sys.executable, odoo_bin(), "gevent", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode:
        raise SystemExit(
            "Odoo's gevent process cannot start, so the measurement would be wrong:\n"
            + check.stderr[-800:]
        )
    proc = subprocess.Popen(
        [
            sys.executable,
            odoo_bin(),
            "-c",
            config,
            "-d",
            database,
            # Only this database: the configuration's filter may name another.
            f"--db-filter=^{database}$",
            f"--workers={workers}",
            "--max-cron-threads=0",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
            "--limit-time-real=120",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        for _i in range(120):
            try:
                requests.get(f"http://127.0.0.1:{port}/web/health", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            raise SystemExit("Odoo did not start")
        yield errors
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def error_lines(log_lines):
    return [line for line in log_lines if " ERROR " in line or " CRITICAL " in line]
