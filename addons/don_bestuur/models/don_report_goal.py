# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL

from .don_project_goal import goal_progress_sql


class DonReportGoal(models.Model):
    _inherit = "don.report.goal"

    def init(self):
        # The report of goals computes progress like the goal itself: with
        # its direction (lower is better) and baseline.
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT g.id, g.id AS goal_id, g.project_id, p.company_id, g.line, g.horizon,
                           g.target_value, g.measured_value, g.measured_on,
                           %s AS progress
                      FROM don_project_goal g
                      JOIN project_project p ON p.id = g.project_id
                     WHERE p.is_don_project AND p.active
                )
                """,
                SQL.identifier(self._table),
                goal_progress_sql("g"),
            )
        )
