# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input gets a clear error and nothing is half saved."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_core")
class TestBadInput(DonTestCommon):
    def test_date_of_birth_in_future(self):
        count = self.env["don.youth"].search_count([])
        # Tomorrow as the user counts days (between 23:00 and 24:00 UTC the
        # Dutch date is already one day ahead of UTC's).
        tomorrow = fields.Date.context_today(self.env["don.youth"]) + timedelta(days=1)
        with self.assertRaises(ValidationError) as error:
            self.env["don.youth"].create(
                {"name": "Toekomst", "date_of_birth": tomorrow, "company_id": self.company_a.id}
            )
        self.assertIn("future", str(error.exception))
        self.assertEqual(self.env["don.youth"].search_count([]), count)

    def test_case_for_archived_youth(self):
        self.youth_b.active = False
        with self.assertRaises(ValidationError):
            self.env["don.case"].create({"youth_id": self.youth_b.id})

    def test_widening_without_legal_basis(self):
        with self.assertRaises(ValidationError):
            self.env["don.case.note"].create(
                {
                    "case_id": self.case_a.id,
                    "name": "Zonder grondslag",
                    "body": "x",
                    "domain_id": self.dom_soc.id,
                    "sharing_level": "kernteam",
                }
            )

    def test_contribution_on_closed_case(self):
        self.case_b.write({"stage": "afgesloten", "closing_reason": "goal_reached"})
        self.assertEqual(self.case_b.date_closed, fields.Date.context_today(self.case_b))
        count = self.env["don.case.note"].search_count([])
        with self.assertRaises(UserError):
            self.env["don.case.note"].with_user(self.kt_soc).create(
                {
                    "case_id": self.case_b.id,
                    "name": "Te laat",
                    "body": "x",
                    "domain_id": self.dom_soc.id,
                }
            )
        self.assertEqual(self.env["don.case.note"].search_count([]), count)

    def test_closing_needs_reason(self):
        with self.assertRaises(ValidationError):
            self.case_b.write({"stage": "afgesloten"})
        self.assertEqual(self.case_b.stage, "aanmelding")

    def test_reopen_clears_closing(self):
        self.case_b.write({"stage": "afgesloten", "closing_reason": "moved"})
        self.case_b.action_reopen()
        self.assertFalse(self.case_b.date_closed)
        self.assertFalse(self.case_b.closing_reason)

    def test_errors_are_dutch(self):
        with self.assertRaises(ValidationError) as error:
            self.env["don.youth"].with_context(lang="nl_NL").create(
                {
                    "name": "Toekomst",
                    "date_of_birth": fields.Date.today() + timedelta(days=3),
                    "company_id": self.company_a.id,
                }
            )
        self.assertIn("toekomst", str(error.exception).lower())
        self.assertNotIn("future", str(error.exception))
