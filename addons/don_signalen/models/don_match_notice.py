# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonMatchNotice(models.Model):
    """The record of who was told what about a match, and when."""

    _name = "don.match.notice"
    _description = "Notice of a match"
    _order = "create_date desc, id desc"

    match_id = fields.Many2one("don.match", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    user_id = fields.Many2one("res.users", string="Told", required=True, ondelete="cascade")
    summary = fields.Text(string="What was told", required=True)
    create_date = fields.Datetime(string="When", readonly=True)
