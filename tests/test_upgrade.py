# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real update from the previous release: a database made by the code of
don_core 18.0.1.0.0 (the last commit before the access relation was
partitioned), with its demo data, updated with ``-u`` by the code of this
checkout. The access relation after the update must be exactly what a fresh
recompute gives, partitioned per model. A plain pytest test that runs Odoo
in processes of its own (two to four minutes). On its own:

    python3 -m pytest -p no:cacheprovider -p no:odoo tests/test_upgrade.py

DON_SKIP_UPGRADE_CHECK=1 skips it (quick local runs; CI never sets it).
"""

import ast
import hashlib
import json
import os
import shutil
import subprocess

import pytest
from odoo_process import (
    RELEASED_ADDONS,
    ROOT,
    database,
    dropdb,
    log_problems,
    odoo,
    odoo_own_addons_paths,
    psql,
    run,
    write_config,
)

# The last commit of don_core 18.0.1.0.0, with the plain access table.
PREVIOUS_RELEASE = "9f3d086eb46c6633834c0340a7b0742c10001b93"

pytestmark = pytest.mark.skipif(
    os.environ.get("DON_SKIP_UPGRADE_CHECK") == "1", reason="DON_SKIP_UPGRADE_CHECK=1"
)

SNAPSHOT = """
import json, sys
import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

config.parse_config(["-c", sys.argv[1]])
registry = odoo.modules.registry.Registry(sys.argv[2])
query = "SELECT res_model, res_id, user_id, company_id, active FROM don_access_entry"
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(query)
    updated = sorted(cr.fetchall())
    env["don.access"]._recompute()  # every secured model, every user
    cr.execute(query)
    fresh = sorted(cr.fetchall())
    cr.rollback()
print(json.dumps({"updated": updated, "fresh": fresh,
                  "secured": [env[m]._table for m in env["don.access"]._secured_models()]}))
"""


def _version(addon):
    text = (ROOT / "addons" / addon / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(text)["version"]


@pytest.fixture(scope="module")
def previous_release():
    """The addons of the previous release, from git (no worktree needed)."""
    has_commit = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", PREVIOUS_RELEASE + "^{commit}"],
        capture_output=True,
        check=False,
    )
    if has_commit.returncode:
        pytest.skip(f"commit {PREVIOUS_RELEASE} is not in this clone (shallow?)")
    work = ROOT / ".build" / "upgrade-check"
    shutil.rmtree(work, ignore_errors=True)
    source = work / "previous"
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, "addons"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    yield work, source / "addons"
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def upgraded(previous_release):
    """A database of the previous release with its demo data, updated with
    this checkout's code."""
    work, old_addons = previous_release
    db = database("upgrade")
    own = odoo_own_addons_paths()
    data = work / "data"
    old_conf = write_config(work / "previous.conf", db, [old_addons, *own], data, True)
    new_conf = write_config(work / "current.conf", db, [ROOT / "addons", *own], data, True)
    dropdb(db)
    try:
        odoo(old_conf, "-d", db, "-i", ",".join(RELEASED_ADDONS), "--stop-after-init")
        before = {
            "relkind": psql(db, "SELECT relkind FROM pg_class WHERE relname = 'don_access_entry'"),
            "rows": int(psql(db, "SELECT count(*) FROM don_access_entry")),
            "models": set(psql(db, "SELECT DISTINCT res_model FROM don_access_entry").split()),
        }
        log = work / "update.log"
        odoo(new_conf, "-d", db, "-u", ",".join(RELEASED_ADDONS), "--stop-after-init", log=log)
        yield {"work": work, "db": db, "conf": new_conf, "log": log, "before": before, "data": data}
    finally:
        dropdb(db)


def test_update_from_previous_release(upgraded):
    """The update converts the plain access table of 18.0.1.0.0; afterwards
    the relation is exactly what a fresh recompute gives."""
    db, before = upgraded["db"], upgraded["before"]
    assert before["relkind"] == "r"
    assert before["rows"] > 100 and {"don.case", "don.youth", "don.signal"} <= before["models"]
    problems = log_problems(upgraded["log"])
    assert not problems, "\n".join(problems[:20])
    text = upgraded["log"].read_text(encoding="utf-8")
    assert "access relation partitioned by model" in text, "the migration did not run"
    for addon in RELEASED_ADDONS:
        installed = psql(db, f"SELECT latest_version FROM ir_module_module WHERE name = '{addon}'")
        assert installed == _version(addon)

    result = json.loads(
        run(
            ["python3", "-c", SNAPSHOT, str(upgraded["conf"]), db],
            cwd="/",
            env={k: v for k, v in os.environ.items() if k != "ODOO_RC"},
        )
        .strip()
        .splitlines()[-1]
    )
    updated = [tuple(row) for row in result["updated"]]
    fresh = [tuple(row) for row in result["fresh"]]
    assert updated, "the update lost the access relation"
    missing = sorted(set(fresh) - set(updated))[:10]
    extra = sorted(set(updated) - set(fresh))[:10]
    assert updated == fresh, f"missing after the update: {missing}; stale: {extra}"
    assert {row[0] for row in updated} >= {"don.case", "don.youth", "don.signal"}

    assert psql(db, "SELECT relkind FROM pg_class WHERE relname = 'don_access_entry'") == "p"
    partitions = set(
        psql(
            db,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'don_access_entry'",
        ).split()
    )
    assert partitions == {f"don_access_entry__{t}" for t in result["secured"]} | {
        "don_access_entry__default"
    }
    assert psql(db, "SELECT count(*) FROM don_access_entry__default") == "0"
    assert psql(db, "SELECT to_regclass('don_access_entry_unpartitioned')") == ""


def test_update_fixes_the_reporters_mail_signature(upgraded):
    # The shipped templates signed "Gemeente <company>" while the company is
    # called "Gemeente ...": the update removes the word in every language
    # (the templates themselves are noupdate).
    bodies = psql(
        upgraded["db"],
        """SELECT t.body_html::text FROM mail_template t
             JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
            WHERE d.module = 'don_signalen' AND d.name LIKE 'mail_template_signal_%'""",
    )
    assert bodies.count("company_id.name") >= 3
    assert "Municipality <t" not in bodies
    assert "Gemeente <t" not in bodies


# Tables whose content a restore must give back exactly (all rows, all columns).
RESTORED_TABLES = (
    "res_users",
    "don_youth",
    "don_case",
    "don_case_note",
    "don_signal",
    "don_access_log",
    "ir_attachment",
    "don_access_entry",
)

OPEN_RESTORED = """
import sys
import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

config.parse_config(["-c", sys.argv[1]])
registry = odoo.modules.registry.Registry(sys.argv[2])
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    # A domain on res_field: otherwise the search leaves out field attachments.
    domain = ["|", ("res_field", "=", False), ("res_field", "!=", False)]
    domain += [("store_fname", "!=", False), ("file_size", ">", 0)]
    stored = env["ir.attachment"].search(domain)
    assert stored and all(att.raw for att in stored), "attachments without their file"
    print(len(stored), env["don.case"].search_count([]))
"""


def _table_digest(db, table):
    return psql(
        db,
        f"SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {table} t",
    )


def test_backup_restore(upgraded):
    """docker/prod/backup.sh and restore.sh, run here on the updated DON
    database: the restored copy has the same rows and every attachment's
    file, with its checksum, and Odoo opens it."""
    work, db, data = upgraded["work"], upgraded["db"], upgraded["data"]
    filestore = data / "filestore"
    target = db + "_restored"
    env = dict(os.environ, DON_DB=db, DON_FILESTORE=str(filestore))
    env["DON_BACKUP_DIR"] = str(work / "backups")
    dropdb(target)
    shutil.rmtree(filestore / target, ignore_errors=True)
    try:
        base = run(["bash", str(ROOT / "docker" / "prod" / "backup.sh")], env=env).strip()
        for suffix in (".dump", ".filestore.tar.gz", ".sha256"):
            assert os.path.getsize(base + suffix) > 0
            assert oct(os.stat(base + suffix).st_mode & 0o777) == "0o600"
        run(["bash", str(ROOT / "docker" / "prod" / "restore.sh"), base, target], env=env)
        for table in RESTORED_TABLES:
            assert _table_digest(target, table) == _table_digest(db, table), table
        stored = psql(
            target,
            "SELECT store_fname || ' ' || checksum FROM ir_attachment"
            " WHERE store_fname IS NOT NULL AND file_size > 0",
        ).splitlines()
        assert len(stored) > 20
        for line in stored:
            fname, checksum = line.split()
            content = (filestore / target / fname).read_bytes()
            assert hashlib.sha1(content).hexdigest() == checksum, fname
        conf = write_config(
            work / "restored.conf", target, [ROOT / "addons", *odoo_own_addons_paths()], data, True
        )
        out = run(
            ["python3", "-c", OPEN_RESTORED, str(conf), target],
            cwd="/",
            env={k: v for k, v in os.environ.items() if k != "ODOO_RC"},
        )
        attachments, cases = map(int, out.split()[-2:])
        assert attachments == len(stored) and cases > 0
        # A restore never overwrites: the target exists now.
        again = subprocess.run(
            ["bash", str(ROOT / "docker" / "prod" / "restore.sh"), base, target],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert again.returncode != 0
        # A damaged backup is refused before anything is restored.
        with open(base + ".dump", "ab") as dump:
            dump.write(b"x")
        damaged = subprocess.run(
            ["bash", str(ROOT / "docker" / "prod" / "restore.sh"), base, target + "_x"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert damaged.returncode != 0
        assert (
            psql("postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{target}_x'")
            == "0"
        )
    finally:
        dropdb(target)
        shutil.rmtree(filestore / target, ignore_errors=True)
