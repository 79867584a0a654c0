# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

LIFE_AREAS = [
    ("individual", "Individual"),
    ("home", "Home and family"),
    ("school", "School and work"),
    ("friends", "Friends"),
    ("leisure", "Club and leisure"),
    ("neighbourhood", "Neighbourhood"),
]


class DonFactor(models.Model):
    """Catalogue of risk and protective factors, grouped by life area."""

    _name = "don.factor"
    _description = "Risk or protective factor"
    _order = "life_area, kind, sequence, name"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("risk", "Risk factor"), ("protective", "Protective factor")],
        required=True,
        default="risk",
    )
    life_area = fields.Selection(LIFE_AREAS, required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
