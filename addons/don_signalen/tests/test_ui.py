# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import SignalTestCommon


@tagged("post_install", "-at_install", "don_ui")
class TestSignalTour(HttpCase, SignalTestCommon):
    def test_handler_bundles_and_links_to_case(self):
        self.kt_soc.password = "t_kt_soc_pw"
        Signal = self.env["don.signal"].with_context(don_signal_no_feedback=True)
        vals = {
            "channel_id": self.ch_school.id,
            "reporter_partner_id": self.school.id,
            "domain_id": self.dom_soc.id,
            "author_id": self.kt_soc.id,
            "handler_id": self.kt_soc.id,
            "company_id": self.company_a.id,
            "youth_ids": [Command.set(self.youth_a.ids)],
        }
        earlier = Signal.create(dict(vals, name="Sportclub meldt", description="Trainer ziet geld"))
        new = Signal.create(dict(vals, name="School meldt", description="Mentor ziet verzuim"))
        self.start_tour(
            f"/odoo/action-don_signalen.don_signal_action/{new.id}",
            "don_signalen_handler_tour",
            login="t_kt_soc",
        )
        self.assertEqual(earlier.bundle_id, new)
        self.assertEqual(new.state, "done")
        self.assertEqual(new.outcome, "linked_case")
        self.assertEqual(new.case_id, self.case_a)
        self.assertEqual(earlier.state, "done")
        self.assertEqual(earlier.case_id, self.case_a)
