# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo objects outside the access relation that copy or point to DON data,
derived from the registry (issue 15, item 1): a new SQL view or a new field
to a secured model makes these tests fail until it is reviewed here."""

import inspect
import json
import re

from odoo import Command
from odoo.tests import tagged

from .common import DonTestCommon, don_test_user

MARK = "TAAKANALYSE-MARKERING-4410"

# SQL views (models with _auto = False) that read a table holding DON data,
# and how each is closed.
REVIEWED_VIEWS = {
    "report.project.task.user": "rule: no task of the DON project or of a case",
    "don.access.log.report": "DON: privacy officer only",
    "don.case.inform.report": "DON: privacy officer only; case number, stage and dates only",
    "don.awareness.org.report": "DON report: anonymised counts",
    "don.campaign.reach.report": "DON report: anonymised counts",
    "don.report.case": "DON report: anonymised counts",
    "don.report.goal": "DON report: goals and figures",
    "don.report.intervention": "DON report: anonymised counts",
    "don.report.signal": "DON report: anonymised counts",
    "don.report.trained": "DON report: training figures",
    "don.report.training": "DON report: training figures",
}
# Other apps' reports that are not views but read DON tables in their own
# SQL (abstract models with _auto = False).
REVIEWED_ABSTRACT_REPORTS = {
    "project.task.burndown.chart.report": "counts of tasks per stage and date, no text",
    "calendar.alarm_manager": "reminders of events; a Kernteam meeting's event has no case data",
}
# Models (not secured themselves) with a field that points to a secured
# model, and why reading that field shows nothing a user may not see.
REVIEWED_POINTERS = {
    "project.task": "global rule: an action on a case follows the case",
    "don.access.log": "DON: privacy officer only",
    "don.emergency.access": "own grants (user_id = user) or the privacy officer; no create",
    "don.kernteam": "meetings are read through their own rule; labels by the mixin",
    "don.retention.review": "DON: privacy officer only",
    "don.subject.request": "DON: privacy officer only",
    "don.signal.bundle.wizard": "wizard of the signal handler; records read with their rule",
    "don.signal.handle.wizard": "wizard of the signal handler; records read with their rule",
    "don.meeting.approve.wizard": "wizard of the project leader; items read with their rule",
    "don.kernteam.replan.wizard": "wizard of the project leader; meetings read with their rule",
    "don.agenda.item.guest": "DON groups only; a guest opens an item only through its rule",
    "don.test.secured.grant": "test-only model of don_tests (the mixin contract)",
    "don.match.participant": "DON groups only; read with its match (rule on match_id)",
    "don.match.notice": "DON groups only; read with its match (rule on match_id)",
    "don.match.close.wizard": "wizard of a match's reader; the match is read with its rule",
}


@tagged("post_install", "-at_install", "don_security")
class TestSideReports(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secured = set(cls.env["don.access"]._secured_models())
        project_manager = "project.group_project_manager,base.group_allow_export"
        cls.project_manager = don_test_user(cls.env, "t_pm", project_manager, cls.company_a)
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.company_ids = [Command.link(cls.company_a.id)]
        cls.don_project = cls.env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.other_project = cls.env["project.project"].create(
            {"name": "Wegonderhoud", "company_id": cls.company_a.id}
        )
        Task = cls.env["project.task"]
        cls.case_task = Task.create(
            {
                "name": f"{MARK} gesprek met Noah",
                "description": f"<p>{MARK} beschrijving</p>",
                "project_id": cls.don_project.id,
                "don_case_id": cls.case_a.id,
            }
        )
        cls.project_task = Task.create(
            {"name": f"{MARK} voorlichting", "project_id": cls.don_project.id}
        )
        cls.other_task = Task.create({"name": "Gat in de weg", "project_id": cls.other_project.id})

    def _don_tables(self):
        """Tables that hold DON data or rows about DON documents."""
        env = self.env
        tables = {
            env[name]._table
            for name in env
            if name.startswith("don.") and not env[name]._abstract and env[name]._auto
        }
        return tables | {
            "project_task",
            "mail_message",
            "mail_activity",
            "mail_notification",
            "mail_followers",
            "mail_tracking_value",
            "ir_attachment",
            "calendar_event",
        }

    def test_sql_views_are_reviewed(self):
        tables = self._don_tables()
        with_access = set(self.env["ir.model.access"].sudo().search([]).mapped("model_id.model"))
        views, abstract = set(), set()
        for name in self.env:
            model = self.env[name]
            if model._auto or model._transient:
                continue
            if model._abstract:
                # An abstract model with access rights and SQL of its own
                # (a report computed in _read_group, for instance).
                if name in with_access and self._source_reads(model, tables):
                    abstract.add(name)
                continue
            self.env.cr.execute(
                "SELECT table_name FROM information_schema.view_table_usage WHERE view_name = %s",
                [model._table],
            )
            used = {row[0] for row in self.env.cr.fetchall()}
            if model._table_query:
                used |= {t for t in tables if t in str(model._table_query)}
            if used & tables:
                views.add(name)
        self.assertEqual(views - set(REVIEWED_VIEWS), set(), "new SQL views over DON data")
        self.assertIn("report.project.task.user", views)
        self.assertEqual(abstract - set(REVIEWED_ABSTRACT_REPORTS), set())
        for name in views:
            if self.env[name]._original_module.startswith("don_"):
                self._assert_don_groups_only(name)

    def _source_reads(self, model, tables):
        """The Python source of the model's classes names a DON table."""
        source = ""
        for cls in type(model).__mro__:
            if getattr(cls, "_name", None) == model._name and cls.__module__.startswith("odoo"):
                try:
                    source += inspect.getsource(cls)
                except (OSError, TypeError):
                    continue
        return any(re.search(rf"\b{table}\b", source) for table in tables)

    def _assert_don_groups_only(self, name):
        category = self.env.ref("don_core.module_category_don")
        accesses = self.env["ir.model.access"].sudo().search([("model_id.model", "=", name)])
        for access in accesses.filtered("perm_read"):
            self.assertEqual(
                access.group_id.category_id,
                category,
                f"{name} is readable by {access.group_id.name or 'everybody'}",
            )

    def test_fields_pointing_to_secured_models_are_reviewed(self):
        found = set()
        for name in self.env:
            model = self.env[name]
            if model._abstract or name in self.secured:
                continue
            if any(
                field.relational and field.comodel_name in self.secured
                for field in model._fields.values()
            ):
                found.add(name)
        self.assertEqual(found - set(REVIEWED_POINTERS), set(), "new fields to DON records")
        for name in found:
            model = self.env[name]
            if model._transient or name == "project.task" or name == "don.kernteam":
                continue
            self._assert_don_groups_only(name)

    def _assert_no_mark(self, user):
        Report = self.env["report.project.task.user"].with_user(user)
        rows = Report.search_read([], ["name", "description", "task_id"])
        self.assertNotIn(MARK, json.dumps(rows, default=str), user.login)
        self.assertFalse(
            Report.search([("task_id", "in", (self.case_task | self.project_task).ids)])
        )
        groups = Report.web_read_group([], ["name"], ["name"])
        self.assertNotIn(MARK, json.dumps(groups, default=str), user.login)
        groups = Report.read_group([], ["description"], ["description"], lazy=False)
        self.assertNotIn(MARK, json.dumps(groups, default=str), user.login)
        ids = Report.search([]).ids
        exported = Report.browse(ids).export_data(["name", "description", "task_id/name"])
        self.assertNotIn(MARK, json.dumps(exported, default=str), user.login)
        return rows

    def test_tasks_analysis_shows_no_don_action(self):
        # (The Projectleider has no access to Tasks Analysis at all: see
        # test_projectleider_scope.)
        for user in (self.project_manager, self.admin):
            rows = self._assert_no_mark(user)
            self.assertIn(
                self.other_task.id, [row["task_id"][0] for row in rows], "other tasks stay"
            )
        # The superuser's view is the raw table: the marks are there, so the
        # checks above did look at rows that exist.
        rows = self.env["report.project.task.user"].search_read(
            [("task_id", "=", self.case_task.id)], ["name"]
        )
        self.assertIn(MARK, rows[0]["name"])
