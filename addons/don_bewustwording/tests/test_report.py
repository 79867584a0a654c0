# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.urls import url_quote_plus

from odoo.addons.don_core.tests.common import pdf_text
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonAwarenessCommon

PARTNER_REPORT = "don_bewustwording.action_report_partner_signal_card"
POCKET_REPORT = "don_bewustwording.action_report_partner_signal_card_pocket"
CARD_REPORT = "don_bewustwording.action_report_signal_card"


@tagged("post_install", "-at_install")
class TestSignalCardReport(DonAwarenessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
            url = self.club.don_intake_url
            self.assertIn("/don/melden/", url)
            self.assertIn("o_don_card_qr", html)
            self.assertIn("/report/barcode/?barcode_type=QR", html)
            self.assertIn(url_quote_plus(url, safe=""), html.replace("&amp;", "&"))
            self.assertIn("VV Testvoorde", html)
            self.assertIn("0800-7000", html)
            self.assertIn(self.card_club.signal_line_ids[0].name, html)
            self.assertNoPersonalData(html)
        self.assertIn(url, self._html(PARTNER_REPORT, self.club, self.kt))

    def test_organisation_card_as_real_pdf(self):
        """The printed card (wkhtmltopdf): the organisation, the hotline and
        the signal lines, and no personal data."""
        text = pdf_text(self, PARTNER_REPORT, self.club, self.kt)
        self.assertIn("VV Testvoorde", text)
        self.assertIn(self.card_club.signal_line_ids[0].name, text)
        unbroken = "".join(text.split())  # lines of the PDF may break anywhere
        self.assertIn("0800-7000", unbroken)
        self.assertIn(self.club.don_intake_url, unbroken)
        self.assertNoPersonalData(text)

    def test_audience_card_has_no_qr(self):
        html = self._html(CARD_REPORT, self.card_club, self.prof)
        self.assertNotIn("barcode", html)
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
