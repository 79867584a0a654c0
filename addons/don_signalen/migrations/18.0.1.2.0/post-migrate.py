# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the reporting links and the signal cards' QR codes are made
from the municipality's public address of the reporting page, no longer from
the server's own address (web.base.url). A server already reached over https
keeps its links: that address becomes the public one of every municipality
that has none; an http address (a test or internal server) is not taken, and
its cards are refused until a DON administrator sets the address."""

from odoo import SUPERUSER_ID, api
from odoo.addons.don_signalen.models.res_company import normalize_public_url


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    base = normalize_public_url(env["ir.config_parameter"].get_param("web.base.url", ""))
    if base:
        env["res.company"].search([("don_intake_public_url", "=", False)]).write(
            {"don_intake_public_url": base}
        )
