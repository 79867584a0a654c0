# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .don_intervention_type import LINES

HORIZONS = [
    ("short", "Short term"),
    ("middle", "Middle term"),
    ("long", "Long term"),
]


class DonProjectGoal(models.Model):
    """A goal of the DON project in one line and horizon, with an indicator,
    its target and the value measured."""

    _name = "don.project.goal"
    _description = "DON project goal"
    _order = "project_id, line, horizon, sequence, id"

    project_id = fields.Many2one("project.project", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Goal", required=True, translate=True)
    line = fields.Selection(LINES, required=True)
    horizon = fields.Selection(HORIZONS, required=True, default="short")
    indicator = fields.Char(required=True, translate=True)
    target_value = fields.Float(string="Target")
    measured_value = fields.Float(string="Measured")
    unit = fields.Char(help="E.g. 'signals per quarter', '%'.")
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    measured_on = fields.Date(string="Measured on")
    note = fields.Text()

    @api.depends("target_value", "measured_value")
    def _compute_progress(self):
        for goal in self:
            goal.progress = (
                min(100.0, 100.0 * goal.measured_value / goal.target_value)
                if goal.target_value
                else 0.0
            )
