# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class DonEvaluation(models.Model):
    """An evaluation moment of the DON approach: continuous (e.g. after a
    quarter) or the yearly evaluation, led by someone outside the Kernteam.
    Follow-up actions are tasks of the DON project."""

    _name = "don.evaluation"
    _inherit = ["mail.thread"]
    _description = "DON evaluation"
    _order = "date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(
        [("continuous", "Continuous evaluation"), ("yearly", "Yearly evaluation")],
        required=True,
        default="continuous",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    project_id = fields.Many2one(
        "project.project",
        string="DON project",
        domain="[('is_don_project', '=', True), ('company_id', 'in', [company_id, False])]",
        help="The follow-up actions are created as tasks of this project.",
    )
    evaluator_partner_id = fields.Many2one(
        "res.partner",
        string="Evaluator",
        help="Who leads the evaluation. The yearly evaluation is led by someone outside the "
        "Kernteam.",
    )
    evaluator_user_id = fields.Many2one("res.users", string="Evaluator (user)")
    findings = fields.Html()
    what_works = fields.Html(string="What works")
    what_does_not_work = fields.Html(string="What does not work")
    task_ids = fields.One2many("project.task", "don_evaluation_id", string="Follow-up actions")
    task_count = fields.Integer(compute="_compute_task_count")

    @api.depends("task_ids")
    def _compute_task_count(self):
        for evaluation in self:
            evaluation.task_count = len(evaluation.task_ids)

    @api.constrains("kind", "evaluator_user_id", "evaluator_partner_id")
    def _check_evaluator(self):
        kernteam = self.env.ref("don_core.group_don_kernteam")
        for evaluation in self:
            if evaluation.kind != "yearly":
                continue
            if not evaluation.evaluator_user_id and not evaluation.evaluator_partner_id:
                raise ValidationError(_("The yearly evaluation needs an evaluator."))
            user = evaluation.evaluator_user_id or evaluation.evaluator_partner_id.user_ids[:1]
            if user and kernteam in user.groups_id:
                raise ValidationError(
                    _("The yearly evaluation is led by someone outside the Kernteam.")
                )

    def action_add_follow_up(self):
        self.ensure_one()
        if not self.project_id:
            raise UserError(_("Choose the DON project for the follow-up actions first."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Follow-up action"),
            "res_model": "project.task",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_project_id": self.project_id.id,
                "default_don_evaluation_id": self.id,
            },
        }

    def action_view_tasks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Follow-up actions"),
            "res_model": "project.task",
            "view_mode": "list,form",
            "domain": [("don_evaluation_id", "=", self.id)],
            "context": {
                "default_project_id": self.project_id.id,
                "default_don_evaluation_id": self.id,
            },
        }
