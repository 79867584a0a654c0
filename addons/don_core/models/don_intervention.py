# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DonIntervention(models.Model):
    """An intervention in one of the three lines, for a case or for a group
    or neighbourhood without a single young person."""

    _name = "don.intervention"
    _inherit = ["don.shared.mixin", "mail.activity.mixin"]
    # Every consultation (form, list page, export) is logged.
    _don_log_open = True
    _description = "Intervention"
    _order = "date_start desc, id desc"

    _don_users_relation = ("don_intervention_user_rel", "intervention_id", "user_id")
    _don_privacy_fields = ("name", "result_note")
    _don_audience_columns = ("author_id", "responsible_user_id")
    _don_access_fields = (
        "company_id",
        "case_id",
        "domain_id",
        "sharing_level",
        "user_ids",
        "author_id",
        "responsible_user_id",
    )

    name = fields.Char(string="Description", required=True, tracking=True)
    type_id = fields.Many2one(
        "don.intervention.type", string="Intervention", required=True, ondelete="restrict"
    )
    line = fields.Selection(related="type_id.line", store=True)
    target = fields.Selection(
        [("youth", "Young person"), ("group", "Group"), ("neighbourhood", "Neighbourhood")],
        required=True,
        default="youth",
    )
    group_description = fields.Char(string="Group", help="The group concerned, without names.")
    neighbourhood_id = fields.Many2one(
        "don.neighbourhood",
    )
    responsible_partner_id = fields.Many2one(
        "res.partner", string="Responsible organisation", domain=[("is_company", "=", True)]
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible person",
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("don_core.group_don_professional").id)
        ],
    )
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    date_end = fields.Date(string="End")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("running", "Running"),
            ("done", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        tracking=True,
    )
    result = fields.Selection(
        [
            ("positive", "Goal reached"),
            ("partial", "Partly reached"),
            ("none", "Not reached"),
            ("unknown", "Unknown"),
        ],
        tracking=True,
    )
    result_note = fields.Text(string="Result explanation")
    goal_id = fields.Many2one(
        "don.case.goal",
        string="Goal of the plan",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
        help="The goal of the case's plan this intervention serves.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "don_intervention_user_rel",
        "intervention_id",
        "user_id",
        string="Explicitly involved",
    )

    @api.constrains("target", "case_id", "neighbourhood_id", "group_description")
    def _check_target(self):
        for intervention in self:
            if intervention.target == "youth" and not intervention.case_id:
                raise ValidationError(_("An intervention for a young person needs its case."))
            if intervention.target == "neighbourhood" and not intervention.neighbourhood_id:
                raise ValidationError(_("Choose the neighbourhood of this intervention."))
            if intervention.target == "group" and not intervention.group_description:
                raise ValidationError(_("Describe the group this intervention is for."))

    @api.constrains("goal_id", "case_id")
    def _check_goal(self):
        for intervention in self:
            if intervention.goal_id and intervention.goal_id.sudo().case_id != intervention.case_id:
                # sudo: only the case of the goal is compared, nothing is shown.
                raise ValidationError(_("The goal belongs to the plan of another case."))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for intervention in self:
            if (
                intervention.date_start
                and intervention.date_end
                and intervention.date_end < intervention.date_start
            ):
                raise ValidationError(_("The end of an intervention cannot precede its start."))
