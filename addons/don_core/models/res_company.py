# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    don_require_2fa = fields.Boolean(
        string="DON: two-factor authentication required",
        default=True,
        help="Users with a DON role that gives access to personal data (professional, "
        "Kernteamlid, projectleider, privacy officer) can only open DON data after "
        "enabling two-factor authentication.",
    )
    don_access_review_threshold = fields.Integer(
        string="DON: unusual access threshold",
        default=10,
        help="The weekly access-log review reports users who opened at least this many "
        "different files they were not involved in during the past week.",
    )

    def write(self, vals):
        result = super().write(vals)
        if {"don_require_2fa", "user_ids"} & set(vals):
            # The strong-login gate is cached per user (res.users._don_2fa_missing).
            self.env.registry.clear_cache()
        return result
