# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
