# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .don_project_goal import goal_progress_sql


class DonReportGoal(models.Model):
    _inherit = "don.report.goal"

    def _don_progress_sql(self, alias):
        # The report of goals computes progress like the goal itself: with
        # its direction (lower is better) and baseline.
        return goal_progress_sql(alias)
