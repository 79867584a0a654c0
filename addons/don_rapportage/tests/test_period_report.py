# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date, datetime

from odoo.addons.don_core.tests.common import pdf_text
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DonReportCommon


@tagged("post_install", "-at_install")
class TestPeriodReport(DonReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.env["don.project.goal"].create(
            {
                "project_id": cls.project.id,
                "name": "Meer signalen uit scholen",
                "line": "preventie",
                "indicator": "Signalen van scholen per kwartaal",
                "target_value": 20,
                "measured_value": 12,
            }
        )

    def _report(self):
        return self._period_report()

    def _figures(self, report):
        return [
            (line.section, line.dimension, line.key_label, line.display_value)
            for line in report.line_ids
        ]

    def test_generate_freezes_suppressed_figures(self):
        report = self._report()
        self.assertEqual((report.date_from, report.date_to), (date(2026, 4, 1), date(2026, 6, 30)))
        report.action_generate()
        shown = {
            (line.dimension, line.key_label): line.display_value
            for line in report.line_ids
            if line.section == "signals"
        }
        self.assertEqual(shown[("total", "Total")], "22")
        self.assertEqual(shown[("channel", "Testkanaal school")], "12")
        self.assertEqual(shown[("channel", "Testkanaal anoniem")], "<5")
        # The police's 7 is suppressed to protect the 3: "≥5", not "<5".
        self.assertEqual(shown[("channel", "Testkanaal politie")], "≥5")
        for line in report.line_ids.filtered(lambda line: line.section != "goals"):
            self.assertNoSmallFigure([line.value])
            self.assertNotRegex(line.display_value or "", r"^[1-4]$")
        goal = report.line_ids.filtered(lambda line: line.section == "goals")
        self.assertEqual(goal.key_label, "Meer signalen uit scholen")
        self.assertEqual(round(goal.progress), 60)

    def test_frozen_after_source_changes(self):
        report = self._report()
        report.action_generate()
        report.narrative = "<p>Toelichting</p>"
        before = self._figures(report)
        self.env["don.signal"].create(
            [
                self._signal_vals(self.ch_anon, self.nbh_3, datetime(2026, 4, 20, 9), f"NIEUW {i}")
                for i in range(10)
            ]
        )
        self.signals[:5].write({"channel_id": self.ch_police.id})
        report.action_approve()
        report.invalidate_recordset()
        self.assertEqual(self._figures(report), before)
        # The cubes show the months of the report as the report does: later
        # live figures cannot be set against it (the ten new signals count
        # from the first month that is not frozen).
        fresh = self.env["don.report.signal"]._don_figures(
            self.company_a, date(2026, 4, 1), date(2026, 6, 30), "total"
        )
        self.assertEqual(fresh[()][0], 22)
        channels = self.env["don.report.signal"]._don_figures(
            self.company_a, date(2026, 4, 1), date(2026, 6, 30), "channel"
        )
        shown = {line.key_label: line.display_value for line in report.line_ids}
        self.assertEqual(
            self.env["don.report.signal"]._don_format(*channels[(self.ch_anon.id,)]),
            shown["Testkanaal anoniem"],
        )
        with self.assertRaises(UserError):
            report.action_generate()
        with self.assertRaises(UserError):
            report.write({"narrative": "<p>Achteraf</p>"})
        with self.assertRaises(UserError):
            report.line_ids[:1].write({"display_value": "3"})
        with self.assertRaises(UserError):
            report.unlink()

    def test_approval_rights(self):
        report = self._report()
        with self.assertRaises(UserError):
            report.action_approve()  # nothing generated yet
        report.action_generate()
        for user in (self.kt_vei, self.reporting, self.manager, self.prof_soc):
            with self.assertRaises(AccessError):
                report.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                report.with_user(user).action_generate()
        report.action_approve()
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.approved_by_id, self.pl)

    def test_reporting_sees_approved_reports_only(self):
        draft = self._report()
        draft.action_generate()
        approved = self._report()
        approved.action_generate()
        approved.action_approve()
        Report = self.env["don.period.report"].with_user(self.reporting)
        self.assertEqual(Report.search([]), approved)
        with self.assertRaises(AccessError):
            draft.with_user(self.reporting).read(["name"])
        Line = self.env["don.period.report.line"].with_user(self.reporting)
        self.assertEqual(Line.search([]).report_id, approved)
        with self.assertRaises(AccessError):
            Report.create({"company_id": self.company_a.id, "year": 2026, "quarter": "1"})
        for user in (self.kt_vei, self.prof_soc, self.manager, self.privacy, self.plain):
            with self.assertRaises(AccessError):
                self.env["don.period.report"].with_user(user).search([])

    def test_pdf_has_no_names_or_small_numbers(self):
        report = self._report()
        report.action_generate()
        report.narrative = "<p>Het kwartaal in woorden</p>"
        report.action_approve()
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.reporting)
            ._render_qweb_html("don_rapportage.report_don_period_report", report.ids)
        )
        html = html.decode()
        self.assertIn("Het kwartaal in woorden", html)
        self.assertIn("&lt;5", html)
        self.assertIn("<svg", html)
        for secret in ("SIGNAALGEHEIM", "MELDERNAAM", "Noah Verbeek", "Liam", "NAAMGEHEIM"):
            self.assertNotIn(secret, html)
        # Every number in a figure cell is 0, at least 5, or marked <5.
        cells = re.findall(r'<td class="text-end">\s*([^<]*?)\s*</td>', html)
        self.assertTrue(cells)
        for cell in cells:
            if cell.startswith("&lt;") or "%" in cell or not cell:
                continue
            digits = re.sub(r"[^0-9]", "", cell)
            if digits:
                self.assertNoSmallFigure([int(digits)], f"PDF cell {cell}")

    def test_narrative_cannot_overlay_the_report(self):
        """A narrative with an inline ``position:fixed`` (a full-page overlay
        over the report and its PDF) keeps its text and harmless styling,
        never the positioning: stored value and rendered report."""
        report = self._report()
        report.action_generate()
        overlay = (
            '<p style="position:fixed; top:0; left:0; width:100%; height:100%; '
            'z-index:9999; background:white; color:red">Alles in orde</p>'
        )
        report.write({"narrative": overlay, "dark_number_note": overlay})
        report.action_approve()
        for value in (report.narrative, report.dark_number_note):
            self.assertIn("Alles in orde", value)
            self.assertNotRegex(value, r"position|z-index|top\s*:|left\s*:")
            self.assertIn("color", value)
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.reporting)
            ._render_qweb_html("don_rapportage.report_don_period_report", report.ids)
        )
        html = html.decode()
        self.assertIn("Alles in orde", html)
        self.assertNotRegex(html, r"position\s*:\s*fixed|z-index\s*:\s*9999")

    def test_real_pdf_file(self):
        """The printed file itself (wkhtmltopdf), not only its HTML: a PDF
        whose text holds the figures and the dark-number caveat, and no
        name or small number."""
        report = self._report()
        report.action_generate()
        report.action_approve()
        text = pdf_text(
            self, "don_rapportage.action_report_don_period_report", report, self.reporting
        )
        self.assertIn("dark number", text)
        self.assertIn("<5", text)
        self.assertRegex(text, r"Testkanaal politie ≥5", "the police's 7 (protects the 3)")
        self.assertRegex(text, r"\b22\b")
        for secret in ("SIGNAALGEHEIM", "MELDERNAAM", "Noah Verbeek", "Liam", "NAAMGEHEIM"):
            self.assertNotIn(secret, text)

    def test_period_validation(self):
        with self.assertRaises(ValidationError):
            self.env["don.period.report"].with_user(self.pl).create(
                {"company_id": self.company_a.id, "year": 1800, "quarter": "1"}
            )


@tagged("post_install", "-at_install")
class TestEvaluation(DonReportCommon):
    def test_yearly_evaluation_outside_kernteam(self):
        Evaluation = self.env["don.evaluation"].with_user(self.pl)
        with self.assertRaises(ValidationError):
            Evaluation.create(
                {
                    "name": "Jaar",
                    "kind": "yearly",
                    "evaluator_user_id": self.kt_soc.id,
                    "company_id": self.company_a.id,
                }
            )
        with self.assertRaises(ValidationError):
            Evaluation.create({"name": "Jaar", "kind": "yearly", "company_id": self.company_a.id})
        external = self.env["res.partner"].create({"name": "Onderzoeksbureau Extern"})
        evaluation = Evaluation.create(
            {
                "name": "Jaarevaluatie 2026",
                "kind": "yearly",
                "evaluator_partner_id": external.id,
                "company_id": self.company_a.id,
                "date": date(2026, 5, 1),
                "findings": "<p>Scholen melden vaker</p>",
            }
        )
        with self.assertRaises(UserError):
            evaluation.action_add_follow_up()
        project = self.env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": self.company_a.id}
        )
        evaluation.project_id = project
        action = evaluation.action_add_follow_up()
        task = (
            self.env["project.task"]
            .with_user(self.pl)
            .with_context(**action["context"])
            .create({"name": "Terugkoppeling aan scholen verbeteren"})
        )
        self.assertEqual(evaluation.task_ids, task)
        self.assertEqual(task.project_id, project)
        # The findings are frozen into the period report of that quarter.
        report = (
            self.env["don.period.report"]
            .with_user(self.pl)
            .create({"company_id": self.company_a.id, "year": 2026, "quarter": "2"})
        )
        report.action_generate()
        self.assertIn("Scholen melden vaker", report.evaluation_summary)
        with self.assertRaises(AccessError):
            evaluation.with_user(self.reporting).read(["findings"])
