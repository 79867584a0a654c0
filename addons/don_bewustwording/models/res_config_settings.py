# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

REFRESHER_PARAM = "don_bewustwording.refresher_months"
WINDOW_PARAM = "don_bewustwording.effect_window_months"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    don_refresher_months = fields.Integer(
        string="Refresher interval (months)",
        config_parameter=REFRESHER_PARAM,
        default=12,
        help="Default number of months after the last training before an "
        "organisation is due for a refresher.",
    )
    don_effect_window_months = fields.Integer(
        string="Effect window (months)",
        config_parameter=WINDOW_PARAM,
        default=6,
        help="Signals are counted in windows of this many months before and "
        "after an organisation's first training.",
    )

    def set_values(self):
        old = self.env["res.partner"]._don_default_refresher_months()
        res = super().set_values()
        if self.env["res.partner"]._don_default_refresher_months() != old:
            # next due dates of organisations on the default interval change
            partners = self.env["res.partner"].search(
                [("don_last_training_date", "!=", False), ("don_refresher_months", "=", 0)]
            )
            self.env.add_to_compute(partners._fields["don_next_training_date"], partners)
        return res
