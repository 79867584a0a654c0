# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

CADENCES = [("weekly", "Every week"), ("biweekly", "Every two weeks")]
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
]


class DonKernteam(models.Model):
    """The Kernteam of a municipality: its members, cadence and flexible
    shell. Membership gives the Kernteamlid role (see don.kernteam.member)."""

    _name = "don.kernteam"
    _inherit = ["mail.thread"]
    _description = "Kernteam"
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    member_ids = fields.One2many("don.kernteam.member", "kernteam_id", string="Members")
    shell_partner_ids = fields.Many2many(
        "res.partner",
        "don_kernteam_shell_partner_rel",
        "kernteam_id",
        "partner_id",
        string="Flexible shell",
        help="Organisations and professionals who join per topic (youth work, truancy, "
        "boa's, HALT, schools).",
    )
    cadence = fields.Selection(CADENCES, required=True, default="weekly", tracking=True)
    weekday = fields.Selection(WEEKDAYS, string="Meeting day", required=True, default="1")
    meeting_hour = fields.Float(string="Meeting time", default=9.5)
    duration = fields.Float(default=1.5, help="Duration of a meeting in hours.")
    location = fields.Char()
    project_id = fields.Many2one(
        "project.project",
        string="DON project",
        domain="[('is_don_project', '=', True)]",
        help="Actions decided in the meetings become tasks of this project.",
    )
    meeting_ids = fields.One2many("don.meeting", "kernteam_id", string="Meetings")
    next_meeting_id = fields.Many2one("don.meeting", compute="_compute_dashboard")
    next_meeting_date = fields.Datetime(compute="_compute_dashboard")
    open_action_count = fields.Integer(compute="_compute_dashboard")
    overdue_action_count = fields.Integer(compute="_compute_dashboard")
    case_stage_summary = fields.Json(compute="_compute_dashboard")
    active = fields.Boolean(default=True)

    @api.constrains("meeting_hour", "duration")
    def _check_times(self):
        for team in self:
            if not 0 <= team.meeting_hour < 24 or team.duration <= 0:
                raise ValidationError(_("Give a meeting time of day and a positive duration."))

    @api.ondelete(at_uninstall=False)
    def _unlink_without_meetings(self):
        if self.with_context(active_test=False).meeting_ids:
            raise UserError(
                _("This Kernteam has meetings on record: archive it instead of deleting it.")
            )

    def unlink(self):
        # The members leave through the ORM (not the database cascade), so
        # that the groups their membership gave are taken away again.
        self.with_context(active_test=False).member_ids.unlink()
        return super().unlink()

    @api.depends_context("uid")
    def _compute_dashboard(self):
        now = fields.Datetime.now()
        Meeting = self.env["don.meeting"]
        Task = self.env["project.task"]
        stage_counts = {}
        for company, stage, count in self.env["don.case"]._read_group(
            [("stage", "!=", "afgesloten"), ("company_id", "in", self.company_id.ids)],
            ["company_id", "stage"],
            ["__count"],
        ):
            stage_counts.setdefault(company.id, {})[stage] = count
        labels = dict(self.env["don.case"]._fields["stage"]._description_selection(self.env))
        for team in self:
            meeting = Meeting.search(
                [("kernteam_id", "=", team.id), ("date", ">=", now), ("state", "!=", "cancelled")],
                order="date",
                limit=1,
            )
            team.next_meeting_id = meeting
            team.next_meeting_date = meeting.date
            open_domain = [
                ("project_id", "=", team.project_id.id),
                ("don_agenda_item_id", "!=", False),
                ("is_closed", "=", False),
            ]
            team.open_action_count = Task.search_count(open_domain) if team.project_id else 0
            team.overdue_action_count = (
                Task.search_count([*open_domain, ("date_deadline", "<", now)])
                if team.project_id
                else 0
            )
            team.case_stage_summary = [
                {"stage": labels[key], "count": count}
                for key, count in stage_counts.get(team.company_id.id, {}).items()
            ]

    def _next_dates(self, start, count):
        """The next ``count`` meeting datetimes after ``start`` (naive UTC,
        as Odoo stores them), on the team's weekday and local meeting time."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "Europe/Amsterdam")
        step = 7 if self.cadence == "weekly" else 14
        day = pytz.utc.localize(start).astimezone(tz).date()
        day += timedelta(days=(int(self.weekday) - day.weekday()) % 7)
        hour = int(self.meeting_hour)
        minute = round((self.meeting_hour - hour) * 60)
        result = []
        while len(result) < count:
            local = tz.localize(datetime.combine(day, time(hour, minute)))
            moment = local.astimezone(pytz.utc).replace(tzinfo=None)
            if moment > start:
                result.append(moment)
            day += timedelta(days=step)
        return result

    def action_plan_meetings(self, count=6):
        """Plan the next meetings on the team's cadence, after the last
        planned one; existing meetings are kept."""
        Meeting = self.env["don.meeting"]
        for team in self:
            last = Meeting.search([("kernteam_id", "=", team.id)], order="date desc", limit=1)
            start = max(last.date or fields.Datetime.now(), fields.Datetime.now())
            attendees = team.member_ids.filtered("active").user_id
            Meeting.create(
                [
                    {
                        "kernteam_id": team.id,
                        "date": moment,
                        "attendee_ids": [fields.Command.set(attendees.ids)],
                    }
                    for moment in team._next_dates(start, count)
                ]
            )
        return True

    @api.model
    def _cron_plan_meetings(self):
        """Keep six weeks of meetings planned for every active Kernteam."""
        horizon = fields.Datetime.now() + timedelta(weeks=6)
        for team in self.search([("active", "=", True)]):
            last = self.env["don.meeting"].search(
                [("kernteam_id", "=", team.id)], order="date desc", limit=1
            )
            if not last or last.date < horizon:
                step = 1 if team.cadence == "weekly" else 2
                team.action_plan_meetings(count=max(1, 6 // step))
