# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonMatchParticipant(models.Model):
    """A domain in a match and whom to contact there, since when. Nothing of
    the information it holds: no link to the record itself."""

    _name = "don.match.participant"
    _description = "Domain in a match"
    _order = "date_first, id"

    match_id = fields.Many2one("don.match", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    domain_id = fields.Many2one("don.domain", required=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Contact", required=True, ondelete="cascade")
    date_first = fields.Date(string="Since", required=True)
    told_date = fields.Datetime(string="Told on", readonly=True, index="btree_not_null", copy=False)
