# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mayor chairs the Driehoek, for which the period report is written:
the mayor reads approved period reports of the own municipality (anonymised,
suppressed figures and texts without names), never a draft, and changes
nothing."""

from odoo.addons.base.models.ir_qweb import QWebException
from odoo.addons.don_core.tests.common import don_test_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install")
class TestPeriodReportMayor(DonBestuurCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Report = cls.env["don.period.report"].with_user(cls.pl)
        cls.approved = Report.create(
            {"company_id": cls.company_a.id, "period_type": "quarter", "year": 2026, "quarter": "1"}
        )
        cls.approved.action_generate()
        cls.env["don.period.theme"].with_user(cls.pl).create(
            {
                "report_id": cls.approved.id,
                "name": "Ronselen via sociale media",
                "line": "preventie",
                "movement": "rising",
                "noticed_by": "Scholen en jongerenwerk",
                "description": "Scholen horen van berichten met snel geld verdienen.",
            }
        )
        cls.approved.action_approve()
        cls.draft = Report.create(
            {"company_id": cls.company_a.id, "period_type": "quarter", "year": 2026, "quarter": "2"}
        )
        cls.draft.action_generate()
        pl_b = don_test_user(
            cls.env,
            "t_pl_b",
            "don_core.group_don_projectleider,don_core.group_domain_veiligheid",
            cls.company_b,
        )
        cls.other = (
            cls.env["don.period.report"]
            .with_user(pl_b)
            .create(
                {
                    "company_id": cls.company_b.id,
                    "period_type": "quarter",
                    "year": 2026,
                    "quarter": "1",
                }
            )
        )
        cls.other.action_generate()
        cls.other.action_approve()

    def test_mayor_reads_approved_reports_only(self):
        Report = self.env["don.period.report"].with_user(self.mayor)
        self.assertEqual(Report.search([]), self.approved)
        self.assertEqual(Report.search_count([]), 1)
        self.assertEqual(Report._read_group([], ["state"], ["__count"]), [("approved", 1)])
        self.approved.with_user(self.mayor).read(["name", "narrative", "dark_number_note"])
        lines = self.env["don.period.report.line"].with_user(self.mayor).search([])
        self.assertEqual(lines.report_id, self.approved)
        self.assertTrue(lines)
        themes = self.env["don.period.theme"].with_user(self.mayor).search([])
        self.assertEqual(themes.report_id, self.approved)
        # A draft, its figures and its themes stay with the project leader.
        with self.assertRaises(AccessError):
            self.draft.with_user(self.mayor).read(["name"])
        with self.assertRaises(AccessError):
            self.draft.line_ids[:1].with_user(self.mayor).read(["display_value"])
        # Another municipality's approved report: not the mayor's.
        with self.assertRaises(AccessError):
            self.other.with_user(self.mayor).read(["name"])
        self.assertEqual(
            self.env["don.period.report"].with_user(self.mayor_b).search([]), self.other
        )

    def test_mayor_changes_nothing(self):
        report = self.approved.with_user(self.mayor)
        with self.assertRaises(AccessError):
            report.check_access("write")
        # The report refuses first (approved), the ACL next: either way, nothing changes.
        with self.assertRaises(UserError):
            report.write({"narrative": "<p>Anders</p>"})
        with self.assertRaises(AccessError):
            report.unlink()
        with self.assertRaises(AccessError):
            self.env["don.period.report"].with_user(self.mayor).create(
                {"company_id": self.company_a.id, "period_type": "year", "year": 2025}
            )
        with self.assertRaises(AccessError):
            self.draft.with_user(self.mayor).action_generate()
        line = self.approved.line_ids[:1].with_user(self.mayor)
        with self.assertRaises(AccessError):
            line.check_access("write")
        with self.assertRaises(UserError):
            line.write({"display_value": "1"})

    def test_mayor_prints_the_approved_report(self):
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.mayor)
            ._render_qweb_html("don_rapportage.action_report_don_period_report", self.approved.ids)
        )
        self.assertIn("Ronselen via sociale media", html.decode())
        with self.assertRaisesRegex((AccessError, QWebException), "don.period.report"):
            self.env["ir.actions.report"].with_user(self.mayor)._render_qweb_html(
                "don_rapportage.action_report_don_period_report", self.draft.ids
            )

    def test_others_still_do_not_read_period_reports(self):
        """Deny by default: the mayor's access widens nothing for the roles
        the mayor's role implies (Professional) or for anyone else."""
        for user in (self.prof_soc, self.plain, self.kt_soc):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["don.period.report"].with_user(user).search([])

    def test_mayor_has_the_menu(self):
        menu = self.env.ref("don_bestuur.menu_don_period_report_mayor")
        visible = self.env["ir.ui.menu"].with_user(self.mayor)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.prof_soc)._visible_menu_ids()
        )
