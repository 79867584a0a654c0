# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.addons.don_core.tests.common import DonTestCommon


class SignalTestCommon(DonTestCommon):
    """Signals of several domains and sharing levels on top of the don_core
    test population."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_a.write(
            {"don_signal_handler_id": cls.kt_vei.id, "don_signal_domain_id": cls.dom_vei.id}
        )
        cls.ch_school = env.ref("don_signalen.channel_school")
        cls.ch_police = env.ref("don_signalen.channel_politie")
        cls.ch_anon = env.ref("don_signalen.channel_web_anoniem")
        cls.category = env["don.signal.category"].create({"name": "Test behaviour"})
        cls.indicator = env["don.indicator"].create(
            {"name": "Test often truant", "category_id": cls.category.id}
        )
        cls.hood = env["don.neighbourhood"].create(
            {"name": "Stationskwartier", "company_id": cls.company_a.id}
        )
        cls.school = env["res.partner"].create(
            {"name": "Testcollege", "is_company": True, "email": "zorg@testcollege.example"}
        )
        Signal = (
            env["don.signal"].with_company(cls.company_a).with_context(don_signal_no_feedback=True)
        )
        cls.sig_pol = Signal.create(
            {
                "name": "Politie: jongen bij dealpand",
                "description": "POLITIE-SIGNAAL jongen gezien bij bekend dealpand",
                "channel_id": cls.ch_police.id,
                "reporter_type": "person",
                "reporter_name": "Wijkagent",
                "domain_id": cls.dom_pol.id,
                "author_id": cls.kt_pol.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.sig_soc = Signal.create(
            {
                "name": "School: verzuim",
                "description": "ZORG-SIGNAAL leerling verzuimt vaak en heeft dure kleding",
                "channel_id": cls.ch_school.id,
                "reporter_partner_id": cls.school.id,
                "reporter_email": "mentor@testcollege.example",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.prof_soc.id,
                "handler_id": cls.kt_soc.id,
                "company_id": cls.company_a.id,
                "youth_ids": [Command.set(cls.youth_b.ids)],
            }
        )
        cls.sig_kt = Signal.create(
            {
                "name": "Kernteam: groep bij station",
                "description": "Groep jongeren benadert kinderen bij het station",
                "channel_id": cls.ch_police.id,
                "reporter_type": "person",
                "reporter_name": "Boa",
                "domain_id": cls.dom_vei.id,
                "sharing_level": "kernteam",
                "legal_basis_id": cls.basis.id,
                "author_id": cls.kt_vei.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.sig_case = Signal.create(
            {
                "name": "Zorg: signaal op casus A",
                "description": "Moeder maakt zich zorgen over nieuwe vrienden",
                "channel_id": cls.ch_school.id,
                "reporter_partner_id": cls.school.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
                "case_id": cls.case_a.id,
                "company_id": cls.company_a.id,
                "youth_ids": [Command.set(cls.youth_a.ids)],
            }
        )
        cls.sig_z = (
            env["don.signal"]
            .with_company(cls.company_b)
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "Andersveen signaal",
                    "description": "ANDERSVEEN-SIGNAAL",
                    "channel_id": cls.ch_police.id,
                    "reporter_type": "person",
                    "reporter_name": "Agent",
                    "domain_id": cls.dom_vei.id,
                    "sharing_level": "kernteam",
                    "legal_basis_id": cls.basis.id,
                    "author_id": cls.kt_b.id,
                    "company_id": cls.company_b.id,
                }
            )
        )
        cls.kernteam = cls.pl | cls.kt_vei | cls.kt_soc | cls.kt_pol | cls.kt_om


class SignalLogCommon(SignalTestCommon):
    """Signals and the access log entries a test writes (new_logs)."""

    def setUp(self):
        super().setUp()
        self.Log = self.env["don.access.log"]
        self.last = self.Log.search([], limit=1).id or 0

    def new_logs(self):
        return self.Log.search([("id", ">", self.last)])
