# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonNeighbourhood(models.Model):
    """A neighbourhood (wijk) of the municipality, used for locations and
    anonymised reporting."""

    _name = "don.neighbourhood"
    _description = "Neighbourhood"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(help="CBS wijkcode, e.g. WK026700.")
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A neighbourhood name must be unique per municipality.",
        ),
    ]
