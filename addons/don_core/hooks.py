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
    # Odoo deletes the records of DON's data files (domains, channels,
    # groups) before it drops DON's tables: rows that still point to them
    # make those deletes fail (logged as bad queries). DON's own rows go
    # first, after the foreign keys from Odoo's tables (a company's or a
    # partner's DON settings) are dropped, so that nothing outside DON is
    # emptied with them.
    _drop_foreign_keys_to_don_tables(env)
    tables = sorted(
        {
            model._table
            for model in env.registry.values()
            if model._name.startswith("don.") and not model._abstract and model._auto
        }
        | {"don_access_entry"}
    )
    tables = [table for table in tables if sql.table_exists(env.cr, table)]
    if tables:
        env.cr.execute(SQL("TRUNCATE %s CASCADE", SQL(", ").join(map(SQL.identifier, tables))))
    # The access relation is a table of its own, not a model's.
    env.cr.execute(SQL("DROP TABLE IF EXISTS don_access_entry CASCADE"))
    _logger.info("DON uninstall: %s tables emptied, access relation dropped", len(tables))


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
