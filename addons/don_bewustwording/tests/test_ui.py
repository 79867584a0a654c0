# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBewustwordingTour(HttpCase):
    def test_campaign_training_attendance_signal_card(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        user = new_test_user(
            env,
            login="bew_tour_pl",
            groups="don_core.group_don_projectleider,don_core.group_domain_veiligheid",
            lang="en_US",
        )
        club = env["res.partner"].create(
            {"name": "VV Tourclub", "is_company": True, "don_org_type": "sportclub"}
        )
        club.action_don_generate_intake_token()
        user.company_id.don_intake_public_url = "https://meldpunt.tourdorp.example/don/melden"
        Card = env["don.signal.card"].with_company(user.company_id)
        for card in Card.search([("audience", "=", "sportclub"), ("state", "=", "published")]):
            card.state = "superseded"
        card = Card.create(
            {
                "name": "Tour signal card",
                "audience": "sportclub",
                "company_id": user.company_id.id,
                "line_ids": [
                    Command.create(
                        {"section": "route", "name": "Meld Misdaad Anoniem", "phone": "0800-7000"}
                    )
                ],
            }
        )
        card.action_load_catalogue()
        card.action_publish()

        self.start_tour("/odoo/don-campaigns", "don_bewustwording_tour", login="bew_tour_pl")

        campaign = env["don.campaign"].search([("name", "=", "Tour football campaign")])
        self.assertEqual(campaign.phase, "2")
        training = campaign.training_ids
        self.assertEqual(training.don_partner_id, club)
        self.assertEqual(training.registration_ids.mapped("state"), ["done"])
        self.assertTrue(training.don_held)
        self.assertEqual(training.don_card_id, card, "the current card is handed out")
        self.assertEqual(club.don_card_received_id, card)
        self.assertTrue(club.don_last_training_date)
        # the card the tour printed: the club's, with its QR code
        html = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html("don_bewustwording.action_report_partner_signal_card", club.ids)[0]
            .decode()
        )
        self.assertIn('class="o_don_card_qr" alt="QR code" src="data:image/png;base64,', html)
        self.assertIn("https://meldpunt.tourdorp.example/don/melden/", html)
        self.assertIn("VV Tourclub", html)
