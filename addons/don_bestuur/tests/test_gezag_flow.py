# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Proposal, decision and execution of a measure, and its letter."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install")
class TestGezagFlow(DonBestuurCommon):
    def test_propose_approve_carry_out(self):
        measure = self.measure_a
        measure.with_user(self.kt_vei).action_propose()
        self.assertEqual(measure.state, "proposed")
        self.assertTrue(measure.date_proposed)
        activity = measure.activity_ids
        self.assertEqual(activity.user_id, self.mayor, "the mayor gets a to-do")
        as_mayor = measure.with_user(self.mayor)
        self.assertTrue(as_mayor.is_my_decision)
        as_mayor.action_approve()
        self.assertEqual(measure.state, "approved")
        self.assertEqual(measure.decided_by_id, self.mayor)
        self.assertFalse(measure.activity_ids, "the to-do is done")
        # The decision is on the case's timeline.
        bodies = " ".join(self.case_a.message_ids.mapped("body"))
        self.assertIn(f"The mayor approved measure {measure.reference}", bodies)
        # A decided proposal is not rewritten.
        with self.assertRaises(UserError):
            measure.with_user(self.kt_vei).write({"reasoning": "Afterwards"})
        measure.with_user(self.kt_vei).write({"execution_note": "Handed over with the parents"})
        measure.with_user(self.kt_vei).action_done()
        self.assertEqual(measure.state, "done")
        self.assertTrue(measure.date_executed)

    def test_reject_needs_a_reason(self):
        measure = self.measure_a
        measure.with_user(self.kt_vei).action_propose()
        with self.assertRaises(UserError):
            measure.with_user(self.mayor).action_reject()
        with self.assertRaises(ValidationError):
            measure.with_user(self.mayor).write({"state": "rejected", "decision_reason": " "})
        measure.with_user(self.mayor).write({"decision_reason": "Too early: first a talk"})
        measure.with_user(self.mayor).action_reject()
        self.assertEqual(measure.state, "rejected")
        # A rejected measure stays visible to the mayor (decided by them).
        self.assertEqual(self.env["don.case"].with_user(self.mayor).search([]), self.case_a)

    def test_propose_needs_a_mayor(self):
        self.measure_a.mayor_id = False
        with self.assertRaises(UserError):
            self.measure_a.with_user(self.kt_vei).action_propose()

    def test_new_measure_is_a_draft(self):
        with self.assertRaises(UserError):
            self.Measure.with_user(self.kt_vei).create(
                {
                    "case_id": self.case_a.id,
                    "type_id": self.warning.id,
                    "legal_ground": "x",
                    "reasoning": "x",
                    "state": "approved",
                }
            )

    def test_letter_in_dutch(self):
        if not self.env["res.lang"]._lang_get("nl_NL"):
            self.skipTest("Dutch is not installed")
        self.company_a.partner_id.lang = "nl_NL"
        self.youth_a.write({"street": "Dorpsstraat 1", "zip": "1234 AB", "city": "Testdorp"})
        self.measure_a.with_user(self.kt_vei).action_propose()
        self.measure_a.with_user(self.mayor).action_approve()
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.mayor)
            ._render_qweb_html("don_bestuur.action_report_gezag_measure_letter", self.measure_a.ids)
        )
        text = html.decode()
        self.assertIn("Noah Verbeek", text)
        self.assertIn("Bestuurlijke waarschuwing", text)
        self.assertIn("Art. 172 lid 3 Gemeentewet", text)
        self.assertIn("bezwaar", text)
        self.assertNotIn("Legal ground", text)
