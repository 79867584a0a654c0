# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Kernteam meeting on a phone (390 px): the agenda and meeting mode."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestMeetingPhoneTour(HttpCase, DonTestCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_meeting_on_a_phone(self):
        team = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Telefoondorp",
                "company_id": self.company_a.id,
                "member_ids": [
                    Command.create({"user_id": self.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": self.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        # Many invited, with long names, and guests of the flexible shell:
        # their tags must wrap on the phone.
        many = self.env["res.users"]
        for index, name in enumerate(
            [
                "Annemarie van Oostenbrugge-Hoogendijk",
                "Mohammed El Bouzidi-Vermeulen",
                "Geertruida Wilhelmina Schimmelpenninck",
                "Jan-Willem de Vries van Bergen",
                "Fatima-Zahra Benali-Oudshoorn",
                "Bartholomeus Cornelis Verschuuren",
                "Esmeralda van der Heijden-Kwakernaak",
                "Pieter-Jan Hoogstraten van Aalst",
            ]
        ):
            many |= self.env["res.users"].create(
                {
                    "name": name,
                    "login": f"t_phone_{index}",
                    "email": f"t_phone_{index}@testdorp.example",
                    "company_id": self.company_a.id,
                    "company_ids": [Command.set(self.company_a.ids)],
                    "groups_id": [
                        Command.set(
                            [
                                self.env.ref("don_core.group_don_kernteam").id,
                                self.env.ref("don_core.group_domain_sociaal").id,
                            ]
                        )
                    ],
                }
            )
        guests = self.env["res.partner"].create(
            [
                {"name": "Jongerenwerk Stichting Welzijn Telefoondorp en Omstreken"},
                {"name": "Leerplicht Regionaal Bureau Voortijdig Schoolverlaten"},
                {"name": "Wijkteam Noord-Oost Centrum en Stationskwartier"},
            ]
        )
        previous = self.env["don.meeting"].create(
            {"kernteam_id": team.id, "date": fields.Datetime.now() - timedelta(days=7)}
        )
        previous.state = "held"
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": team.id,
                "date": fields.Datetime.now() + timedelta(days=1),
                "location": "Raadzaal",
                "attendee_ids": [Command.set((self.pl | self.kt_soc | many).ids)],
                "guest_partner_ids": [Command.set(guests.ids)],
            }
        )
        self.env["don.case.note"].create(
            {"case_id": self.case_a.id, "name": "Nieuw", "body": "x", "domain_id": self.dom_soc.id}
        )
        self.env["don.agenda.item"].create(
            {"meeting_id": meeting.id, "kind": "general", "name": "Rondvraag", "phase": "evaluatie"}
        )
        # The fixtures' signals of several domains about one young person are
        # a match between domains (don_signalen), which the agenda would
        # propose first: closed here, the tour is about the case items.
        if "don.match" in self.env:
            self.env["don.match"].search([("state", "=", "open")])._don_close("Tour")
        self.start_tour(
            f"/odoo/action-don_core.don_meeting_action?cids={self.company_a.id}",
            "don_meeting_phone_tour",
            login="t_pl",
        )
        item = meeting.agenda_item_ids.filtered(lambda i: i.case_id == self.case_a)
        self.assertEqual(item.state, "decided")
        self.assertIn("station", item.discussion)
        self.assertEqual(item.decision, "Gesprek met de ouders")
