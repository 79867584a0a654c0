# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _don_home_actions(self):
        # First: the mayor's role implies Professional, whose home is the cases.
        # The Driehoek role implies Rapportage: its members start on the
        # Driehoek meetings, not on the dashboard.
        return [
            ("don_bestuur.group_don_burgemeester", "don_bestuur.don_gezag_measure_action_mayor"),
            ("don_bestuur.group_don_driehoek", "don_bestuur.don_driehoek_meeting_action"),
            *super()._don_home_actions(),
        ]
