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


@tagged("post_install", "-at_install", "don_ui")
class TestNewCaseTour(HttpCase, SignalTestCommon):
    def test_signal_to_new_case_without_retyping(self):
        self.kt_soc.password = "t_kt_soc_pw"
        self.school.don_org_type = "school"
        signal = (
            self.env["don.signal"]
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "School: leerling met twee telefoons",
                    "description": "Mentor ziet dure kleding en twee telefoons",
                    "youth_description": "Daan, 15 jaar",
                    "channel_id": self.ch_school.id,
                    "reporter_partner_id": self.school.id,
                    "domain_id": self.dom_soc.id,
                    "author_id": self.kt_soc.id,
                    "handler_id": self.kt_soc.id,
                    "neighbourhood_id": self.hood.id,
                    "company_id": self.company_a.id,
                }
            )
        )
        self.start_tour(
            f"/odoo/action-don_signalen.don_signal_action/{signal.id}",
            "don_signalen_new_case_tour",
            login="t_kt_soc",
        )
        case = signal.case_id
        self.assertEqual(signal.outcome, "new_case")
        self.assertEqual(case.youth_id.name, "Daan")
        self.assertEqual(case.youth_id.school_id, self.school)
        self.assertEqual(case.youth_id.neighbourhood_id, self.hood)
        self.assertEqual(case.director_id, self.kt_soc)
        self.assertEqual(case.lead_domain_id, self.dom_soc)
        self.assertIn(self.prof_soc, case.involved_user_ids)
