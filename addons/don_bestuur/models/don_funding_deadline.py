# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models

# Days before a reporting date that the responsible person is reminded.
REMINDER_DAYS = 30


class DonFundingDeadline(models.Model):
    """A date by which the municipality reports to the grantor of a funding
    source (e.g. the periodic reflection of Preventie met Gezag)."""

    _name = "don.funding.deadline"
    _description = "DON funding reporting date"
    _order = "date, id"

    source_id = fields.Many2one("don.funding.source", required=True, index=True, ondelete="cascade")
    name = fields.Char(string="What to report", required=True)
    date = fields.Date(string="Reporting date", required=True)
    done = fields.Boolean(string="Reported")
    reminded = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(related="source_id.company_id", store=True, index=True)

    @api.constrains("name")
    def _check_no_personal_data(self):
        self.env["don.driehoek.meeting"]._don_check_no_personal_data(
            [(d.company_id, [d.name]) for d in self]
        )

    @api.model
    def _cron_remind(self, today=None):
        """A to-do for the responsible person of the source, once, when a
        reporting date that is not reported comes within REMINDER_DAYS."""
        today = today or fields.Date.context_today(self)
        deadlines = self.search(
            [
                ("done", "=", False),
                ("reminded", "=", False),
                ("date", "<=", today + timedelta(days=REMINDER_DAYS)),
                ("source_id.active", "=", True),
            ]
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        for deadline in deadlines:
            source = deadline.source_id
            user = source.user_id or self.env.user
            source.with_context(lang=user.lang or self.env.lang).activity_schedule(
                activity_type_id=todo.id,
                date_deadline=deadline.date,
                summary=_("Report to the grantor: %(what)s", what=deadline.name),
                user_id=user.id,
            )
        deadlines.write({"reminded": True})
        return True
