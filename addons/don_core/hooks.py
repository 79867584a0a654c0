# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Uninstalling DON leaves nothing of DON readable.

Odoo drops the tables of DON's models (and mail removes their messages,
followers, activities and attachments), but not what DON put into Odoo's
own objects: the actions (project tasks) of the DON project, the calendar
events of Kernteam meetings, the members of DON's groups, and the access
relation, which is a table of its own.
"""

import logging

from odoo import Command
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)


def uninstall_hook(env):
    # The hook runs as superuser: it removes, it reads nothing for anybody.
    env = env(su=True, context={"active_test": False, "tracking_disable": True})
    projects = env["project.project"].search([("is_don_project", "=", True)])
    tasks = env["project.task"].search(
        ["|", ("project_id", "in", projects.ids), ("don_case_id", "!=", False)]
    )
    _logger.info("DON uninstall: removing %s actions and %s projects", len(tasks), len(projects))
    # Actions may be sub-tasks of each other: children first is not needed,
    # unlink takes the whole set at once.
    tasks.unlink()
    projects.unlink()
    meetings = env["don.meeting"].search([])
    meetings.calendar_event_id.unlink()
    # DON's groups lose their members before they go, so that no user keeps
    # a group (and its implied rights) should a group survive the removal.
    category = env.ref("don_core.module_category_don", raise_if_not_found=False)
    if category:
        groups = env["res.groups"].search([("category_id", "=", category.id)])
        groups.write({"users": [Command.clear()]})
        env["res.groups"].search([("implied_ids", "in", groups.ids)]).write(
            {"implied_ids": [Command.unlink(group.id) for group in groups]}
        )
    # Columns of Odoo's tables that point to DON's tables: their foreign keys
    # would make dropping those tables fail (logged as bad queries).
    _drop_foreign_keys_to_don_tables(env)
    if sql.table_exists(env.cr, "don_access_entry"):
        env.cr.execute(SQL("DROP TABLE don_access_entry CASCADE"))


def _drop_foreign_keys_to_don_tables(env):
    env.cr.execute(
        """SELECT con.conrelid::regclass::text, con.conname
             FROM pg_constraint con
            WHERE con.contype = 'f'
              AND con.confrelid::regclass::text LIKE 'don\\_%'
              AND con.conrelid::regclass::text NOT LIKE 'don\\_%'"""
    )
    for table, constraint in env.cr.fetchall():
        env.cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT %s",
                SQL.identifier(table),
                SQL.identifier(constraint),
            )
        )
