# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PHASES = [
    ("1", "Phase 1: internal teams"),
    ("2", "Phase 2: schools and clubs"),
    ("3", "Phase 3: parents and youth"),
]
CAMPAIGN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class DonCampaign(models.Model):
    """An awareness campaign of one of the three DON phases: whom it targets,
    when, who owns it, its trainings and what it achieved. Holds no personal
    data about young people."""

    _name = "don.campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Awareness campaign"
    _order = "phase, date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    phase = fields.Selection(
        PHASES, required=True, default="1", index=True, tracking=True, group_expand=True
    )
    state = fields.Selection(
        CAMPAIGN_STATES, string="Status", required=True, default="draft", tracking=True
    )
    goal = fields.Html(help="What the campaign should achieve.")
    target_group = fields.Char(
        string="Target groups", help="For example: teachers, youth coaches, parents."
    )
    target_partner_ids = fields.Many2many(
        "res.partner",
        "don_campaign_partner_rel",
        "campaign_id",
        "partner_id",
        string="Target organisations",
        domain="[('is_company', '=', True), ('don_org_type', '!=', False)]",
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    training_ids = fields.One2many("event.event", "don_campaign_id", string="Trainings")
    planned_training_count = fields.Integer(compute="_compute_training_counts")
    held_training_count = fields.Integer(compute="_compute_training_counts")
    planned_activities = fields.Html(help="Activities other than trainings that are planned.")
    held_activities = fields.Html(help="What has been done so far.")
    results = fields.Html(help="Results and lessons learned.")
    color = fields.Integer()
    # Reach and effect: read from the SQL view don.campaign.reach.report.
    reach_org_count = fields.Integer(string="Organisations trained", compute="_compute_reach")
    reach_training_count = fields.Integer(string="Trainings held", compute="_compute_reach")
    reach_people_count = fields.Integer(string="People trained", compute="_compute_reach")
    reach_signals_before = fields.Integer(
        string="Signals before",
        compute="_compute_reach",
        help="Signals reported by the trained organisations in the window before "
        "their first training.",
    )
    reach_signals_after = fields.Integer(
        string="Signals after",
        compute="_compute_reach",
        help="Signals reported by the trained organisations in the window from "
        "their first training on.",
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if (
                campaign.date_start
                and campaign.date_end
                and campaign.date_end < campaign.date_start
            ):
                raise ValidationError(_("The end of a campaign cannot be before its start."))

    @api.depends("training_ids.don_held")
    def _compute_training_counts(self):
        data = {
            (campaign.id, held): count
            for campaign, held, count in self.env["event.event"]._read_group(
                [("don_campaign_id", "in", self.ids)],
                ["don_campaign_id", "don_held"],
                ["__count"],
            )
        }
        for campaign in self:
            held = data.get((campaign.id, True), 0)
            campaign.held_training_count = held
            campaign.planned_training_count = held + data.get((campaign.id, False), 0)

    def _compute_reach(self):
        """All campaigns in one query on the SQL view."""
        figures = {
            campaign.id: (orgs, trainings, people, before, after)
            for campaign, orgs, trainings, people, before, after in self.env[
                "don.campaign.reach.report"
            ]._read_group(
                [("campaign_id", "in", self.ids)],
                ["campaign_id"],
                [
                    "__count",
                    "training_count:sum",
                    "people_count:sum",
                    "signals_before:sum",
                    "signals_after:sum",
                ],
            )
        }
        for campaign in self:
            orgs, trainings, people, before, after = figures.get(campaign.id, (0, 0, 0, 0, 0))
            campaign.reach_org_count = orgs
            campaign.reach_training_count = trainings
            campaign.reach_people_count = people
            campaign.reach_signals_before = before
            campaign.reach_signals_after = after

    def action_start(self):
        self.write({"state": "running"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_draft(self):
        self.write({"state": "draft"})

    def action_plan_training(self):
        """Open a new training of this campaign."""
        self.ensure_one()
        start = datetime.combine(
            max(self.date_start or date.min, fields.Date.context_today(self)) + timedelta(days=7),
            time(17, 0),
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan training"),
            "res_model": "event.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_don_is_training": True,
                "default_don_campaign_id": self.id,
                "default_don_phase": self.phase,
                "default_company_id": self.company_id.id,
                "default_name": _("Training: %s", self.name),
                "default_date_begin": fields.Datetime.to_string(start),
                "default_date_end": fields.Datetime.to_string(start + timedelta(hours=2)),
            },
        }

    def action_view_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "don_bewustwording.don_training_action"
        )
        action["domain"] = [("don_campaign_id", "=", self.id)]
        action["context"] = {
            "default_don_is_training": True,
            "default_don_campaign_id": self.id,
            "default_don_phase": self.phase,
        }
        return action
