# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProjectTask(models.Model):
    """An action decided on a signal item follows the signal into the case
    it becomes (see don.signal.write)."""

    _inherit = "project.task"

    don_signal_id = fields.Many2one(
        "don.signal", string="Signal", index="btree_not_null", ondelete="set null", copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("don_agenda_item_id") and not vals.get("don_signal_id"):
                item = self.env["don.agenda.item"].browse(vals["don_agenda_item_id"])
                vals["don_signal_id"] = item.signal_id.id
        tasks = super().create(vals_list)
        for task in tasks.filtered(lambda t: t.don_signal_id and not t.don_case_id):
            # The signal was linked to a case before the action was added.
            case = task.don_signal_id._filtered_access("read").case_id
            if case and case._filtered_access("read"):
                task.don_case_id = case
        return tasks
