# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

CADENCES = [("weekly", "Every week"), ("biweekly", "Every two weeks")]
DIGEST_INTERVALS = [
    ("none", "No periodic update"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Every month"),
    ("quarterly", "Every quarter"),
]
DIGEST_STEPS = {
    "biweekly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
}
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
    purpose = fields.Text(
        help="What the Kernteam meets for: the purpose the information is shared for."
    )
    legal_basis_id = fields.Many2one(
        "don.legal.basis",
        string="Covenant",
        ondelete="restrict",
        tracking=True,
        help="The covenant (and its article) the Kernteam works under.",
    )
    shared_data = fields.Text(
        string="Data that may be shared",
        help="Which information may be shared in the meeting, under the covenant.",
    )
    confidentiality_statement = fields.Html(
        string="Confidentiality statement",
        sanitize_style=True,
        default=lambda self: self._default_confidentiality_statement(),
        help="What a guest from outside the Kernteam confirms before an item is opened to them.",
    )
    digest_interval = fields.Selection(
        DIGEST_INTERVALS,
        string="Update for the flexible shell",
        required=True,
        default="none",
        help="How often the flexible shell receives a digest of the decisions it may see: "
        "general topics, and the items a guest attended after confirming the "
        "confidentiality statement.",
    )
    digest_next_date = fields.Date(string="Next update on")
    digest_last_date = fields.Datetime(string="Last update sent on", readonly=True, copy=False)
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
    misfit_meeting_ids = fields.Many2many(
        "don.meeting",
        compute="_compute_misfit_meeting_ids",
        string="Planned meetings off the cadence",
        help="Planned meetings whose day or time no longer follows the cadence, weekday "
        "and time of the team.",
    )
    misfit_meeting_count = fields.Integer(compute="_compute_misfit_meeting_ids")
    active = fields.Boolean(default=True)

    @api.model
    def _default_confidentiality_statement(self):
        return Markup("<p>%s</p>") % _(
            "I keep confidential everything I hear and read about young people and their "
            "families in this meeting, use it only for the purpose of the DON approach "
            "under the covenant, and share nothing of it outside the meeting unless the "
            "Kernteam decided so."
        )

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

    @api.depends("cadence", "weekday", "meeting_hour", "meeting_ids.date", "meeting_ids.state")
    def _compute_misfit_meeting_ids(self):
        now = fields.Datetime.now()
        planned = self.env["don.meeting"].search(
            [
                ("kernteam_id", "in", self.ids),
                ("state", "=", "planned"),
                ("date", ">", now),
                ("agenda_item_ids", "=", False),
            ],
            order="date",
        )
        for team in self:
            team.misfit_meeting_ids = team._misfits(
                planned.filtered(lambda m, t=team: m.kernteam_id == t)
            )
            team.misfit_meeting_count = len(team.misfit_meeting_ids)

    def _misfits(self, meetings):
        """The meetings (planned, in date order) that are not on the team's
        weekday and local time, or that break its rhythm: with a two-week
        cadence, the first fitting meeting sets the weeks."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "Europe/Amsterdam")
        hour = int(self.meeting_hour)
        minute = round((self.meeting_hour - hour) * 60)
        step = 7 if self.cadence == "weekly" else 14
        anchor = None
        misfits = meetings.browse()
        for meeting in meetings:
            local = pytz.utc.localize(meeting.date).astimezone(tz)
            on_slot = local.weekday() == int(self.weekday) and (local.hour, local.minute) == (
                hour,
                minute,
            )
            if on_slot and anchor is None:
                anchor = local.date()
                continue
            if not on_slot or (local.date() - anchor).days % step:
                misfits |= meeting
        return misfits

    def action_open_replan_wizard(self):
        """Offer to cancel the planned meetings that no longer fit."""
        self.ensure_one()
        wizard = self.env["don.kernteam.replan.wizard"].create({"kernteam_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Meetings off the cadence"),
            "res_model": "don.kernteam.replan.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Periodic update for the flexible shell
    # ------------------------------------------------------------------
    def _digest_items(self, partner, since):
        """The decisions of meetings approved since ``since`` that this
        member of the shell may know: general topics, and the items they
        attended as a guest after confirming the confidentiality statement.
        Read as the system (the cron) on these explicit criteria only."""
        self.ensure_one()
        Item = self.env["don.agenda.item"].sudo()
        domain = [
            ("meeting_id.kernteam_id", "=", self.id),
            ("meeting_id.state", "=", "approved"),
            ("state", "=", "decided"),
            ("decision", "!=", False),
            "|",
            ("kind", "=", "general"),
            "&",
            ("guest_ids.partner_id", "=", partner.id),
            ("guest_ids.confirmed_date", "!=", False),
        ]
        if since:
            domain.append(("meeting_id.approved_date", ">", since))
        items = Item.search(domain, order="meeting_id, phase_sequence, sequence")
        # The guest condition above must hold on the same guest line.
        return items.filtered(
            lambda i: (
                i.kind == "general"
                or i.guest_ids.filtered(lambda g: g.partner_id == partner and g.confirmed_date)
            )
        )

    def _digest_body(self, items):
        self.ensure_one()
        rows = Markup("").join(
            Markup("<li><strong>%s</strong> (%s): %s</li>")
            % (item.name, item.meeting_id.name, item.decision)
            for item in items
        )
        return Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            _("Decisions of Kernteam %(team)s that you may know:", team=self.name),
            rows,
            _("Confidential: do not forward."),
        )

    def action_send_digest(self):
        """Send the flexible shell the update now (also from the daily job)."""
        for team in self:
            if not self.env.su:
                if not self.env.user.has_group("don_core.group_don_projectleider"):
                    raise UserError(_("The project leader sends the update."))
                team.check_access("write")
            since = team.digest_last_date
            # sudo: the job runs as the system; the items are selected above by
            # explicit criteria, and only their topic and decision are sent.
            for partner in team.shell_partner_ids.filtered("email"):
                lang = partner.lang or "nl_NL"
                localized = team.with_context(lang=lang)
                items = localized._digest_items(partner, since)
                if not items:
                    continue
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": localized._digest_subject(),
                        "body_html": localized._digest_body(items),
                        "email_to": partner.email,
                        "recipient_ids": [fields.Command.set(partner.ids)],
                        "auto_delete": True,
                    }
                )
            step = DIGEST_STEPS.get(team.digest_interval)
            team.write(
                {
                    "digest_last_date": fields.Datetime.now(),
                    "digest_next_date": fields.Date.today() + step if step else False,
                }
            )
        return True

    def _digest_subject(self):
        self.ensure_one()
        return _("Update from Kernteam %(team)s", team=self.name)

    @api.model
    def _cron_send_digests(self):
        teams = self.search(
            [
                ("active", "=", True),
                ("digest_interval", "!=", "none"),
                "|",
                ("digest_next_date", "=", False),
                ("digest_next_date", "<=", fields.Date.today()),
            ]
        )
        teams.action_send_digest()

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
            last = Meeting.search(
                [("kernteam_id", "=", team.id), ("state", "!=", "cancelled")],
                order="date desc",
                limit=1,
            )
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
        self.search([("active", "=", True)])._plan_meetings_from_now()

    def _plan_meetings_from_now(self, weeks=6):
        """Keep ``weeks`` of meetings planned (cancelled ones do not count)."""
        horizon = fields.Datetime.now() + timedelta(weeks=weeks)
        for team in self:
            last = self.env["don.meeting"].search(
                [("kernteam_id", "=", team.id), ("state", "!=", "cancelled")],
                order="date desc",
                limit=1,
            )
            if not last or last.date < horizon:
                step = 1 if team.cadence == "weekly" else 2
                team.action_plan_meetings(count=max(1, weeks // step))
