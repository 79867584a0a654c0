# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import re
from datetime import datetime
from types import SimpleNamespace
from unittest.mock import patch

import openpyxl

from odoo import fields
from odoo.addons.web.controllers import pivot as pivot_controller
from odoo.tests import HttpCase, tagged

from .common import DonReportCommon

QUARTER = r"[QK]\d \d{4}"


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


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestPivotExportTour(HttpCase, DonReportCommon):
    """The pivot's "Download xlsx" (issue 18): the client builds the table
    and posts it to /web/pivot/export_xlsx, which writes what it is sent.
    A suppressed cell must read "<5" in the file, as on the screen, and a
    total with suppressed cells in it what the screen shows ("≥ 12"), never
    the published 0 or a bare sum of the published cells."""

    def _export_as_reporter(self):
        """Runs the tour (the real client downloads the signal pivot) and
        returns the posted table and the produced xlsx file."""
        posted, books = [], []
        Workbook = pivot_controller.xlsxwriter.Workbook

        class CapturingWorkbook(Workbook):
            def __init__(self, filename=None, options=None):
                books.append(filename)
                super().__init__(filename, options)

        def load(data):
            posted.append(json.load(data))
            return posted[-1]

        fake_json = SimpleNamespace(load=load, loads=lambda data: load(io.StringIO(data)))
        with (
            patch.object(pivot_controller.xlsxwriter, "Workbook", CapturingWorkbook),
            patch.object(pivot_controller, "json", fake_json),
        ):
            self.start_tour(
                "/odoo/action-don_rapportage.don_report_signal_action"
                f"?view_type=pivot&cids={self.company_a.id}",
                "don_report_pivot_export_tour",
                login="t_reporting",
            )
        self.assertEqual(len(posted), 1, "the client posted one export")
        self.assertEqual(posted[0]["model"], "don.report.signal")
        return posted[0], openpyxl.load_workbook(io.BytesIO(books[0].getvalue())).active

    def _shown(self, domain, groupby):
        """What the pivot shows for each group, as the Rapportage user."""
        Cube = (
            self.env["don.report.signal"]
            .with_user(self.reporting)
            .with_context(lang=self.reporting.lang)
        )
        groups = Cube.read_group(
            [("company_id", "=", self.company_a.id), ("dimension", "=", "channel"), *domain],
            ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
            groupby,
            lazy=False,
        )
        return {
            tuple(
                group[key][1] if isinstance(group[key], tuple) else group[key] for key in groupby
            ): Cube._don_format(group["figure"], group["suppressed_cells"], group["extra_cells"])
            for group in groups
        }

    def test_export_shows_suppressed_cells_as_on_screen(self):
        _table, sheet = self._export_as_reporter()
        grid = [[cell.value for cell in row] for row in sheet.iter_rows()]
        quarter_row = next(
            row for row in grid if any(re.fullmatch(QUARTER, str(v or "")) for v in row)
        )
        columns = {
            index: value
            for index, value in enumerate(quarter_row)
            if re.fullmatch(QUARTER, str(value or ""))
        }
        total_column = len(quarter_row) - 1
        self.assertNotIn(total_column, columns)
        cells = self._shown([], ["channel_id", "period_start:quarter"])
        row_totals = self._shown([], ["channel_id"])
        column_totals = self._shown([], ["period_start:quarter"])
        grand = self._shown([], [])[()]
        total = grid[0][1]  # "Totaal", in the user's language
        self.assertIn(total, ("Total", "Totaal"))
        rows = {str(row[0]).strip(): row for row in grid if row[0] and str(row[0]).strip()}
        checked = 0
        for title, row in rows.items():
            if title == total:
                expected = {
                    **{index: column_totals[(q,)] for index, q in columns.items()},
                    total_column: grand,
                }
            elif (title,) in row_totals:
                expected = {
                    **{index: cells.get((title, q), "0") for index, q in columns.items()},
                    total_column: row_totals[(title,)],
                }
            else:
                continue
            for index, shown in expected.items():
                value = row[index]
                self.assertEqual(
                    str(value if value not in (None, "") else 0),
                    shown,
                    f"{title} / {columns.get(index, 'Total')}: the file reads {value!r}",
                )
                if not isinstance(value, str):
                    self.assertNotIn("<", shown)
                checked += 1
        # April 2026: the anonymous channel (3) is "<5" in Q2 2026, the
        # school channel (12) a number, and the second quarter's total has
        # suppressed cells in it.
        q2 = next(index for index, q in columns.items() if q.endswith("2 2026"))
        self.assertEqual(rows["Testkanaal anoniem"][q2], "<5")
        # The police's 7, suppressed to protect the 3: "≥5", as on screen.
        self.assertEqual(rows["Testkanaal politie"][q2], "≥5")
        self.assertEqual(rows["Testkanaal school"][q2], 12)
        self.assertTrue(str(rows[total][q2]).startswith("≥ "), rows[total][q2])
        self.assertGreater(checked, 10)


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestPivotCompareTour(HttpCase, DonReportCommon):
    """The pivot's comparison mode (issue 18): Q2 2026 (12 / 7 / 3 signals
    per channel, the 3 and the 7 suppressed) against Q1 (none). The
    variation of a suppressed cell would be computed from its published 0:
    the tour checks it reads "—", and that the school's 12 has its
    percentage."""

    def test_no_variation_over_suppressed_cells(self):
        self.start_tour(
            "/odoo/action-don_rapportage.don_report_signal_action"
            f"?view_type=pivot&cids={self.company_a.id}",
            "don_report_pivot_compare_tour",
            login="t_reporting",
        )
