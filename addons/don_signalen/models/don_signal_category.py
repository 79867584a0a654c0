# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonSignalCategory(models.Model):
    """Category of signals and of the indicators on the signal cards."""

    _name = "don.signal.category"
    _description = "Signal category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    indicator_ids = fields.One2many("don.indicator", "category_id", string="Indicators")
    active = fields.Boolean(default=True)
