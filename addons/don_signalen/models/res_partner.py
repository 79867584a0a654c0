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
        help="The organisation's personal reporting link, made from the public address of the "
        "reporting page in the DON settings (empty while that address is not set).",
    )

    _sql_constraints = [
        (
            "don_intake_token_unique",
            "UNIQUE(don_intake_token)",
            "A reporting link key can belong to one organisation only.",
        ),
    ]

    @api.depends("don_intake_token", "company_id.don_intake_public_url")
    @api.depends_context("company")
    def _compute_don_intake_url(self):
        # Never the server's own address (web.base.url): a link handed to a
        # school must be the municipality's public reporting page.
        for partner in self:
            token = partner.don_intake_token
            base = partner._don_intake_company()._don_intake_base_url()
            partner.don_intake_url = f"{base}/{token}" if token and base else False

    def _don_intake_company(self):
        """The municipality that receives this organisation's reports."""
        self.ensure_one()
        # sudo: which municipality an organisation belongs to and its public
        # address are configuration, not personal data.
        return (self.company_id or self.env.company).sudo()

    def action_don_generate_intake_token(self):
        """Give the organisation a (new) personal reporting link; an old link
        stops working at once."""
        for partner in self:
            partner.don_intake_token = secrets.token_urlsafe(24)
        return True
