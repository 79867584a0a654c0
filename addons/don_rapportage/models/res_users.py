# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _don_home_actions(self):
        return [
            *super()._don_home_actions(),
            ("don_core.group_don_reporting", "don_rapportage.don_report_dashboard_action_open"),
        ]
