# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProjectProject(models.Model):
    """The DON approach as a project: goals per line and horizon."""

    _inherit = "project.project"

    is_don_project = fields.Boolean(
        string="DON approach",
        help="This project runs the DON approach: its tasks are the Kernteam's actions.",
    )
    don_goal_ids = fields.One2many("don.project.goal", "project_id", string="DON goals")
