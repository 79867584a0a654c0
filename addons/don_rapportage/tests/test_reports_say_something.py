# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Trends with their change, a dashboard that is a page, labels in the
readers' language."""

from datetime import date

from odoo.tests import tagged

from .common import DonReportCommon


@tagged("post_install", "-at_install")
class TestReportsSaySomething(DonReportCommon):
    def test_trend_is_an_arrow_with_the_change(self):
        Dashboard = self.env["don.report.dashboard"]
        self.assertEqual(Dashboard._don_trend((22, 0), (9, 0)), "▲ +13")
        self.assertEqual(Dashboard._don_trend((6, 0), (9, 0)), "▼ -3")
        self.assertEqual(Dashboard._don_trend((9, 0), (9, 0)), "= 0")
        # 22 against one suppressed month (at most 4): up, without the change.
        self.assertEqual(Dashboard._don_trend((22, 0), (0, 1)), "▲")
        self.assertEqual(Dashboard._don_trend((0, 1), (22, 0)), "▼")
        # Both within the small-number range: roughly equal, never "?".
        self.assertEqual(Dashboard._don_trend((0, 1), (0, 1)), "≈")
        self.assertEqual(Dashboard._don_trend((6, 0), (0, 1), bounded=False), "≈")

    def test_dashboard_figures_have_trends(self):
        figures = (
            self.env["don.report.dashboard"]
            .with_user(self.reporting)
            ._key_figures(self.company_a, date(2026, 5, 15))
        )
        trends = [trend for _label, _cur, _prev, trend in figures]
        self.assertEqual(trends[0], "▲ +22", "22 signals against none in Q1")
        self.assertNotIn("?", trends)

    def test_dashboard_opens_as_a_saved_page(self):
        action = (
            self.env["don.report.dashboard"]
            .with_user(self.reporting)
            .with_company(self.company_a)
            .action_open_dashboard()
        )
        self.assertTrue(action["res_id"], "a saved record, not 'New'")
        dashboard = self.env["don.report.dashboard"].browse(action["res_id"])
        self.assertEqual(dashboard.company_id, self.company_a)
        dashboard.reference_date = date(2026, 5, 15)
        dashboard.with_user(self.reporting).action_quarter_previous()
        self.assertEqual(dashboard.reference_date, date(2026, 3, 31))
        self.assertIn("Q1 2026", dashboard.display_name)
        self.assertNotIn("2.026", dashboard.display_name)

    def test_labels_in_the_readers_language(self):
        if not self.env["res.lang"]._lang_get("nl_NL"):
            self.skipTest("Dutch is not installed")
        self.company_a.partner_id.lang = "nl_NL"
        self.assertEqual(self.pl.lang, "en_US")
        report = self._period_report()
        report.action_generate()
        labels = set(report.line_ids.mapped("dimension_label"))
        self.assertIn("Per kanaal", labels)
        self.assertNotIn("Per channel", labels)
