# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget and funding: totals per line and source, spending against the
plan per year, reminders of subsidy reporting dates, the period report as
the account of the grant, and who may see and change it."""

from datetime import date

from psycopg2.errors import CheckViolation, UniqueViolation

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DonBestuurCommon


class BudgetCommon(DonBestuurCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.project = env["project.project"].create(
            {"name": "DON Begrotingdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        Source = env["don.funding.source"].with_company(cls.company_a)
        cls.own = Source.create(
            {"name": "Teambudget", "kind": "own", "company_id": cls.company_a.id}
        )
        cls.pmg = Source.create(
            {
                "name": "Preventie met Gezag",
                "kind": "national",
                "company_id": cls.company_a.id,
                "user_id": cls.pl.id,
                "conditions": "Periodieke reflectie op het programma",
                "deadline_ids": [
                    Command.create({"name": "Reflectie", "date": date(2026, 7, 1)}),
                    Command.create({"name": "SiSa", "date": date(2027, 7, 15)}),
                ],
            }
        )
        Line = env["don.budget.line"]
        cls.prev_pmg = Line.create(
            {
                "project_id": cls.project.id,
                "year": 2026,
                "line": "preventie",
                "source_id": cls.pmg.id,
                "amount_planned": 90000,
            }
        )
        cls.hulp_pmg = Line.create(
            {
                "project_id": cls.project.id,
                "year": 2026,
                "line": "hulpverlening",
                "source_id": cls.pmg.id,
                "amount_planned": 60000,
            }
        )
        cls.prev_own = Line.create(
            {
                "project_id": cls.project.id,
                "year": 2026,
                "line": "preventie",
                "source_id": cls.own.id,
                "amount_planned": 10000,
            }
        )
        cls.prev_own_next = Line.create(
            {
                "project_id": cls.project.id,
                "year": 2027,
                "line": "preventie",
                "source_id": cls.own.id,
                "amount_planned": 12000,
            }
        )
        cls.itype = env.ref("don_core.intervention_type_weerbaarheid_school")
        Entry = env["don.budget.entry"]
        cls.entries = Entry.create(
            [
                {
                    "budget_line_id": cls.prev_pmg.id,
                    "kind": "spending",
                    "name": "Weerbaarheid groep 8",
                    "purpose": "intervention",
                    "intervention_type_id": cls.itype.id,
                    "amount": 12000,
                    "date": date(2026, 5, 10),
                },
                {
                    "budget_line_id": cls.prev_pmg.id,
                    "kind": "commitment",
                    "name": "Ouderavonden najaar",
                    "amount": 5000,
                    "date": date(2026, 8, 1),
                },
                {
                    "budget_line_id": cls.hulp_pmg.id,
                    "kind": "spending",
                    "name": "Jongerencoach",
                    "amount": 20000,
                    "date": date(2026, 4, 2),
                },
                {
                    "budget_line_id": cls.prev_own.id,
                    "kind": "spending",
                    "name": "Drukwerk signaalkaarten",
                    "amount": 1500,
                    "date": date(2026, 2, 1),
                },
            ]
        )


@tagged("post_install", "-at_install")
class TestBudget(BudgetCommon):
    def test_line_amounts(self):
        self.assertEqual(self.prev_pmg.amount_spent, 12000)
        self.assertEqual(self.prev_pmg.amount_committed, 5000)
        self.assertEqual(self.prev_pmg.amount_available, 73000)
        self.assertEqual(self.prev_pmg.company_id, self.company_a)
        # Booking more moves the stored totals (the pivot reads them).
        self.entries[0].amount = 15000
        self.assertEqual(self.prev_pmg.amount_spent, 15000)
        self.entries[0].unlink()
        self.assertEqual(self.prev_pmg.amount_spent, 0)
        self.assertEqual(self.prev_pmg.amount_available, 85000)

    def test_totals_per_line_and_source_and_year(self):
        Line = self.env["don.budget.line"].with_user(self.mayor)
        per_line, per_source, total = Line._don_budget_summary(self.company_a, 2026)
        self.assertEqual(per_line["preventie"], (100000, 5000, 13500))
        self.assertEqual(per_line["hulpverlening"], (60000, 0, 20000))
        self.assertNotIn("repressie", per_line)
        self.assertEqual(per_source[self.pmg], (150000, 5000, 32000))
        self.assertEqual(per_source[self.own], (10000, 0, 1500))
        self.assertEqual(total, (160000, 5000, 33500))
        # Planned against spent per year, as the pivot shows it.
        rows = dict(
            (year, (planned, spent))
            for year, planned, spent in Line._read_group(
                [("company_id", "=", self.company_a.id)],
                ["year"],
                ["amount_planned:sum", "amount_spent:sum"],
            )
        )
        self.assertEqual(rows, {2026: (160000, 33500), 2027: (12000, 0)})

    def test_one_line_per_year_line_and_source(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), self.cr.savepoint():
            self.env["don.budget.line"].create(
                {
                    "project_id": self.project.id,
                    "year": 2026,
                    "line": "preventie",
                    "source_id": self.pmg.id,
                }
            )

    def test_bad_input(self):
        Entry = self.env["don.budget.entry"]
        with self.assertRaises(ValidationError):
            Entry.create(
                {
                    "budget_line_id": self.prev_pmg.id,
                    "name": "Zonder soort",
                    "purpose": "intervention",
                    "amount": 10,
                }
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation), self.cr.savepoint():
            Entry.create({"budget_line_id": self.prev_pmg.id, "name": "Negatief", "amount": -5})
        # No names of young people in budget texts.
        with self.assertRaises(ValidationError):
            Entry.create(
                {
                    "budget_line_id": self.prev_pmg.id,
                    "name": f"Coach voor {self.youth_a.name}",
                    "amount": 100,
                }
            )
        with self.assertRaises(ValidationError):
            self.pmg.conditions = f"Zie {self.case_a.reference}"

    def test_reminder_of_a_reporting_date(self):
        Deadline = self.env["don.funding.deadline"]
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "don.funding.source"), ("res_id", "=", self.pmg.id)]
        Deadline._cron_remind(today=date(2026, 5, 1))
        self.assertFalse(Activity.search(domain), "two months ahead: not yet")
        Deadline._cron_remind(today=date(2026, 6, 10))
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.pl)
        self.assertEqual(activity.date_deadline, date(2026, 7, 1))
        Deadline._cron_remind(today=date(2026, 6, 11))
        self.assertEqual(len(Activity.search(domain)), 1, "reminded once")
        self.assertEqual(self.pmg.next_deadline, date(2026, 7, 1))
        self.pmg.deadline_ids[0].done = True
        self.assertEqual(self.pmg.next_deadline, date(2027, 7, 15))

    def test_period_report_accounts_for_the_spending(self):
        report = self.env["don.period.report"].create(
            {
                "company_id": self.company_a.id,
                "period_type": "quarter",
                "year": 2026,
                "quarter": "2",
            }
        )
        lines, sources, total = report.with_user(self.reporting)._budget_summary()
        # Up to the end of Q2: the August commitment is not yet part of it.
        self.assertEqual(total, (160000, 0, 33500))
        self.assertEqual(len(lines), 2)
        self.assertEqual(
            {row[0] for row in sources}, {self.pmg.display_name, self.own.display_name}
        )
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "don_rapportage.action_report_don_period_report", report.ids
        )
        text = html.decode()
        self.assertIn(self.pmg.name, text)
        self.assertIn("160", text)

    def test_period_report_prints_in_the_readers_language(self):
        if not self.env["res.lang"]._lang_get("nl_NL"):
            self.skipTest("Dutch is not installed")
        self.company_a.partner_id.lang = "nl_NL"
        self.assertEqual(self.pl.lang, "en_US")
        report = self.env["don.period.report"].create(
            {
                "company_id": self.company_a.id,
                "period_type": "quarter",
                "year": 2026,
                "quarter": "2",
            }
        )
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.pl)
            ._render_qweb_html("don_rapportage.action_report_don_period_report", report.ids)
        )
        text = html.decode()
        for dutch in ("Begroting en uitgaven", "Kerncijfers", "Doelen en voortgang", "Begroot"):
            self.assertIn(dutch, text)
        for english in (
            "Budget and spending",
            "Key figures",
            "Goals and progress",
            "Planned",
            "National scheme",
            "The figures in this report",
        ):
            self.assertNotIn(english, text)
        self.assertIn("Preventie met Gezag (Rijksregeling)", text)


@tagged("post_install", "-at_install", "don_security")
class TestBudgetAccess(BudgetCommon):
    """Budget and funding hold no personal data: the project leader keeps
    them, the mayor and Rapportage read them, nobody else sees them, and
    another municipality sees nothing."""

    def test_no_personal_data_in_the_models(self):
        secured = set(self.env["don.access"]._secured_models())
        for model in (
            "don.funding.source",
            "don.funding.deadline",
            "don.budget.line",
            "don.budget.entry",
        ):
            for name, field in self.env[model]._fields.items():
                self.assertNotIn(getattr(field, "comodel_name", None), secured, f"{model}.{name}")

    def assertMatrix(self, check, record_or_model, expected, *args):
        got = {user.login for user in self.everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {user.login for user in expected}, check.__name__)

    def test_matrix(self):
        readers = self.pl | self.mayor | self.mayor2 | self.reporting | self.driehoek
        records = (self.pmg, self.pmg.deadline_ids[0], self.prev_pmg, self.entries[0])
        for record in records:
            with self.subTest(model=record._name):
                self.assertMatrix(self.can_read, record, readers)
        self.assertMatrix(self.can_write, self.pmg, self.pl, {"grantor": "Rijk"})
        self.assertMatrix(self.can_write, self.prev_pmg, self.pl, {"amount_planned": 91000})
        self.assertMatrix(self.can_write, self.entries[1], self.pl, {"amount": 5100})
        self.assertMatrix(
            self.can_create,
            "don.budget.entry",
            self.pl,
            {"budget_line_id": self.hulp_pmg.id, "name": "Nieuw", "amount": 1},
        )
        self.assertMatrix(
            self.can_create,
            "don.funding.source",
            self.pl,
            {"name": "Subsidie", "kind": "subsidy", "company_id": self.company_a.id},
        )
        self.assertMatrix(self.can_unlink, self.entries[2], self.pl)

    def test_other_municipality_sees_nothing(self):
        for model in ("don.funding.source", "don.budget.line", "don.budget.entry"):
            self.assertFalse(self.env[model].with_user(self.mayor_b).search([]), model)
        _lines, _sources, total = (
            self.env["don.budget.line"]
            .with_user(self.mayor_b)
            ._don_budget_summary(self.company_a, 2026)
        )
        self.assertEqual(total, (0.0, 0.0, 0.0))
