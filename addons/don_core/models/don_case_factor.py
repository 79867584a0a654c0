# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonCaseFactor(models.Model):
    """A risk or protective factor observed in a case, from the catalogue."""

    _name = "don.case.factor"
    _inherit = ["don.shared.mixin"]
    _description = "Case risk or protective factor"
    _order = "life_area, kind, date desc, id"

    _don_users_relation = ("don_case_factor_user_rel", "factor_line_id", "user_id")
    _don_privacy_fields = ("explanation",)

    case_id = fields.Many2one(required=True)
    factor_id = fields.Many2one("don.factor", required=True, ondelete="restrict")
    kind = fields.Selection(related="factor_id.kind", store=True)
    life_area = fields.Selection(related="factor_id.life_area", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    assessment = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        string="Weight",
        required=True,
        default="medium",
    )
    explanation = fields.Text()

    def _don_label(self):
        return self.factor_id.name or ""

    user_ids = fields.Many2many(
        "res.users",
        "don_case_factor_user_rel",
        "factor_line_id",
        "user_id",
        string="Explicitly involved",
    )
