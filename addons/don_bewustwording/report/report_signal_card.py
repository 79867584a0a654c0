# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from werkzeug.urls import url_encode

from odoo import api, models

# Pixels of the QR code image: sharp when printed at 35 mm (A4) or 22 mm
# (pocket card) and read by every phone camera.
QR_PIXELS = 600
# The municipality's colour when it has none, and the text colour used
# instead of a colour too light to read on white (black-and-white print).
DEFAULT_COLOUR = "#1f4e79"
DARK_TEXT = "#1a1a1a"


def qr_data_uri(env, value):
    """A QR code of ``value`` as a PNG data URI: made here (reportlab, the
    barcode generator of Odoo's /report/barcode), so wkhtmltopdf never has
    to fetch it over HTTP. Error correction M survives a folded card."""
    png = env["ir.actions.report"].barcode(
        "QR", value, width=QR_PIXELS, height=QR_PIXELS, quiet=0, barLevel="M"
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def card_url(base, card, token=None):
    """The reporting page of ``card``: the organisation's own link (with
    ``token``) or the anonymous page, with the card's audience and
    categories chosen (see don_signalen's intake controller)."""
    categories = card.signal_line_ids.indicator_id.category_id.sorted()
    query = {"doelgroep": card.audience}
    if categories:
        query["categorie"] = ",".join(str(c.id) for c in categories)
    path = f"{base}/{token}" if token else base
    return f"{path}?{url_encode(query)}"


def _luminance(colour):
    try:
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except (TypeError, ValueError, IndexError):
        return 0.0
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def card_style(company):
    """The municipality's colours for the card, readable in black and
    white: a colour lighter than mid-grey is used for lines only, the
    headings are then printed in near-black."""
    colour = company.primary_color or DEFAULT_COLOUR
    if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
        colour = DEFAULT_COLOUR
    accent = company.secondary_color or colour
    if not (isinstance(accent, str) and len(accent) == 7 and accent.startswith("#")):
        accent = colour
    return {
        "colour": colour,
        "accent": accent,
        "heading": colour if _luminance(colour) < 0.45 else DARK_TEXT,
        "logo": company.logo,
    }


def signal_columns(card):
    """The signals of ``card`` per group, in two columns of about the same
    number of lines (a table prints the same in every wkhtmltopdf)."""
    groups = []
    for line in card.signal_line_ids:
        if groups and groups[-1][0] == line.group_name:
            groups[-1][1].append(line)
        else:
            groups.append((line.group_name, [line]))
    total = sum(len(lines) + 1 for _name, lines in groups)
    left, right, count = [], [], 0
    for group in groups:
        (left if count < total / 2 else right).append(group)
        count += len(group[1]) + 1
    return left, right


class ReportSignalCard(models.AbstractModel):
    """A signal card version printed for its audience: with a QR code to the
    anonymous reporting page when the municipality set its public address."""

    _name = "report.don_bewustwording.report_signal_card"
    _description = "Signal card (A4)"
    _size = "a4"

    @api.model
    def _item(self, card, partner=False, url=False):
        return {
            "card": card,
            "partner": partner,
            "url": url and url.split("?", 1)[0],
            "qr_src": url and qr_data_uri(self.env, url),
            "style": card_style(card.company_id),
            "signal_columns": signal_columns(card),
        }

    @api.model
    def _values(self, docids, doc_model, docs, items):
        return {
            "doc_ids": docids,
            "doc_model": doc_model,
            "docs": docs,
            "size": self._size,
            "items": items,
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        cards = self.env["don.signal.card"].browse(docids)
        cards.check_access("read")
        items = []
        for card in cards:
            # sudo: the public address of the reporting page is configuration.
            base = card.company_id.sudo()._don_intake_base_url()
            items.append(self._item(card, url=base and card_url(base, card)))
        return self._values(docids, "don.signal.card", cards, items)


class ReportSignalCardPocket(models.AbstractModel):
    _name = "report.don_bewustwording.report_signal_card_pocket"
    _inherit = "report.don_bewustwording.report_signal_card"
    _description = "Signal card (pocket size)"
    _size = "pocket"


class ReportPartnerSignalCard(models.AbstractModel):
    """The current signal card of an organisation's audience with a QR code
    to the organisation's personal reporting link on the municipality's
    public reporting page. Only the organisation's name and link are
    printed: no contact persons, no personal data."""

    _name = "report.don_bewustwording.report_partner_signal_card"
    _inherit = "report.don_bewustwording.report_signal_card"
    _description = "Signal card of an organisation (A4)"
    _size = "a4"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids)
        items = []
        for partner in partners:
            partner._don_check_signal_card_printable()
            card = partner._don_current_signal_card()
            # reading the reporting link needs DON-beheerder or Kernteamlid
            # (field groups): an AccessError here is intended for others.
            token = partner.don_intake_token
            base = partner._don_intake_company()._don_intake_base_url()
            items.append(self._item(card, partner, card_url(base, card, token)))
        return self._values(docids, "res.partner", partners, items)


class ReportPartnerSignalCardPocket(models.AbstractModel):
    _name = "report.don_bewustwording.report_partner_signal_card_pocket"
    _inherit = "report.don_bewustwording.report_partner_signal_card"
    _description = "Signal card of an organisation (pocket size)"
    _size = "pocket"
