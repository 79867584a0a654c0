# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DonLegalBasis(models.Model):
    """Register of the legal bases (convenant articles, laws) that allow
    sharing personal information with the Kernteam."""

    _name = "don.legal.basis"
    _description = "DON legal basis"
    _order = "sequence, name"
    # Found by typing the law or covenant ("Wet politiegegevens") or the article.
    _rec_names_search = ["name", "convenant", "article"]

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    convenant = fields.Char(help="The covenant or law, e.g. 'Convenant Zorg- en Veiligheidshuis'.")
    article = fields.Char(help="Article, e.g. 'art. 7 lid 2'.")
    purpose = fields.Text(required=True, translate=True, help="The purpose the sharing serves.")
    data_categories = fields.Text(
        translate=True, help="Categories of personal data this basis covers."
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        help="Leave empty for a basis that applies to every municipality.",
    )
    active = fields.Boolean(default=True)

    @api.depends("name", "article")
    def _compute_display_name(self):
        for basis in self:
            basis.display_name = f"{basis.name} ({basis.article})" if basis.article else basis.name
