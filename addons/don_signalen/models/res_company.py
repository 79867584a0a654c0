# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The public address of the reporting page as a reporter types it in a
# browser: https, a host name, an optional port and path; no user name,
# query, fragment, spaces or control characters (it is printed on paper
# and in QR codes handed to schools for years).
PUBLIC_URL_RE = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%-]*)?", re.ASCII)
HOST_RE = re.compile(
    r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}|localhost", re.ASCII
)


INTAKE_PATH = "/don/melden"


def normalize_public_url(value):
    """The address of the reporting page from what an administrator typed:
    stripped, without a trailing slash, ending in /don/melden (a server
    address alone gets the path of the page); None when it is not an
    address the reporting page can have."""
    value = (value or "").strip().rstrip("/")
    if not value or len(value) > 200 or not PUBLIC_URL_RE.fullmatch(value):
        return None
    parts = urlsplit(value)
    if not HOST_RE.fullmatch(parts.hostname or "") or "//" in parts.path:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    if port is not None and not 0 < port < 65536:
        return None
    if not value.endswith(INTAKE_PATH):
        value += INTAKE_PATH
    return value


class ResCompany(models.Model):
    _inherit = "res.company"

    don_signal_handler_id = fields.Many2one(
        "res.users",
        string="Default handler of signals",
        help="Handles the signals that come in through the web form and e-mail.",
    )
    don_signal_domain_id = fields.Many2one(
        "don.domain",
        string="Domain of incoming signals",
        help="Domain of the signals that come in through the web form and e-mail.",
    )
    don_intake_public_url = fields.Char(
        string="Public address of the reporting page",
        help="The address at which reporters reach the municipality's reporting page from "
        "the internet, for example https://meldpunt.gemeente.example/don/melden (a server "
        "address alone gets /don/melden added). It is "
        "printed on the signal cards and in their QR codes; the reporting links of the "
        "organisations are made from it.",
    )

    @api.constrains("don_intake_public_url")
    def _check_don_intake_public_url(self):
        for company in self:
            value = company.don_intake_public_url
            if value and normalize_public_url(value) != value:
                raise ValidationError(
                    _(
                        "The public address of the reporting page must be a complete https "
                        "address without spaces, question mark or #, for example "
                        "https://meldpunt.gemeente.example/don/melden."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._don_normalize_public_url(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._don_normalize_public_url(vals)
        return super().write(vals)

    @api.model
    def _don_normalize_public_url(self, vals):
        # A trailing slash or surrounding spaces are harmless typing: taken
        # off. Anything else that is not an address is refused above.
        value = vals.get("don_intake_public_url")
        if value and normalize_public_url(value):
            vals["don_intake_public_url"] = normalize_public_url(value)
        elif value is not None and not (value or "").strip():
            vals["don_intake_public_url"] = False

    def _don_intake_base_url(self):
        """The public address of the reporting page, or False."""
        self.ensure_one()
        return self.don_intake_public_url or False
