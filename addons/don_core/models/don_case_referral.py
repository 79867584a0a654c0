# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

RECIPIENT_TYPES = [
    ("zvh", "Zorg- en Veiligheidshuis"),
    ("care", "Care provider"),
    ("veilig_thuis", "Veilig Thuis"),
    ("municipality", "Another municipality"),
    ("other", "Other organisation"),
]
REFERRAL_STATES = [
    ("sent", "Sent"),
    ("ontvangen", "Received"),
    ("in_behandeling", "Being handled"),
    ("afgerond", "Completed"),
    ("teruggelegd", "Returned"),
]


class DonCaseReferral(models.Model):
    """A referral (verwijzing) of a case outside DON: a disclosure of
    personal data. Records to whom, what, on which legal basis, when and
    decided by whom, and the status that comes back. Follows the case's
    access; recorded in the access log as a disclosure; part of the
    subject-request export."""

    _name = "don.case.referral"
    _inherit = ["don.secured.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Case referral"
    _order = "date desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    _don_access_fields = ("company_id", "case_id")
    _don_access_follows = (("don.case", "case_id"),)

    reference = fields.Char(string="Number", readonly=True, copy=False, default="/")
    case_id = fields.Many2one(
        "don.case", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, string="Municipality"
    )
    recipient_type = fields.Selection(
        RECIPIENT_TYPES, string="Referred to", required=True, default="zvh", tracking=True
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Receiving organisation",
        required=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    recipient_contact = fields.Char(string="Contact person")
    legal_basis_id = fields.Many2one(
        "don.legal.basis", string="Legal basis", required=True, tracking=True, ondelete="restrict"
    )
    date = fields.Date(
        string="Date shared", required=True, default=fields.Date.context_today, tracking=True
    )
    decided_by_id = fields.Many2one(
        "res.users",
        string="Decided by",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    shares_summary = fields.Boolean(string="Kernteam summary shared", default=True)
    note_ids = fields.Many2many(
        "don.case.note",
        "don_case_referral_note_rel",
        "referral_id",
        "note_id",
        string="Contributions shared",
        domain="[('case_id', '=', case_id)]",
    )
    intervention_ids = fields.Many2many(
        "don.intervention",
        "don_case_referral_intervention_rel",
        "referral_id",
        "intervention_id",
        string="Interventions shared",
        domain="[('case_id', '=', case_id)]",
    )
    shared_description = fields.Text(
        string="What was shared",
        required=True,
        help="What left DON, in words: documents, facts, the question to the recipient.",
    )
    state = fields.Selection(
        REFERRAL_STATES, string="Status", required=True, default="sent", tracking=True, index=True
    )
    answer_deadline = fields.Date(
        string="Answer expected by",
        tracking=True,
        help="Without an answer by this date the person who decided gets a reminder.",
    )
    answer_date = fields.Date(string="Answered on", tracking=True)
    answer_note = fields.Text(string="Answer")

    @api.constrains("note_ids", "intervention_ids", "case_id")
    def _check_items(self):
        for referral in self:
            items = [*referral.sudo().note_ids, *referral.sudo().intervention_ids]
            if any(item.case_id != referral.case_id for item in items):
                raise ValidationError(_("Only information of the referred case can be shared."))

    @api.constrains("answer_deadline", "date")
    def _check_deadline(self):
        for referral in self:
            if referral.answer_deadline and referral.answer_deadline < referral.date:
                raise ValidationError(_("The answer cannot be expected before the referral."))

    # ------------------------------------------------------------------
    # Access: whoever sees the case sees its referrals; a referral is made
    # or changed by who may change the case (Kernteam, case director), and
    # only with items that user may see.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        return self._don_sql_sees("don.case", SQL("rec.case_id"))

    def _check_case_and_items(self):
        if self.env.su:
            return
        self.case_id.check_access("write")
        # The items as stored (a many2many read as the user would hide the
        # ones they may not see instead of refusing them).
        stored = self.sudo()
        stored.note_ids.with_env(self.env).check_access("read")
        stored.intervention_ids.with_env(self.env).check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.case.referral") or "/"
        referrals = super().create(vals_list)
        referrals._check_case_and_items()
        for referral in referrals:
            # The disclosure is logged with who received it.
            self.env["don.access.log"]._log_records(
                referral.case_id,
                action="disclosure",
                reason=_(
                    "%(ref)s to %(recipient)s",
                    ref=referral.reference,
                    recipient=referral.recipient_id.display_name,
                ),
            )
        return referrals

    def write(self, vals):
        if not self.env.su and set(vals) & {"case_id"}:
            raise UserError(_("A referral stays with its case."))
        result = super().write(vals)
        if set(vals) & {"note_ids", "intervention_ids"}:
            self._check_case_and_items()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not (self.env.su and self.env.context.get("don_privacy_erase")):
            raise UserError(
                _("A referral is a record of information shared outside DON: it is kept.")
            )

    # ------------------------------------------------------------------
    # Status that comes back
    # ------------------------------------------------------------------
    def _set_state(self, state):
        vals = {"state": state}
        if state != "sent":
            vals["answer_date"] = fields.Date.context_today(self)
        self.write(vals)
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_received(self):
        self._set_state("ontvangen")

    def action_in_progress(self):
        self._set_state("in_behandeling")

    def action_done(self):
        self._set_state("afgerond")

    def action_returned(self):
        self._set_state("teruggelegd")

    @api.model
    def _cron_remind(self):
        """Daily: a reminder for the person who decided when no answer came
        by the expected date (once per referral)."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        late = self.sudo().search([("state", "=", "sent"), ("answer_deadline", "<", today)])
        open_ids = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", late.ids),
                    ("activity_type_id", "=", todo.id),
                ]
            )
            .mapped("res_id")
        )
        for referral in late.filtered(lambda r: r.id not in open_ids):
            referral.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=referral.decided_by_id.id,
                summary=_("No answer yet to referral %s", referral.reference),
                note=_(
                    "Referral %(ref)s of case %(case)s: no answer by %(date)s. Ask the recipient.",
                    ref=referral.reference,
                    case=referral.case_id.reference,
                    date=referral.answer_deadline.strftime("%d-%m-%Y"),
                ),
            )

    # Privacy lifecycle: the referral goes with the case (a new record of
    # the disclosure would name the young person; the access log keeps the
    # fact).
    _don_privacy_fields = ("shared_description", "answer_note", "recipient_contact")

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            [
                "reference",
                "recipient_type",
                "recipient_id",
                "legal_basis_id",
                "date",
                "decided_by_id",
                "shares_summary",
                "note_ids",
                "intervention_ids",
                "shared_description",
                "state",
                "answer_deadline",
                "answer_date",
            ],
            chatter=False,
        )
