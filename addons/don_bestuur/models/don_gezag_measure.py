# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.don_core.tools.internal import internal_flag
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date

STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed to the mayor"),
    ("approved", "Approved by the mayor"),
    ("rejected", "Rejected by the mayor"),
    ("done", "Carried out"),
    ("cancelled", "Withdrawn"),
]
# States in which the mayor deals with the measure: from the proposal on,
# the mayor it is addressed to may see its case.
MAYOR_STATES = ("proposed", "approved", "rejected", "done")
# Fields only the mayor sets, through the decision buttons.
DECISION_FIELDS = frozenset({"decided_by_id", "decision_date", "decision_reason"})
MAYOR_GROUP = "don_bestuur.group_don_burgemeester"


class DonGezagMeasure(models.Model):
    """A measure "met gezag" on a case: proposed by the Kernteam with its
    reasoning and legal ground, decided by the mayor, then carried out."""

    _name = "don.gezag.measure"
    _inherit = ["don.secured.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Mayor's measure"
    _order = "date_proposed desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    _don_access_fields = ("company_id", "case_id", "state")
    # A measure follows its case (whoever sees the case, the mayor not the
    # drafts); the case in turn reads its measures as a declared input (the
    # mayor of a proposed or decided measure sees the case, see don.case).
    _don_access_follows = (("don.case", "case_id"),)
    _don_privacy_fields = ("reasoning", "decision_reason", "execution_note", "area")

    reference = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    case_id = fields.Many2one(
        "don.case", required=True, index=True, ondelete="restrict", tracking=True
    )
    youth_id = fields.Many2one(
        related="case_id.youth_id", related_sudo=False, string="Young person"
    )
    case_summary = fields.Html(
        related="case_id.summary", related_sudo=False, string="Kernteam summary"
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, string="Municipality"
    )
    type_id = fields.Many2one(
        "don.gezag.measure.type",
        string="Measure",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    kind = fields.Selection(related="type_id.kind", store=True)
    needs_area = fields.Boolean(related="type_id.needs_area")
    reasoning = fields.Text(
        required=True,
        tracking=True,
        help="Why the Kernteam proposes this measure: the facts it rests on, why a lighter "
        "measure does not suffice (proportionality, subsidiarity).",
    )
    legal_ground = fields.Char(
        string="Legal ground",
        required=True,
        tracking=True,
        help="The article of law the measure rests on, e.g. art. 172 Gemeentewet.",
    )
    area = fields.Char(help="The area the measure applies to (an area ban).")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, index=True)
    proposed_by_id = fields.Many2one(
        "res.users",
        string="Proposed by",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    date_proposed = fields.Date(string="Proposed on", readonly=True, copy=False)
    mayor_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(MAYOR_GROUP).id)],
        help="The mayor (or the alderman acting for them) who decides on this measure.",
    )
    decided_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False, index=True
    )
    decision_date = fields.Date(readonly=True, copy=False)
    decision_reason = fields.Text(
        string="Reason of the decision",
        copy=False,
        help="Required when the mayor rejects the proposal.",
    )
    date_executed = fields.Date(string="Carried out on", copy=False, tracking=True)
    execution_note = fields.Text(string="How it went", copy=False)
    earlier_measure_ids = fields.Many2many(
        "don.gezag.measure",
        compute="_compute_earlier_measure_ids",
        string="Earlier measures",
        help="The other measures on this case that you may see.",
    )
    is_my_decision = fields.Boolean(compute="_compute_is_my_decision")

    _sql_constraints = [
        (
            "period",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "A measure cannot end before it starts.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("case_id")
    def _compute_earlier_measure_ids(self):
        cases = self.case_id
        others = self.search([("case_id", "in", cases.ids)]) if cases else self.browse()
        for measure in self:
            measure.earlier_measure_ids = others.filtered(
                lambda m, measure=measure: (
                    m.case_id == measure.case_id and m.id != measure.id and m.state in MAYOR_STATES
                )
            )

    @api.depends_context("uid")
    @api.depends("mayor_id", "state")
    def _compute_is_my_decision(self):
        for measure in self:
            measure.is_my_decision = (
                measure.state == "proposed" and measure.mayor_id == self.env.user
            )

    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.type_id.legal_ground and not self.legal_ground:
            self.legal_ground = self.type_id.legal_ground

    @api.constrains("state", "decision_reason")
    def _check_decision_reason(self):
        for measure in self:
            if measure.state == "rejected" and not (measure.decision_reason or "").strip():
                raise ValidationError(_("Give the reason why the mayor rejects the proposal."))

    # ------------------------------------------------------------------
    # Access relation: whoever sees the case; a mayor (not in the Kernteam)
    # not the drafts. The case itself opens to the mayor of a proposed or
    # decided measure (see don.case in this addon).
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        mayor_only = SQL(
            "(%s AND NOT %s)",
            self._don_sql_in_group(params, self.env["don.access"]._gid(MAYOR_GROUP)),
            self._don_sql_in_group(params, params["kernteam"]),
        )
        return SQL(
            "%s AND (rec.state <> 'draft' OR NOT %s)",
            self._don_sql_sees("don.case", SQL("rec.case_id")),
            mayor_only,
        )

    def _don_input_scope(self, model_name):
        # The cases whose audience reads these measures (their mayor).
        return self.case_id.ids

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if DECISION_FIELDS & set(vals) or vals.get("state", "draft") != "draft":
                    raise UserError(_("A new measure starts as a draft of the Kernteam."))
            cases = self.env["don.case"].browse([vals.get("case_id") for vals in vals_list])
            # Proposing a measure on a case is editing the case: Kernteam
            # members and the case director only (not the mayor).
            cases.exists().check_access("write")
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.gezag.measure") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_write_vals(vals)
        old_cases = self.case_id if "case_id" in vals else self.env["don.case"]
        result = super().write(vals)
        if old_cases:
            self.env["don.access"]._recompute("don.case", old_cases.ids)
        return result

    def _check_write_vals(self, vals):
        """The Kernteam writes the proposal, the mayor it is addressed to
        decides on it; a decided measure only records its execution."""
        user = self.env.user
        is_mayor = user.has_group(MAYOR_GROUP)
        is_kernteam = user.has_group("don_core.group_don_kernteam")
        deciding = bool(DECISION_FIELDS & set(vals)) or vals.get("state") in (
            "approved",
            "rejected",
        )
        for measure in self:
            mine = is_mayor and measure.mayor_id == user
            if deciding and not (mine and measure.state == "proposed"):
                raise AccessError(_("Only the mayor the measure is proposed to decides on it."))
            if mine and not is_kernteam:
                if set(vals) - DECISION_FIELDS - {"state"} or vals.get("state", "approved") not in (
                    "approved",
                    "rejected",
                ):
                    raise AccessError(
                        _("The mayor decides on the proposal; the Kernteam writes it.")
                    )
            elif measure.state not in ("draft", "proposed") and not set(vals) <= {
                "state",
                "date_executed",
                "execution_note",
            }:
                raise UserError(_("A decided measure cannot be changed any more."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _post_on_case(self, body):
        for measure in self:
            measure.case_id.message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_propose(self):
        for measure in self:
            if measure.state != "draft":
                raise UserError(_("Only a draft can be proposed to the mayor."))
            if not measure.mayor_id:
                raise UserError(_("Choose the mayor who decides on this measure."))
        self.write({"state": "proposed", "date_proposed": fields.Date.context_today(self)})
        for measure in self:
            measure._post_on_case(
                Markup("%s")
                % _(
                    "Measure %(ref)s (%(type)s) proposed to the mayor %(mayor)s.",
                    ref=measure.reference,
                    type=measure.type_id.name,
                    mayor=measure.mayor_id.name,
                )
            )
            measure.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=measure.mayor_id.id,
                summary=_("Decide on measure %(ref)s", ref=measure.reference),
            )
        return True

    def _decide(self, state, reason=None):
        for measure in self:
            if measure.state != "proposed":
                raise UserError(_("Only a proposed measure can be decided."))
            if measure.mayor_id != self.env.user:
                raise AccessError(_("Only the mayor the measure is proposed to decides on it."))
        vals = {
            "state": state,
            "decided_by_id": self.env.uid,
            "decision_date": fields.Date.context_today(self),
        }
        if reason is not None:
            vals["decision_reason"] = reason
        self.write(vals)
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_approve(self):
        self._decide("approved")
        for measure in self:
            measure._post_on_case(
                Markup("%s")
                % _(
                    "The mayor approved measure %(ref)s (%(type)s).",
                    ref=measure.reference,
                    type=measure.type_id.name,
                )
            )
        return True

    def action_reject(self):
        for measure in self:
            if not (measure.decision_reason or "").strip():
                raise UserError(_("Give the reason why the mayor rejects the proposal."))
        self._decide("rejected")
        for measure in self:
            measure._post_on_case(
                Markup("%s")
                % _(
                    "The mayor rejected measure %(ref)s (%(type)s).",
                    ref=measure.reference,
                    type=measure.type_id.name,
                )
            )
        return True

    def action_done(self):
        for measure in self:
            if measure.state != "approved":
                raise UserError(_("Only an approved measure can be carried out."))
        self.filtered(lambda m: not m.date_executed).write(
            {"date_executed": fields.Date.context_today(self)}
        )
        self.write({"state": "done"})
        for measure in self:
            measure._post_on_case(
                Markup("%s")
                % _(
                    "Measure %(ref)s (%(type)s) carried out on %(date)s.",
                    ref=measure.reference,
                    type=measure.type_id.name,
                    date=format_date(self.env, measure.date_executed),
                )
            )
        return True

    def action_cancel(self):
        for measure in self:
            if measure.state not in ("draft", "proposed"):
                raise UserError(_("A decided measure cannot be withdrawn."))
        self.write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Access log: the form shows the case's Kernteam summary and the young
    # person's name, so opening a measure is logged as opening its case.
    # ------------------------------------------------------------------
    def web_read(self, specification):
        result = super().web_read(specification)
        if (
            len(self) == 1
            and not internal_flag(self.env, "don_no_access_log")
            and set(specification) - {"id", "display_name"}
        ):
            self.env["don.access.log"]._log_open(self.case_id)
        return result

    web_read._readonly = False

    def _don_log_opened_record(self):
        return self.case_id

    def _don_print_consulted(self):
        # A printed letter shows the young person's name: a consultation of
        # the case (see ir.actions.report in don_core).
        return self.case_id

    def _letter_lang(self):
        """The letter is written in the municipality's language."""
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang
