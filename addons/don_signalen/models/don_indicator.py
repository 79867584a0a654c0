# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonIndicator(models.Model):
    """An indicator of the signal cards: a possible signal of recruitment into
    drug crime. One catalogue, used by the intake of signals and printed on the
    signal cards of don_bewustwording."""

    _name = "don.indicator"
    _description = "Signal indicator"
    _order = "category_sequence, sequence, name"

    name = fields.Char(required=True, translate=True)
    category_id = fields.Many2one(
        "don.signal.category", required=True, ondelete="restrict", index=True
    )
    category_sequence = fields.Integer(
        string="Category sequence", related="category_id.sequence", store=True
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="Explanation printed on the signal card.")
    audience_internal = fields.Boolean(string="Internal teams", default=True)
    audience_school = fields.Boolean(string="Schools", default=True)
    audience_sportclub = fields.Boolean(string="Sports clubs", default=True)
    audience_parents = fields.Boolean(string="Parents", default=True)
    active = fields.Boolean(default=True)
