# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MEASURE_KINDS = [
    ("mayor_talk", "Talk with the mayor (burgemeestersgesprek)"),
    ("authority_talk", "Authority talk with the Public Prosecutor (gezagsgesprek)"),
    ("warning", "Administrative warning (bestuurlijke waarschuwing)"),
    ("area_ban", "Area ban (gebiedsverbod)"),
    ("other", "Other measure"),
]


class DonGezagMeasureType(models.Model):
    """A kind of measure the mayor decides on ("met gezag"): the national
    ones and the municipality's own list."""

    _name = "don.gezag.measure.type"
    _description = "Type of mayor's measure"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(MEASURE_KINDS, required=True, default="other")
    legal_ground = fields.Char(
        string="Default legal ground",
        translate=True,
        help="Proposed as the legal ground of a new measure of this type.",
    )
    letter_text = fields.Html(
        translate=True,
        help="The body of the letter to the young person and their parents.",
    )
    needs_area = fields.Boolean(
        string="Area and period", help="The measure applies to an area during a period."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        help="Leave empty for a type every municipality uses.",
    )
