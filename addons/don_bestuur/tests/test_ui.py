# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestBestuurTour(HttpCase, DonBestuurCommon):
    def test_propose_and_decide_tour(self):
        self.start_tour(
            f"/odoo/action-don_core.don_case_action/{self.case_a.id}?cids={self.company_a.id}",
            "don_bestuur_propose_tour",
            login="t_kt_vei",
        )
        measure = self.env["don.gezag.measure"].search(
            [("case_id", "=", self.case_a.id), ("id", "!=", self.measure_a.id)]
        )
        self.assertEqual(measure.state, "proposed")
        self.assertEqual(measure.type_id, self.warning)
        self.assertEqual(measure.mayor_id, self.mayor)
        self.assertEqual(measure.proposed_by_id, self.kt_vei)
        self.start_tour(
            f"/odoo/action-don_bestuur.don_gezag_measure_action_mayor?cids={self.company_a.id}",
            "don_bestuur_decide_tour",
            login="t_mayor",
        )
        self.assertEqual(measure.state, "approved")
        self.assertEqual(measure.decided_by_id, self.mayor)
        # The mayor's openings are in the access log.
        logs = self.env["don.access.log"].search([("user_id", "=", self.mayor.id)])
        self.assertTrue(logs)
        self.assertEqual(set(logs.mapped("res_id")), {self.case_a.id})
