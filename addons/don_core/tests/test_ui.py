# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestCaseTour(HttpCase, DonTestCommon):
    def test_case_tour(self):
        youth = self.env["don.youth"].create(
            {"name": "Tessa Tourjongere", "company_id": self.company_a.id}
        )
        case = self.env["don.case"].create(
            {
                "youth_id": youth.id,
                "director_id": self.kt_soc.id,
                "involved_user_ids": [Command.set(self.prof_soc.ids)],
            }
        )
        self.env["don.case.note"].create(
            {
                "case_id": case.id,
                "name": "Politie-tourgeheim",
                "body": "x",
                "domain_id": self.dom_pol.id,
                "author_id": self.kt_pol.id,
            }
        )
        self.env["don.legal.basis"].create(
            {"name": "Tourconvenant", "purpose": "Test", "article": "art. 1"}
        )
        self.start_tour(
            f"/odoo/action-don_core.don_case_action?cids={self.company_a.id}",
            "don_case_tour",
            login="t_kt_soc",
        )
        note = self.env["don.case.note"].search([("name", "=", "Schoolverzuim neemt toe")])
        self.assertEqual(note.case_id, case)
        self.assertEqual(note.sharing_level, "kernteam")
        self.assertEqual(note.domain_id, self.dom_soc)
        self.assertIn("Nodig voor de analyse", " ".join(note.message_ids.mapped("body")))
