# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Themes of a period: weak signals in words, without names or small
numbers, printed in the period report."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install")
class TestThemes(DonBestuurCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["don.period.report"].create(
            {"company_id": cls.company_a.id, "period_type": "quarter", "year": 2026, "quarter": "2"}
        )

    def theme(self, **vals):
        values = {
            "report_id": self.report.id,
            "name": "Ronselen via sociale media",
            "line": "preventie",
            "movement": "rising",
            "noticed_by": "Scholen en jongerenwerk",
            "description": "Meerdere scholen horen van berichten met snel geld verdienen.",
        }
        values.update(vals)
        return self.env["don.period.theme"].with_user(self.pl).create(values)

    def test_theme_in_words_is_kept_and_printed(self):
        theme = self.theme(description="Sinds 2025 vaker genoemd, in 12 gesprekken.")
        self.assertTrue(theme)
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "don_rapportage.action_report_don_period_report", self.report.ids
        )
        self.assertIn("Ronselen via sociale media", html.decode())

    def test_no_small_numbers_or_names(self):
        for description in (
            "3 jongeren uit de wijk",
            "Drie jongeren bij het station",
            "Een paar meisjes op het schoolplein",
            f"Gezien met {self.youth_a.name}",
            f"Zie {self.case_a.reference}",
        ):
            with self.subTest(description=description), self.assertRaises(ValidationError):
                self.theme(description=description)

    def test_approved_report_keeps_its_themes(self):
        theme = self.theme()
        self.report.write({"state": "approved"})
        with self.assertRaises(UserError):
            theme.with_user(self.pl).write({"name": "Anders"})
        with self.assertRaises(UserError):
            self.theme(name="Nieuw thema")

    def test_access(self):
        theme = self.theme()
        # Rapportage reads the themes of approved reports only.
        Theme = self.env["don.period.theme"]
        self.assertFalse(Theme.with_user(self.reporting).search([("id", "=", theme.id)]))
        self.report.write({"state": "approved"})
        self.assertEqual(Theme.with_user(self.reporting).search([("id", "=", theme.id)]), theme)
        for user in (self.kt_soc, self.prof_soc, self.plain, self.kt_b):
            with self.assertRaises(AccessError):
                Theme.with_user(user).search([("id", "=", theme.id)])
