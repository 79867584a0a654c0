# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

LINES = [
    ("preventie", "Preventie"),
    ("repressie", "Repressie"),
    ("hulpverlening", "Hulpverlening"),
]


class DonInterventionType(models.Model):
    """Catalogue of interventions in the three lines."""

    _name = "don.intervention.type"
    _description = "Intervention type"
    _order = "line, sequence, name"

    name = fields.Char(required=True, translate=True)
    line = fields.Selection(LINES, required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    default_partner_id = fields.Many2one(
        "res.partner",
        string="Usual provider",
        domain=[("is_company", "=", True)],
        help="The organisation that usually carries out this intervention.",
    )
    active = fields.Boolean(default=True)
