# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.don_core.models.don_intervention_type import LINES
from odoo.addons.don_core.models.don_project_goal import HORIZONS
from odoo.tools import SQL


class DonReportGoal(models.Model):
    """Goals and indicators of the DON projects: target, measured value and
    progress. No counts of persons, no free text."""

    _name = "don.report.goal"
    _description = "DON report: goals and indicators"
    _auto = False
    _depends = {
        "don.project.goal": ["project_id", "line", "horizon", "target_value", "measured_value"],
        "project.project": ["company_id", "is_don_project", "active"],
    }
    _order = "project_id, line, horizon, id"

    goal_id = fields.Many2one("don.project.goal", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", string="Municipality", readonly=True)
    line = fields.Selection(LINES, readonly=True)
    horizon = fields.Selection(HORIZONS, readonly=True)
    target_value = fields.Float(string="Target", readonly=True, aggregator="sum")
    measured_value = fields.Float(string="Measured", readonly=True, aggregator="sum")
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")
    measured_on = fields.Date(readonly=True)

    def init(self):
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
                self._don_progress_sql("g"),
            )
        )

    def _don_progress_sql(self, alias):
        """Progress of a goal row ``alias`` in percent (extended by
        don_bestuur with direction and baseline)."""
        return SQL(
            "CASE WHEN COALESCE(%(g)s.target_value, 0) = 0 THEN 0"
            " ELSE LEAST(100.0, 100.0 * COALESCE(%(g)s.measured_value, 0)"
            " / %(g)s.target_value) END",
            g=SQL.identifier(alias),
        )
