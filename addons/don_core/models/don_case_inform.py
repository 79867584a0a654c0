# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

INFORM_KINDS = [
    ("informed", "Informed"),
    ("restricted", "Restriction (UAVG art. 41)"),
]
INFORM_RECIPIENTS = [
    ("youth", "Young person"),
    ("parents", "Parents or guardians"),
    ("both", "Young person and parents"),
]
INFORM_METHODS = [
    ("letter", "Letter"),
    ("conversation", "Conversation"),
    ("email", "E-mail"),
    ("other", "Other"),
]
RESTRICTION_GROUNDS = [
    ("investigation", "Prevention or investigation of criminal offences (art. 41(1)(d))"),
    ("protection", "Protection of the person or the rights of others (art. 41(1)(i))"),
    ("other", "Other ground of art. 41 UAVG"),
]


class DonCaseInform(models.Model):
    """Informing the person (AVG art. 13/14): when and how the young person
    and their parents were told that the Kernteam processes their data, or
    the restriction (UAVG art. 41) that postpones it, with its reason and
    end date. A restriction is reviewed when it ends (an activity for the
    case director). Follows the case's access."""

    _name = "don.case.inform"
    _inherit = ["don.secured.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Informing the person concerned"
    _order = "date desc, id desc"
    _mail_post_access = "read"

    _don_access_fields = ("company_id", "case_id")
    _don_access_follows = (("don.case", "case_id"),)

    case_id = fields.Many2one("don.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, string="Municipality"
    )
    kind = fields.Selection(INFORM_KINDS, required=True, default="informed", tracking=True)
    recipient = fields.Selection(
        INFORM_RECIPIENTS, string="Who was told", default="both", tracking=True
    )
    method = fields.Selection(INFORM_METHODS, string="How", default="letter", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    restriction_ground = fields.Selection(RESTRICTION_GROUNDS, string="Ground", tracking=True)
    restriction_reason = fields.Text(string="Reason for the restriction")
    restriction_end = fields.Date(
        string="Restriction ends",
        tracking=True,
        help="On this date the case director reviews whether the person can be told now.",
    )
    note = fields.Text()
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", default=lambda self: self.env.user, readonly=True
    )

    @api.depends("kind", "date", "recipient", "restriction_end")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.display_name = "%s %s" % (
                labels.get(record.kind, ""),
                record.date.strftime("%d-%m-%Y") if record.date else "",
            )

    @api.constrains("kind", "recipient", "method", "restriction_reason", "restriction_end", "date")
    def _check_kind(self):
        for record in self:
            if record.kind == "informed" and not (record.recipient and record.method):
                raise ValidationError(_("Record who was told and how."))
            if record.kind == "restricted":
                if not (record.restriction_ground and (record.restriction_reason or "").strip()):
                    raise ValidationError(_("Give the ground and the reason of the restriction."))
                if not record.restriction_end or record.restriction_end <= record.date:
                    raise ValidationError(
                        _("A restriction has an end date after the day it was recorded.")
                    )

    @api.model
    def _don_access_condition(self, params):
        return self._don_sql_sees("don.case", SQL("rec.case_id"))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.su:
            records.case_id.check_access("write")
        records._schedule_review()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"restriction_end", "kind"} & set(vals):
            self._schedule_review()
        return result

    def _schedule_review(self):
        todo = "mail.mail_activity_data_todo"
        for record in self:
            record.activity_unlink([todo])
            if record.kind != "restricted":
                continue
            record.activity_schedule(
                todo,
                date_deadline=record.restriction_end,
                user_id=(record.case_id.director_id or record.recorded_by_id or self.env.user).id,
                summary=_(
                    "Review the restriction on informing (case %s)", record.case_id.reference
                ),
                note=_(
                    "The restriction ends today: inform the young person and the parents, or "
                    "record a new restriction with its reason."
                ),
            )

    _don_privacy_fields = ("restriction_reason", "note")

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            [
                "kind",
                "recipient",
                "method",
                "date",
                "restriction_ground",
                "restriction_reason",
                "restriction_end",
            ],
            chatter=False,
        )
