"""Install the DON addons in a scratch database, plant marked data, uninstall
them, and check that nothing of DON is left readable and that nothing was
logged as an error. Used by tests/test_uninstall.py; on its own:

    python3 scripts/uninstall_check.py <odoo config> <scratch database>

The scratch database is dropped and created again; the log is written next
to the config file (<database>.log). Exit code 0 when the
uninstall is clean; the findings are printed as JSON either way.
"""

import json
import os
import re
import subprocess
import sys

DON_ADDONS = ["don_core", "don_signalen", "don_bewustwording", "don_rapportage"]
MARK = "DON-DEINSTALLATIE-MARKERING-5583"
ODOO = [sys.executable, "-c", "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()"]

PLANT = f"""
from odoo import Command
MARK = {MARK!r}
company = env.company
company.don_require_2fa = False
user = env["res.users"].with_context(no_reset_password=True).create({{
    "name": "Agent Uninstall", "login": "agent_uninstall", "email": "agent@example.org",
    "groups_id": [Command.set([env.ref("don_core.group_don_kernteam").id,
                               env.ref("don_core.group_domain_politie").id])],
}})
youth = env["don.youth"].create({{"name": "Jongere " + MARK, "company_id": company.id}})
case = env["don.case"].create({{"youth_id": youth.id, "summary": "<p>" + MARK + "</p>"}})
env["don.case.note"].create({{
    "case_id": case.id, "name": "Notitie " + MARK, "body": MARK,
    "domain_id": env.ref("don_core.domain_politie").id, "sharing_level": "domain",
    "author_id": user.id,
}})
project = env["project.project"].create({{"name": "DON", "is_don_project": True}})
task = env["project.task"].create({{
    "name": "Actie " + MARK, "description": "<p>" + MARK + "</p>",
    "project_id": project.id, "don_case_id": case.id,
}})
task.message_post(body="Bericht " + MARK)
case.message_post(body="Bericht " + MARK)
env["ir.attachment"].create({{
    "name": "bijlage.txt", "raw": MARK.encode(), "res_model": "don.case", "res_id": case.id,
}})
case.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=MARK)
env["don.signal"].create({{
    "name": "Signaal " + MARK, "description": MARK, "reporter_type": "anonymous",
    "channel_id": env.ref("don_signalen.channel_politie").id,
    "domain_id": env.ref("don_core.domain_politie").id,
}})
env.cr.commit()
print("PLANTED")
"""

UNINSTALL = f"""
modules = env["ir.module.module"].search([("name", "in", {DON_ADDONS!r})])
modules.button_immediate_uninstall()
print("UNINSTALLED")
"""

CHECK = f"""
import json
MARK = {MARK!r}
cr = env.cr
found = {{}}
cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
           " AND tablename LIKE 'don\\\\_%'")
found["don_tables"] = [row[0] for row in cr.fetchall()]
cr.execute("SELECT name FROM ir_module_module"
           " WHERE name LIKE 'don\\\\_%' AND state <> 'uninstalled'")
found["modules_left"] = [row[0] for row in cr.fetchall()]
cr.execute("SELECT count(*) FROM ir_model_data WHERE module LIKE 'don\\\\_%'")
found["xmlids_left"] = cr.fetchone()[0]
cr.execute(\"\"\"SELECT c.table_name, c.column_name FROM information_schema.columns c
                 JOIN information_schema.tables t ON t.table_name = c.table_name
                  AND t.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'text', 'jsonb', 'bytea')\"\"\")
hits = []
for table, column in cr.fetchall():
    cr.execute(f'SELECT count(*) FROM "{{table}}" WHERE "{{column}}"::text LIKE %s',
               ["%" + MARK + "%"])
    if cr.fetchone()[0]:
        hits.append(f"{{table}}.{{column}}")
# Files of attachments are in the filestore: their records are what counts.
found["marked_columns"] = hits
print("RESULT " + json.dumps(found))
"""


def run(args, stdin=None, log=None):
    proc = subprocess.run(args, input=stdin, capture_output=True, text=True, check=False)
    if log is not None:
        log.write(proc.stdout + proc.stderr)
    return proc


def main(config, database):
    subprocess.run(["dropdb", "--if-exists", "--force", database], check=True)
    base = [*ODOO, "-c", config, "-d", database, "--no-http"]
    errors = []
    log_path = os.path.join(os.path.dirname(os.path.abspath(config)), f"{database}.log")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = run(
            [
                *base,
                "-i",
                ",".join(DON_ADDONS),
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ],
            log=log,
        )
        if proc.returncode:
            raise SystemExit(f"install failed:\n{proc.stderr[-3000:]}")
        shell = [*ODOO, "shell", "-c", config, "-d", database, "--no-http", "--log-level=warn"]
        proc = run(shell, stdin=PLANT, log=log)
        if "PLANTED" not in proc.stdout:
            raise SystemExit(f"planting failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        proc = run([*shell[:-1], "--log-level=info"], stdin=UNINSTALL, log=log)
        if "UNINSTALLED" not in proc.stdout:
            raise SystemExit(f"uninstall failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        errors = [
            line
            for line in (proc.stdout + proc.stderr).splitlines()
            if re.search(r" (ERROR|CRITICAL) ", line)
        ]
        proc = run(shell, stdin=CHECK, log=log)
    result_line = next(
        (line for line in proc.stdout.splitlines() if line.startswith("RESULT ")), None
    )
    if not result_line:
        raise SystemExit(f"check failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    result = json.loads(result_line[len("RESULT ") :])
    result["errors"] = errors
    subprocess.run(["dropdb", "--if-exists", "--force", database], check=False)
    print(json.dumps(result, indent=2))
    clean = not any(
        (
            result["don_tables"],
            result["modules_left"],
            result["xmlids_left"],
            result["marked_columns"],
            errors,
        )
    )
    return 0 if clean else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
