# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    don_intake_token = fields.Char(
        string="Reporting link key",
        copy=False,
        index="btree_not_null",
        groups="don_core.group_don_manager,don_core.group_don_kernteam",
        help="Secret part of the organisation's personal reporting link.",
    )
    don_intake_channel_id = fields.Many2one(
        "don.signal.channel",
        string="Channel of web reports",
        groups="don_core.group_don_manager,don_core.group_don_kernteam",
        help="Channel of the signals this organisation reports through its link.",
    )
    don_intake_url = fields.Char(
        string="Reporting link",
        compute="_compute_don_intake_url",
        groups="don_core.group_don_manager,don_core.group_don_kernteam",
    )

    _sql_constraints = [
        (
            "don_intake_token_unique",
            "UNIQUE(don_intake_token)",
            "A reporting link key can belong to one organisation only.",
        ),
    ]

    @api.depends("don_intake_token")
    def _compute_don_intake_url(self):
        # sudo: the public base URL is configuration, not personal data.
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for partner in self:
            token = partner.don_intake_token
            partner.don_intake_url = f"{base}/don/melden/{token}" if token else False

    def action_don_generate_intake_token(self):
        """Give the organisation a (new) personal reporting link; an old link
        stops working at once."""
        for partner in self:
            partner.don_intake_token = secrets.token_urlsafe(24)
        return True
