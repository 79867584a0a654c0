# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Awareness reach per phase: trainings held and people trained, anonymised
and suppressed like every other figure, and part of the period report."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonReportCommon

APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@tagged("post_install", "-at_install", "don_reporting")
class TestAwarenessReach(DonReportCommon):
    """April 2026 in Testdorp: six trainings at schools (phase 2, 3
    attendees each), two for an internal team (phase 1, 4 attendees each);
    a planned training nobody attended yet; one training in Andersveen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.school = Partner.create(
            {"name": "SCHOOLNAAM Lyceum", "is_company": True, "don_org_type": "school"}
        )
        cls.team = Partner.create(
            {"name": "TEAMNAAM Wijkteam", "is_company": True, "don_org_type": "internal"}
        )
        for day in range(1, 7):
            cls._training(cls.school, "2", day, attendees=3)
        for day in (10, 11):
            cls._training(cls.team, "1", day, attendees=4)
        cls._training(cls.school, "2", 20, attendees=0)  # planned, not held
        cls._training(cls.school, "2", 21, attendees=7, company=cls.company_b)

    @classmethod
    def _training(cls, partner, phase, day, attendees, company=None):
        event = cls.env["event.event"].create(
            {
                "name": f"Training DEELNEMERNAAM {partner.name} {day}",
                "don_is_training": True,
                "don_partner_id": partner.id,
                "don_phase": phase,
                "date_begin": f"2026-04-{day:02d} 15:00:00",
                "date_end": f"2026-04-{day:02d} 17:00:00",
                "company_id": (company or cls.company_a).id,
            }
        )
        if attendees:
            cls.env["event.registration"].create(
                [
                    {"event_id": event.id, "name": f"DEELNEMERNAAM {index}"}
                    for index in range(attendees)
                ]
            ).action_set_done()
        return event

    def figures(self, model, dimension, user=None):
        cube = self.env[model].with_user(user or self.reporting)
        figures = cube._don_figures(self.company_a, *APRIL, dimension)
        # Every cell of the grid exists; the empty ones publish 0. A figure
        # is (published value, suppressed cells, of which extra cells).
        return {key: value for key, value in figures.items() if value != (0, 0, 0)}

    def test_trainings_held_per_phase_are_suppressed(self):
        # 8 held trainings; per phase 2 and 6: the 2 is below the threshold,
        # and the 6 goes with it (otherwise total - 6 would give it away):
        # published as an extra cell, of the threshold or more, not as <5.
        self.assertEqual(self.figures("don.report.training", "total"), {(): (8, 0, 0)})
        self.assertEqual(
            self.figures("don.report.training", "phase"),
            {("1",): (0, 1, 0), ("2",): (0, 1, 1)},
        )
        self.assertEqual(
            self.figures("don.report.training", "target"),
            {("internal",): (0, 1, 0), ("school",): (0, 1, 1)},
        )

    def test_people_trained_per_phase(self):
        self.assertEqual(self.figures("don.report.trained", "total"), {(): (26, 0, 0)})
        self.assertEqual(
            self.figures("don.report.trained", "phase"),
            {("1",): (8, 0, 0), ("2",): (18, 0, 0)},
        )
        self.assertEqual(
            self.figures("don.report.trained", "target"),
            {("internal",): (8, 0, 0), ("school",): (18, 0, 0)},
        )

    def test_no_small_figure_in_any_channel(self):
        """The generic channel check of the cubes, on data that has them."""
        rows = self.assertNoSmallFigureInAnyChannel(("don.report.training", "don.report.trained"))
        self.assertTrue(all(rows.values()))

    def test_other_municipality_and_access(self):
        for model in ("don.report.training", "don.report.trained"):
            rows = self.env[model].with_user(self.reporting).search([])
            self.assertEqual(rows.company_id, self.company_a)
            self.assertTrue(self.env[model].with_user(self.pl).search_count([]))
            for user in (self.prof_soc, self.kt_soc, self.plain):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_in_the_period_report(self):
        report = self._period_report()
        report.action_generate()
        shown = {
            (line.section, line.dimension, line.key_label): line.display_value
            for line in report.line_ids
            if line.section.startswith("awareness")
        }
        self.assertEqual(shown[("awareness_trainings", "total", "Total")], "8")
        self.assertEqual(shown[("awareness_trainings", "phase", "Phase 1: internal teams")], "<5")
        # The 6 trainings of phase 2, suppressed to protect phase 1: "≥5",
        # never "<5" (issue 18).
        phase_2 = ("awareness_trainings", "phase", "Phase 2: schools and clubs")
        self.assertEqual(shown[phase_2], "≥5")
        self.assertEqual(shown[("awareness_people", "total", "Total")], "26")
        self.assertEqual(shown[("awareness_people", "phase", "Phase 2: schools and clubs")], "18")
        self.assertEqual(shown[("awareness_people", "target", "Internal department")], "8")
        key_sections = report.line_ids.filtered("is_key_figure").mapped("section")
        self.assertIn("awareness_people", key_sections)
        html = str(
            self.env["ir.actions.report"]
            .with_user(self.pl)
            ._render_qweb_html("don_rapportage.report_don_period_report", report.ids)[0]
        )
        self.assertIn("People trained", html)
        for secret in ("DEELNEMERNAAM", "SCHOOLNAAM", "TEAMNAAM"):
            self.assertNotIn(secret, html)

    def test_on_the_dashboard(self):
        dashboard = self.env["don.report.dashboard"].with_user(self.reporting)
        figures = {
            label: (current, previous)
            for label, current, previous, _trend in dashboard._key_figures(
                self.company_a, date(2026, 5, 15)
            )
        }
        self.assertEqual(figures["Awareness trainings held"], ("8", "0"))
        self.assertEqual(figures["People trained"], ("26", "0"))
