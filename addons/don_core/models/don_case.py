# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.internal import INTERNAL
from .don_secured_mixin import KERNTEAM_INPUTS

CASE_STAGES = [
    ("aanmelding", "Registration"),
    ("analyse", "Analysis"),
    ("aanpak", "In progress"),
    ("nazorg", "Aftercare"),
    ("afgesloten", "Closed"),
]
CLOSING_REASONS = [
    ("goal_reached", "Goals reached"),
    ("referred", "Referred to regular care or another approach"),
    ("moved", "Moved out of the municipality"),
    ("no_grounds", "No grounds for the approach"),
    ("age", "Outgrown the target group"),
    ("other", "Other"),
]
# Models holding information per case, counted for the "more exists" notice.
CASE_ITEM_MODELS = ("don.case.note", "don.case.factor", "don.case.relation", "don.intervention")


class DonCase(models.Model):
    """A case file (casus): one trajectory of one young person."""

    _name = "don.case"
    _inherit = ["don.secured.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Case file"
    _order = "date_start desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    _don_access_fields = ("company_id", "director_id", "involved_user_ids")
    # Kernteam members see every case; an agenda member held to need to know
    # sees the cases on the agenda of the meetings they were invited to.
    _don_access_inputs = {
        **KERNTEAM_INPUTS,
        "don.agenda.item": ("case_id", "meeting_id"),
        "don.meeting": ("attendee_ids", "date", "state", "company_id"),
        "res.company": ("don_om_need_to_know", "don_om_period_days", "don_emergency_access"),
        # Emergency access (break-the-glass): a grant with an end date.
        "don.emergency.access": ("case_id", "user_id", "date_end"),
    }
    _don_log_open = True
    # The "Open" filter and the start date are counted in the relation.
    _don_access_copied = {
        "rec_date": "date_start",
        "rec_state": "stage",
        "rec_ref": "lead_domain_id",
    }

    reference = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        index=True,
    )
    youth_id = fields.Many2one(
        "don.youth",
        string="Young person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    stage = fields.Selection(
        CASE_STAGES,
        required=True,
        default="aanmelding",
        tracking=True,
        index=True,
        group_expand="_group_expand_stage",
    )
    director_id = fields.Many2one(
        "res.users",
        string="Case director",
        tracking=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("don_core.group_don_professional").id)
        ],
        help="The casusregisseur who keeps the case moving.",
    )
    lead_domain_id = fields.Many2one(
        "don.domain", string="Lead domain", tracking=True, ondelete="restrict"
    )
    involved_user_ids = fields.Many2many(
        "res.users",
        "don_case_involved_user_rel",
        "case_id",
        "user_id",
        string="Involved professionals",
        # The group's id from the cached xmlid table: env.ref would ask the
        # database whether the group exists on every read of the field.
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env["ir.model.data"]._xmlid_to_res_id("don_core.group_don_professional"),
            )
        ],
        help="Professionals who work on this case and may see it.",
    )
    summary = fields.Html(
        string="Kernteam summary",
        sanitize_style=True,
        help="What every Kernteam member may know about this case.",
    )
    date_start = fields.Date(
        string="Start date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    date_closed = fields.Date(string="Closing date", tracking=True, copy=False)
    closing_reason = fields.Selection(CLOSING_REASONS, tracking=True, copy=False)
    closing_note = fields.Text(copy=False)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    evaluation_date = fields.Date(
        string="Next evaluation",
        tracking=True,
        help="The case is proposed for the Kernteam agenda from this date.",
    )
    agenda_item_ids = fields.One2many("don.agenda.item", "case_id", string="Agenda items")

    timeline_html = fields.Html(
        string="Timeline",
        compute="_compute_timeline_html",
        sanitize=False,
        help="Signals, stages, contributions, factors, interventions, agenda decisions and "
        "actions of this case that you may see, newest first.",
    )
    note_ids = fields.One2many("don.case.note", "case_id", string="Contributions")
    factor_ids = fields.One2many("don.case.factor", "case_id", string="Risk and protective factors")
    relation_ids = fields.One2many("don.case.relation", "case_id", string="System")
    intervention_ids = fields.One2many("don.intervention", "case_id", string="Interventions")
    goal_ids = fields.One2many("don.case.goal", "case_id", string="Plan (goals)")
    referral_ids = fields.One2many("don.case.referral", "case_id", string="Referrals")
    inform_ids = fields.One2many("don.case.inform", "case_id", string="Informing the person")
    note_count = fields.Integer(compute="_compute_counts")
    intervention_count = fields.Integer(compute="_compute_counts")
    has_hidden_info = fields.Boolean(
        string="More information exists",
        compute="_compute_has_hidden_info",
        help="Other domains hold information on this case that you may not see.",
    )
    is_closed = fields.Boolean(compute="_compute_is_closed")
    retention_date = fields.Date(
        compute="_compute_retention_date",
        store=True,
        index=True,
        copy=False,
        help="From this date the case is proposed to the privacy officer for anonymisation "
        "or deletion (closing date plus the municipality's retention period).",
    )
    privacy_state = fields.Selection(
        [("anonymised", "Anonymised")],
        string="Privacy",
        readonly=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        (
            "closed_dates",
            "CHECK(date_closed IS NULL OR date_closed >= date_start)",
            "The closing date cannot lie before the start date.",
        ),
    ]

    @api.depends_context("uid", "lang")
    def _compute_timeline_html(self):
        self.env["don.timeline"]._compute_timeline_field(self, "_for_case")

    @api.depends("reference")
    def _compute_display_name(self):
        # The case number never identifies the young person: it is the label
        # for everybody (activities, messages, many2one fields).
        for case in self:
            case.display_name = case.reference

    @api.depends("date_closed", "company_id")
    def _compute_retention_date(self):
        policies = {
            policy.company_id: policy
            for policy in self.env["don.retention.policy"]
            .sudo()
            .search([("record_type", "=", "case"), ("company_id", "in", self.company_id.ids)])
        }
        for case in self:
            policy = policies.get(case.company_id)
            case.retention_date = (
                case.date_closed + policy._delta() if case.date_closed and policy else False
            )

    def _group_expand_stage(self, stages, domain):
        return [key for key, _label in CASE_STAGES]

    @api.depends("stage")
    def _compute_is_closed(self):
        for case in self:
            case.is_closed = case.stage == "afgesloten"

    @api.depends_context("uid")
    def _compute_counts(self):
        for fname, model, lines in (
            ("note_count", "don.case.note", "note_ids"),
            ("intervention_count", "don.intervention", "intervention_ids"),
        ):
            if not any(self.env.cache.get_missing_ids(self, self._fields[lines])):
                # The form read the lines for its tab just before (through the
                # record rules): counted in memory, with the record rules
                # checked on them as Odoo checks a read of records it holds
                # (lines another read put there, with sudo, are not counted).
                for case in self:
                    case[fname] = len(case[lines]._filtered_access("read"))
                continue
            counts = dict(
                self.env[model]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"])
            )
            for case in self:
                case[fname] = counts.get(case, 0)

    @api.depends_context("uid")
    def _compute_has_hidden_info(self):
        case_ids = [cid for cid in self.ids if isinstance(cid, int)]
        hidden = set()
        if case_ids:
            # One query over the item tables: items of these cases that are not
            # in the user's access relation. Only a yes/no leaves this method,
            # never a count or content; the records themselves are not read.
            env = self.env
            parts = [
                SQL(
                    """SELECT i.case_id FROM %s i
                        WHERE i.case_id IN %s AND NOT EXISTS (
                              SELECT 1 FROM don_access_entry a
                               WHERE a.res_model = %s AND a.res_id = i.id AND a.user_id = %s)""",
                    SQL.identifier(env[model]._table),
                    tuple(case_ids),
                    model,
                    env.uid,
                )
                for model in CASE_ITEM_MODELS
            ]
            env.flush_all()
            env.cr.execute(SQL(" UNION ").join(parts))
            hidden = {row[0] for row in env.cr.fetchall()}
        for case in self:
            case.has_hidden_info = case.id in hidden

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("youth_id", "company_id")
    def _check_youth(self):
        for case in self:
            if case.youth_id.company_id != case.company_id:
                raise ValidationError(
                    _("The young person and the case must belong to the same municipality.")
                )

    @api.constrains("stage", "closing_reason", "date_closed")
    def _check_closing(self):
        for case in self:
            if case.stage == "afgesloten" and not case.closing_reason:
                raise ValidationError(
                    _("Give the reason for closing case %(ref)s.", ref=case.reference)
                )

    def _check_open_for_contributions(self):
        if self.env.context.get("don_privacy_erase") and self.env.su:
            # The privacy engine anonymises information of closed cases.
            return
        closed = self.filtered(lambda c: c.stage == "afgesloten")
        if closed:
            raise UserError(
                _(
                    "Case %(ref)s is closed: no information can be added or changed. "
                    "Reopen the case first.",
                    ref=closed[0].reference,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        youths = self.env["don.youth"].browse(
            {vals["youth_id"] for vals in vals_list if vals.get("youth_id")}
        )
        # A case gives access to its young person: only open one for a young
        # person you may already see.
        youths.check_access("read")
        archived = youths.with_context(active_test=False).filtered(lambda y: not y.active)
        if archived:
            raise ValidationError(
                _(
                    "%(name)s is archived in the youth register: restore the young person "
                    "before opening a case.",
                    name=archived[0].display_name,
                )
            )
        is_kernteam = self.env.user.has_group("don_core.group_don_kernteam")
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.case") or _("New")
            if vals.get("youth_id") and not vals.get("company_id"):
                vals["company_id"] = youths.browse(vals["youth_id"]).company_id.id
            if not is_kernteam and not self.env.su:
                # A professional who opens a case is involved in it.
                vals["involved_user_ids"] = [
                    *vals.get("involved_user_ids", []),
                    fields.Command.link(self.env.uid),
                ]
            if vals.get("stage") == "afgesloten" and not vals.get("date_closed"):
                vals["date_closed"] = fields.Date.context_today(self)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("stage") == "afgesloten" and "date_closed" not in vals:
            vals["date_closed"] = fields.Date.context_today(self)
        elif vals.get("stage") and vals["stage"] != "afgesloten":
            vals.update(date_closed=False, closing_reason=False)
        # Moving a case to another young person recomputes both young people
        # (don.youth follows its cases back: see don.secured.mixin.write).
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_registrations(self):
        if self.env.context.get("don_privacy_erase") and self.env.su:
            # The retention job deletes closed cases after review.
            return
        for case in self:
            if case.stage != "aanmelding" or case.note_ids or case.intervention_ids:
                raise UserError(
                    _(
                        "Case %(ref)s holds information and cannot be deleted. Close it: the "
                        "retention policy removes it when its retention period ends.",
                        ref=case.reference,
                    )
                )

    # ------------------------------------------------------------------
    # Access relation: every Kernteamlid of the municipality, the case
    # director and the involved professionals.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_all_condition(self, params):
        # Every Kernteamlid sees every case of their municipality.
        return self._don_sql_kernteam(params)

    @api.model
    def _don_access_condition(self, params):
        return SQL(
            """%s OR rec.director_id = u.id OR EXISTS (
                SELECT 1 FROM don_case_involved_user_rel r
                 WHERE r.case_id = rec.id AND r.user_id = u.id)
               OR (%s AND EXISTS (
                SELECT 1 FROM don_agenda_item ai
                  JOIN don_meeting m ON m.id = ai.meeting_id AND m.state != 'cancelled'
                  JOIN don_meeting_attendee_rel ma ON ma.meeting_id = m.id AND ma.user_id = u.id
                  JOIN don_kernteam_member km ON km.kernteam_id = m.kernteam_id
                       AND km.user_id = u.id AND km.active AND km.is_agenda_member
                  JOIN res_company c ON c.id = m.company_id
                 WHERE ai.case_id = rec.id
                   AND m.date + make_interval(days => c.don_om_period_days)
                       >= (now() AT TIME ZONE 'UTC')))
               OR EXISTS (
                SELECT 1 FROM don_emergency_access e
                  JOIN res_company ec ON ec.id = rec.company_id AND ec.don_emergency_access
                 WHERE e.case_id = rec.id AND e.user_id = u.id
                   AND e.date_end > (now() AT TIME ZONE 'UTC'))""",
            self._don_access_all_condition(params),
            self.env["don.access"]._sql_need_to_know(),
        )

    def _search_don_editable(self, operator, value):
        if operator != "=" or value is not True:
            raise NotImplementedError(_("Unsupported search on 'Editable by me'."))
        if self.env.user.has_group("don_core.group_don_kernteam"):
            return [(1, "=", 1)]
        return [("director_id", "=", self.env.uid)]

    don_editable = fields.Boolean(compute="_compute_don_editable", search="_search_don_editable")

    @api.depends_context("uid")
    @api.depends("director_id")
    def _compute_don_editable(self):
        is_kernteam = self.env.user.has_group("don_core.group_don_kernteam")
        for case in self:
            case.don_editable = is_kernteam or case.director_id == self.env.user

    # ------------------------------------------------------------------
    # Access log and actions
    # ------------------------------------------------------------------
    def action_open_timeline(self):
        """The case's timeline on its own screen (not a tab of the form: it
        would be built for every opening of the case)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Timeline"),
            "res_model": "don.case",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("don_core.don_case_view_form_timeline").id, "form")],
            "target": "current",
        }

    def action_print_timeline(self):
        self.ensure_one()
        return self.env.ref("don_core.action_report_don_timeline_case").report_action(self)

    def web_read(self, specification):
        # Opening the form logs the opening once (don.secured.mixin): the
        # timeline computed for it does not log a second time.
        return super(DonCase, self.with_context(don_timeline_in_form=INTERNAL)).web_read(
            specification
        )

    # Opening the record writes the access log: not a read-only request.
    web_read._readonly = False

    def _don_log_involved_any(self, user):
        return bool(self._don_log_listing(user))

    def action_reopen(self):
        self.write({"stage": "nazorg"})

    def _action_items(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("case_id", "=", self.id)],
            "context": {"default_case_id": self.id, "default_company_id": self.company_id.id},
        }

    def action_print_plan(self):
        self.ensure_one()
        return self.env.ref("don_core.action_report_don_case_plan").report_action(self)

    def action_view_notes(self):
        return self._action_items("don.case.note", _("Contributions"))

    def action_view_interventions(self):
        return self._action_items("don.intervention", _("Interventions"))

    # ------------------------------------------------------------------
    # Privacy lifecycle (see don.privacy)
    # ------------------------------------------------------------------
    _don_privacy_fields = ("summary", "closing_note")
    # Where the retention job looks for another young person's name (not the
    # reference).
    _don_name_fields = ("summary", "closing_note")

    def _don_anonymise(self):
        result = super()._don_anonymise()
        self.write({"privacy_state": "anonymised"})
        return result

    def _don_privacy_case_scope(self):
        """{model: records} of this case's own information (not the young
        person): its items, agenda items and actions, and the case."""
        cases = self.sudo().with_context(active_test=False)
        scope = {
            model: self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search([("case_id", "in", cases.ids)])
            for model in (*CASE_ITEM_MODELS, "don.agenda.item", "don.case.goal")
        }
        scope["project.task"] = (
            self.env["project.task"]
            .sudo()
            .with_context(active_test=False)
            .search([("don_case_id", "in", cases.ids)])
        )
        scope["don.access.log"] = (
            self.env["don.access.log"]
            .sudo()
            .search([("res_model", "=", "don.case"), ("res_id", "in", cases.ids)])
        )
        for model in ("don.emergency.access", "don.case.referral", "don.case.inform"):
            scope[model] = self.env[model].sudo().search([("case_id", "in", cases.ids)])
        scope["don.case"] = cases
        return scope
