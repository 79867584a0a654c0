# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.urls import url_encode

from odoo import _, api, models
from odoo.exceptions import UserError

QR_SIZE = {"a4": 240, "pocket": 180}


def qr_src(value, size):
    """The URL of Odoo's barcode route rendering value as a QR code."""
    return "/report/barcode/?" + url_encode(
        {"barcode_type": "QR", "value": value, "width": size, "height": size, "quiet": 0}
    )


class ReportSignalCard(models.AbstractModel):
    """A signal card version printed for its audience, without a QR code."""

    _name = "report.don_bewustwording.report_signal_card"
    _description = "Signal card (A4)"
    _size = "a4"

    @api.model
    def _get_report_values(self, docids, data=None):
        cards = self.env["don.signal.card"].browse(docids)
        cards.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "don.signal.card",
            "docs": cards,
            "size": self._size,
            "items": [
                {"card": card, "partner": False, "qr_src": False, "url": False} for card in cards
            ],
        }


class ReportSignalCardPocket(models.AbstractModel):
    _name = "report.don_bewustwording.report_signal_card_pocket"
    _inherit = "report.don_bewustwording.report_signal_card"
    _description = "Signal card (pocket size)"
    _size = "pocket"


class ReportPartnerSignalCard(models.AbstractModel):
    """The current signal card of an organisation's audience with a QR code
    to the organisation's personal reporting link. Only the organisation's
    name and link are printed: no contact persons, no personal data."""

    _name = "report.don_bewustwording.report_partner_signal_card"
    _description = "Signal card of an organisation (A4)"
    _size = "a4"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids)
        items = []
        for partner in partners:
            card = partner._don_current_signal_card()
            if not card:
                raise UserError(
                    _("There is no published signal card for %s yet.", partner.display_name)
                )
            # reading the reporting link needs DON-beheerder or Kernteamlid
            # (field groups): an AccessError here is intended for others.
            url = partner.don_intake_url
            items.append(
                {
                    "card": card,
                    "partner": partner,
                    "url": url,
                    "qr_src": url and qr_src(url, QR_SIZE[self._size]),
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "size": self._size,
            "items": items,
        }


class ReportPartnerSignalCardPocket(models.AbstractModel):
    _name = "report.don_bewustwording.report_partner_signal_card_pocket"
    _inherit = "report.don_bewustwording.report_partner_signal_card"
    _description = "Signal card of an organisation (pocket size)"
    _size = "pocket"
