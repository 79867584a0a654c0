# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    don_require_2fa = fields.Boolean(related="company_id.don_require_2fa", readonly=False)
    don_access_review_threshold = fields.Integer(
        related="company_id.don_access_review_threshold", readonly=False
    )
    don_om_need_to_know = fields.Boolean(related="company_id.don_om_need_to_know", readonly=False)
    don_om_period_days = fields.Integer(related="company_id.don_om_period_days", readonly=False)
    don_emergency_access = fields.Boolean(related="company_id.don_emergency_access", readonly=False)
    don_emergency_hours = fields.Integer(related="company_id.don_emergency_hours", readonly=False)
    don_access_burst = fields.Integer(related="company_id.don_access_burst", readonly=False)
