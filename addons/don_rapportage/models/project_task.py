# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProjectTask(models.Model):
    """Follow-up actions of an evaluation are tasks of the DON project."""

    _inherit = "project.task"

    don_evaluation_id = fields.Many2one(
        "don.evaluation", string="Evaluation", index=True, ondelete="set null", copy=False
    )
