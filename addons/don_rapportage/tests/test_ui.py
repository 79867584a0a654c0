# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import DonReportCommon


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestPeriodReportTour(HttpCase, DonReportCommon):
    def test_period_report_tour(self):
        today = fields.Date.context_today(self.env["don.signal"])
        first = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
        self.env["don.signal"].create(
            [
                self._signal_vals(
                    self.ch_school,
                    self.nbh_1,
                    datetime(first.year, first.month, 1 + i, 9),
                    f"SIGNAALGEHEIM tour {i}",
                )
                for i in range(8)
            ]
        )
        self.start_tour(
            f"/odoo/action-don_rapportage.don_period_report_action?cids={self.company_a.id}",
            "don_period_report_prepare_tour",
            login="t_pl",
        )
        report = self.env["don.period.report"].search([("company_id", "=", self.company_a.id)])
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.date_from, first)
        self.assertIn("voorlichting op scholen", report.narrative)
        total = report.line_ids.filtered(
            lambda line: line.section == "signals" and line.dimension == "total"
        )
        self.assertEqual(total.display_value, "8")
        # The web client shows the printed report in the page when there is
        # no wkhtmltopdf, and downloads a file otherwise (which a tour cannot
        # look into): the tour runs as without it, and the PDF file itself is
        # read in test_period_report.test_real_pdf_file.
        with patch.object(
            self.registry["ir.actions.report"], "get_wkhtmltopdf_state", lambda self: "install"
        ):
            self.start_tour(
                f"/odoo/action-don_rapportage.don_period_report_action?cids={self.company_a.id}",
                "don_period_report_print_tour",
                login="t_reporting",
            )
        self.start_tour(
            f"/odoo/action-don_rapportage.don_report_dashboard_action_open?cids={self.company_a.id}",
            "don_report_dashboard_tour",
            login="t_reporting",
        )


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestReaderTourOnDemo(HttpCase):
    """Issue 18 as its readers see it, on the demo database: the Rapportage
    user (Dutch) opens the dashboard, the case graph and pivot, and the
    approved period report."""

    def test_rapportage_reads_the_figures(self):
        user = self.env.ref("don_core.user_rapportage", raise_if_not_found=False)
        report = self.env.ref(
            "don_rapportage.period_report_previous_quarter", raise_if_not_found=False
        )
        if not user or not report:
            self.skipTest("the demo data is not installed")
        self.assertEqual(user.lang, "nl_NL")
        self.assertEqual(report.state, "approved")
        # browser_js logs in with the login as password.
        user.password = user.login
        self.start_tour(
            "/odoo/action-don_rapportage.don_report_dashboard_action_open",
            "don_report_reader_tour",
            login=user.login,
        )
