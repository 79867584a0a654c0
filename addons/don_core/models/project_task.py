# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .don_intervention_type import LINES


class ProjectTask(models.Model):
    """Kernteam actions are tasks of the DON project, linked to the agenda
    item that decided them and to the case they concern."""

    _inherit = "project.task"

    don_agenda_item_id = fields.Many2one(
        "don.agenda.item", string="Agenda item", index=True, ondelete="set null", copy=False
    )
    don_case_id = fields.Many2one(
        "don.case", string="Case", index=True, ondelete="restrict", copy=False
    )
    don_group_id = fields.Many2one(
        "don.group", string="Group", index="btree_not_null", ondelete="restrict", copy=False
    )
    don_line = fields.Selection(LINES, string="Line")
    don_contact_id = fields.Many2one(
        "res.partner",
        string="External owner",
        domain="[('id', 'in', don_shell_partner_ids)]",
        help="A professional of the flexible shell who carries out the action.",
    )
    don_shell_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_don_shell_partner_ids",
        string="Flexible shell",
        help="Technical: the flexible shell of the Kernteam that decided the action.",
    )

    @api.depends("don_agenda_item_id", "project_id")
    def _compute_don_shell_partner_ids(self):
        for task in self:
            team = task.don_agenda_item_id.meeting_id.kernteam_id
            if not team and task.project_id:
                team = self.env["don.kernteam"].search(
                    [("project_id", "=", task.project_id.id)], limit=1
                )
            task.don_shell_partner_ids = team.shell_partner_ids | task.don_contact_id

    @api.constrains("don_case_id", "don_agenda_item_id")
    def _check_don_case(self):
        for task in self:
            item_case = task.don_agenda_item_id.case_id
            if item_case and task.don_case_id and item_case != task.don_case_id:
                raise ValidationError(_("The action concerns another case than its agenda item."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("don_agenda_item_id"):
                item = self.env["don.agenda.item"].browse(vals["don_agenda_item_id"])
                for field, value in (
                    ("don_case_id", item.case_id),
                    ("don_group_id", item.group_id),
                ):
                    if not vals.get(field):
                        vals[field] = value.id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Privacy lifecycle (see don.privacy): actions of a case
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        self.env["don.privacy"]._purge_traces(self)
        if mode == "delete":
            self.unlink()
        else:
            self.write({"name": _("Action (anonymised)"), "description": False})

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            ["name", "description", "date_deadline", "stage_id", "user_ids", "don_line"],
        )
