# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.don_core.tests.common import pdf_text
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonAwarenessCommon

PARTNER_REPORT = "don_bewustwording.action_report_partner_signal_card"
POCKET_REPORT = "don_bewustwording.action_report_partner_signal_card_pocket"
CARD_REPORT = "don_bewustwording.action_report_signal_card"
PUBLIC_URL = "https://meldpunt.bewustdorp.example/don/melden"


@tagged("post_install", "-at_install")
class TestSignalCardReport(DonAwarenessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.don_intake_public_url = PUBLIC_URL
        # personal data that exists around the club and must never be printed
        cls.youth = cls.env["don.youth"].create(
            {"name": "Noah Geheimhouding", "company_id": cls.company_a.id}
        )
        cls.training = cls._training(cls.club, "2025-06-01 17:00:00")
        cls.env["event.registration"].create(
            {
                "event_id": cls.training.id,
                "name": "Trainer Pietje Deelnemer",
                "email": "pietje@deelnemer.example",
            }
        ).action_set_done()
        cls.env["don.signal"].create(
            {
                "name": "Noah Geheimhouding seen with dealers",
                "description": "Noah Geheimhouding",
                "channel_id": cls.channel.id,
                "reporter_partner_id": cls.club.id,
                "domain_id": cls.domain_soc.id,
                "company_id": cls.company_a.id,
            }
        )

    def _html(self, report, records, user):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_company(self.company_a)
            ._render_qweb_html(report, records.ids)[0]
            .decode()
        )

    def assertNoPersonalData(self, html):
        for secret in (
            "Noah Geheimhouding",
            "Sanne Contactpersoon",
            "sanne.contact@vvtestvoorde.example",
            "06-12345678",
            "Trainer Pietje Deelnemer",
            "pietje@deelnemer.example",
            self.kt.name,
            self.pl.name,
        ):
            self.assertNotIn(secret, html)

    def test_organisation_card_has_qr_and_no_personal_data(self):
        for report in (PARTNER_REPORT, POCKET_REPORT):
            html = self._html(report, self.club, self.kt)
            url = self.club.with_company(self.company_a).don_intake_url
            self.assertTrue(url.startswith(f"{PUBLIC_URL}/"))
            self.assertIn("o_don_card_qr", html)
            # The QR code is in the document: wkhtmltopdf fetches nothing.
            self.assertIn('src="data:image/png;base64,', html)
            self.assertNotIn("/report/barcode", html)
            self.assertIn("VV Testvoorde", html)
            self.assertIn("0800-7000", html)
            self.assertIn(self.card_club.signal_line_ids[0].name, html)
            self.assertNoPersonalData(html)
            self.assertIn(url, html)

    def test_refused_without_public_address(self):
        """A card handed to a school carries the municipality's public
        reporting page, never the server's own address: without it, no card."""
        self.company_a.don_intake_public_url = False
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "http://localhost:8069")
        club = self.club.with_user(self.kt).with_company(self.company_a)
        for action in (club.action_don_print_signal_card, club.action_don_print_signal_card_pocket):
            with self.assertRaisesRegex(UserError, "public address"):
                action()
        with self.assertRaisesRegex(UserError, "public address"):
            self._html(PARTNER_REPORT, self.club, self.kt)
        # The audience card prints without a QR code (its routes are on it).
        html = self._html(CARD_REPORT, self.card_club, self.prof)
        self.assertNotIn('class="o_don_card_qr"', html)
        self.assertNotIn("localhost:8069/don", html)

    def test_organisation_without_link_is_refused(self):
        self.club.don_intake_token = False
        club = self.club.with_user(self.kt).with_company(self.company_a)
        with self.assertRaisesRegex(UserError, "no reporting link"):
            club.action_don_print_signal_card()

    def test_organisation_card_as_real_pdf(self):
        """The printed card (wkhtmltopdf): the organisation, the hotline and
        the signal lines, and no personal data."""
        text = pdf_text(self, PARTNER_REPORT, self.club, self.kt)
        self.assertIn("VV Testvoorde", text)
        self.assertIn(self.card_club.signal_line_ids[0].name, text)
        unbroken = "".join(text.split())  # lines of the PDF may break anywhere
        self.assertIn("0800-7000", unbroken)
        self.assertIn(self.club.with_company(self.company_a).don_intake_url, unbroken)
        self.assertNoPersonalData(text)

    def test_audience_card_has_qr_to_anonymous_page(self):
        html = self._html(CARD_REPORT, self.card_club, self.prof)
        self.assertIn('class="o_don_card_qr" alt="QR code" src="data:image/png;base64,', html)
        self.assertIn(PUBLIC_URL, html)
        self.assertNotIn(f"{PUBLIC_URL}/", html)  # no organisation's link
        self.assertIn("Meld Misdaad Anoniem", html)
        self.assertNoPersonalData(html)

    def test_reporting_link_only_for_kernteam_and_manager(self):
        self._html(PARTNER_REPORT, self.club, self.manager)
        with self.assertRaises(AccessError):
            self._html(PARTNER_REPORT, self.club, self.prof)
        with self.assertRaises(AccessError):
            self._html(CARD_REPORT, self.card_club, self.plain)

    def test_print_buttons(self):
        action = (
            self.club.with_user(self.kt).with_company(self.company_a).action_don_print_signal_card()
        )
        self.assertEqual(action["report_name"], "don_bewustwording.report_partner_signal_card")
        self.assertEqual(action["type"], "ir.actions.report")
        action = (
            self.training.with_user(self.kt)
            .with_company(self.company_a)
            .action_don_print_signal_card()
        )
        self.assertEqual(action["report_type"], "qweb-html")
