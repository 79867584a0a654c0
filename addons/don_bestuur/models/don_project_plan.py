# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .don_driehoek_meeting import PERSONAL_REFERENCE

PLAN_STATES = [
    ("draft", "Concept"),
    ("adopted", "Adopted"),
    ("superseded", "Superseded"),
]
# Set by the actions only (numbering, adoption, superseding), never by a
# client's create or write.
PROTECTED_FIELDS = {
    "state",
    "version",
    "adopted_by_id",
    "adopted_on",
    "superseded_by_id",
    "superseded_on",
    "previous_id",
}
# The key under which the actions pass their status values to write: a
# Python object, which no client can send (RPC keys are strings, and no
# context key is trusted).
STATUS_KEY = object()
# The texts of the plan checked for personal data of young people.
TEXT_FIELDS = (
    "name",
    "horizon",
    "aim_preventie",
    "aim_repressie",
    "aim_hulpverlening",
    "target_group",
    "target_group_definition",
    "area_note",
    "pilot_scope",
    "agreements",
)


class DonProjectPlan(models.Model):
    """One version of the plan of the DON project (the 'stip op de
    horizon'): the aims per line, the target group and its definition, the
    area, the pilot with its period and scope, the roles and mandates in
    the Kernteam and the agreements made. A policy document: it holds no
    personal data of young people.

    Versions are numbered per project. A concept is edited by the project
    leader and adopted; an adopted version is read-only and stays the plan
    in force until a later version is adopted, which supersedes it."""

    _name = "don.project.plan"
    _inherit = ["mail.thread"]
    _description = "DON project plan version"
    _order = "project_id, version desc, id desc"

    name = fields.Char(
        string="Title", required=True, tracking=True, default=lambda self: _("Project plan")
    )
    project_id = fields.Many2one(
        "project.project",
        string="DON project",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_don_project', '=', True), ('company_id', 'in', [company_id, False])]",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    version = fields.Integer(readonly=True, copy=False, aggregator=False)
    state = fields.Selection(
        PLAN_STATES,
        string="Status",
        required=True,
        readonly=True,
        default="draft",
        copy=False,
        index=True,
        # Not tracked: the adoption and the superseding are posted as
        # messages in the user's language (a tracked selection keeps the
        # label of the moment, English in the demo data).
    )
    adopted_by_id = fields.Many2one("res.users", string="Adopted by", readonly=True, copy=False)
    adopted_on = fields.Datetime(string="Adopted on", readonly=True, copy=False)
    adoption_note = fields.Char(
        string="Adopted in",
        help="Where the plan was adopted, e.g. 'Driehoek of 12 March 2026' or "
        "'college decision 2026/114'.",
    )
    superseded_by_id = fields.Many2one(
        "don.project.plan", string="Superseded by", readonly=True, copy=False
    )
    superseded_on = fields.Datetime(string="Superseded on", readonly=True, copy=False)
    previous_id = fields.Many2one(
        "don.project.plan",
        string="Based on version",
        readonly=True,
        copy=False,
        help="The version this concept was copied from.",
    )
    # The 'stip op de horizon' and the aims per line.
    horizon = fields.Html(
        string="Point on the horizon",
        sanitize_style=True,
        help="The shared aim of the approach: where the municipality wants to be.",
    )
    aim_preventie = fields.Html(string="Aims: preventie", sanitize_style=True)
    aim_repressie = fields.Html(string="Aims: repressie", sanitize_style=True)
    aim_hulpverlening = fields.Html(string="Aims: hulpverlening", sanitize_style=True)
    goal_ids = fields.Many2many(
        "don.project.goal",
        string="Goals",
        domain="[('project_id', '=', project_id)]",
        help="The goals and indicators of the project this plan version sets.",
    )
    # Target group and area.
    target_group = fields.Char(
        string="Target group", help="In short, e.g. 'young people of 10 to 23 years'."
    )
    target_group_definition = fields.Html(
        string="Definition of the target group",
        sanitize_style=True,
        help="When a young person belongs to the target group: ages, signals, the "
        "'duiding doelgroep' agreed in the Kernteam. No names.",
    )
    neighbourhood_ids = fields.Many2many(
        "don.neighbourhood",
        string="Neighbourhoods",
        domain="[('company_id', '=', company_id)]",
    )
    area_note = fields.Text(
        string="Area", help="The area in words, e.g. the whole municipality or a few streets."
    )
    # The pilot.
    is_pilot = fields.Boolean(string="Pilot")
    pilot_date_start = fields.Date(string="Pilot from")
    pilot_date_end = fields.Date(string="Pilot until")
    pilot_scope = fields.Html(
        string="Scope of the pilot",
        sanitize_style=True,
        help="What the pilot covers and what it does not: lines, partners, neighbourhoods.",
    )
    # Roles, mandates and agreements.
    role_ids = fields.One2many(
        "don.project.plan.role", "plan_id", string="Roles and mandates", copy=True
    )
    agreements = fields.Html(
        sanitize_style=True,
        help="Agreements made: meeting rhythm, signalling route, sharing of data, evaluation "
        "moments.",
    )
    evaluation_ids = fields.One2many("don.evaluation", "plan_id", string="Evaluations")
    evaluation_count = fields.Integer(
        string="Number of evaluations", compute="_compute_evaluation_count"
    )

    _sql_constraints = [
        (
            "version_project_uniq",
            "unique(project_id, version)",
            "Another version with this number was just created for the project: try again.",
        ),
    ]

    def init(self):
        # One adopted version per project: the plan in force.
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS don_project_plan_one_adopted
                    ON don_project_plan (project_id) WHERE state = 'adopted'"""
            )
        )

    @api.depends("name", "version", "state")
    def _compute_display_name(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for plan in self:
            plan.display_name = _(
                "%(name)s, version %(version)s (%(state)s)",
                name=plan.name or "",
                version=plan.version or "-",
                state=states.get(plan.state, ""),
            )

    def _compute_evaluation_count(self):
        # Read as the current user: the mayor and Rapportage read no evaluations.
        if not self.env["don.evaluation"].has_access("read"):
            self.evaluation_count = 0
            return
        counts = dict(
            self.env["don.evaluation"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.evaluation_count = counts.get(plan, 0)

    @api.constrains("project_id", "company_id")
    def _check_project(self):
        for plan in self:
            if not plan.project_id.is_don_project:
                raise ValidationError(_("A project plan belongs to the DON project."))
            if plan.project_id.company_id and plan.project_id.company_id != plan.company_id:
                raise ValidationError(
                    _("The project plan and its project belong to the same municipality.")
                )

    @api.constrains("goal_ids", "project_id")
    def _check_goals(self):
        for plan in self:
            if plan.goal_ids.project_id - plan.project_id:
                raise ValidationError(_("The goals of a project plan are goals of its project."))

    @api.constrains("neighbourhood_ids", "company_id")
    def _check_neighbourhoods(self):
        for plan in self:
            if plan.neighbourhood_ids.company_id - plan.company_id:
                raise ValidationError(
                    _("The neighbourhoods of a project plan are of its municipality.")
                )

    @api.constrains("pilot_date_start", "pilot_date_end")
    def _check_pilot_period(self):
        for plan in self:
            if (
                plan.pilot_date_start
                and plan.pilot_date_end
                and plan.pilot_date_end < plan.pilot_date_start
            ):
                raise ValidationError(_("The pilot ends after it starts."))

    @api.constrains(*TEXT_FIELDS)
    def _check_no_personal_data(self):
        """A policy document: no case or register numbers and no names of
        young people of the register. The register is searched in SQL,
        without reading it: only whether a name occurs is used, and the
        refusal names none (the user may not see that young person)."""
        for plan in self:
            # Each text as typed and without its tags (see _don_plain_text).
            texts = [plan[fname] or "" for fname in TEXT_FIELDS]
            for role in plan.role_ids:
                texts += [role.name or "", role.holder or "", role.organisation or ""]
                texts.append(role.mandate or "")
            plain = self.env["don.driehoek.meeting"]._don_plain_text(texts)
            if not plain.strip():
                continue
            if PERSONAL_REFERENCE.search(plain):
                raise ValidationError(
                    _("A project plan holds no personal data: remove the case or register number.")
                )
            self.env.cr.execute(
                SQL(
                    """SELECT 1 FROM don_youth
                        WHERE company_id = %s AND length(name) > 3
                          AND strpos(lower(%s), lower(name)) > 0 LIMIT 1""",
                    plan.company_id.id,
                    plain,
                )
            )
            if self.env.cr.fetchone():
                raise ValidationError(
                    _(
                        "A project plan holds no personal data: the text names a young person "
                        "of the register. Describe the target group without names."
                    )
                )

    # ------------------------------------------------------------------
    # Numbering and read-only versions
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            protected = PROTECTED_FIELDS & set(vals)
            if protected:
                raise UserError(
                    _("The version, status and adoption of a project plan are set by its buttons.")
                )
        plans = super().create(vals_list)
        plans._assign_versions()
        return plans

    def _assign_versions(self):
        """Number the new versions per project: 1, 2, ... The highest number
        is read in SQL over all versions of the project (also those the user
        may not read, e.g. of another company's copy of the project): a
        counter, no content. A concurrent creation hits the unique
        constraint on (project, version)."""
        following = {}
        for plan in self.sorted("id"):
            project = plan.project_id.id
            if project not in following:
                self.flush_model(["project_id", "version"])
                self.env.cr.execute(
                    SQL(
                        "SELECT COALESCE(MAX(version), 0) FROM don_project_plan "
                        "WHERE project_id = %s AND id NOT IN %s",
                        project,
                        tuple(self.ids),
                    )
                )
                following[project] = self.env.cr.fetchone()[0]
            following[project] += 1
            # Numbering is not an edit.
            plan.write({STATUS_KEY: {"version": following[project]}})

    def write(self, vals):
        if STATUS_KEY in vals:
            # From the actions of this model only (see STATUS_KEY): the
            # numbering, adoption and superseding of a version.
            status = vals[STATUS_KEY]
            if set(vals) != {STATUS_KEY} or not set(status) <= PROTECTED_FIELDS:
                raise UserError(
                    _("The version, status and adoption of a project plan are set by its buttons.")
                )
            return super().write(status)
        if PROTECTED_FIELDS & set(vals):
            raise UserError(
                _("The version, status and adoption of a project plan are set by its buttons.")
            )
        if "project_id" in vals and self.filtered(
            lambda plan: plan.project_id.id != vals["project_id"]
        ):
            # The version number counts the versions of one project.
            raise UserError(_("A version of the project plan stays with its project."))
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(
                _(
                    "An adopted project plan can no longer be changed: make a new version "
                    "and adopt that one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_concepts(self):
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(
                _("An adopted project plan is kept: only a concept version can be deleted.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_projectleider(self):
        if not self.env.su and not self.env.user.has_group("don_core.group_don_projectleider"):
            raise AccessError(_("Only the project leader adopts and versions the project plan."))

    def action_adopt(self):
        """Adopt the concept: it becomes the plan in force of its project,
        and the version adopted before is superseded by it."""
        self._check_projectleider()
        self.check_access("write")
        if len(self.project_id) != len(self):
            raise UserError(_("Adopt one version per project at a time."))
        now = fields.Datetime.now()
        for plan in self:
            if plan.state != "draft":
                raise UserError(_("Only a concept version can be adopted."))
            if plan.is_pilot and not (plan.pilot_date_start and plan.pilot_date_end):
                raise UserError(_("Give the period of the pilot before adopting the plan."))
            current = self.search(
                [("project_id", "=", plan.project_id.id), ("state", "=", "adopted")]
            )
            if current.version > plan.version:
                raise UserError(
                    _(
                        "A later version (%(version)s) is already adopted: make a new version "
                        "from it.",
                        version=current.version,
                    )
                )
            # The status changes, the content not.
            current.write(
                {
                    STATUS_KEY: {
                        "state": "superseded",
                        "superseded_by_id": plan.id,
                        "superseded_on": now,
                    }
                }
            )
            # Superseded first: one adopted version per project (index).
            current.flush_recordset()
            plan.write(
                {STATUS_KEY: {"state": "adopted", "adopted_by_id": self.env.uid, "adopted_on": now}}
            )
            plan.message_post(
                body=_(
                    "Adopted by %(user)s: version %(version)s is the project plan in force.",
                    user=self.env.user.name,
                    version=plan.version,
                )
            )
            if current:
                current.message_post(
                    body=_("Superseded by version %(version)s.", version=plan.version)
                )
        return True

    def action_new_version(self):
        """A new concept copied from this version (roles, goals,
        neighbourhoods and texts), opened in the form."""
        self.ensure_one()
        self._check_projectleider()
        self.check_access("read")
        self.env["don.project.plan"].check_access("create")
        new = self.copy()
        new.write({STATUS_KEY: {"previous_id": self.id}})
        return {
            "type": "ir.actions.act_window",
            "name": _("Project plan"),
            "res_model": "don.project.plan",
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_print(self):
        return self.env.ref("don_bestuur.action_report_don_project_plan").report_action(self)

    def action_view_evaluations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Evaluations"),
            "res_model": "don.evaluation",
            "view_mode": "list,form",
            "domain": [("plan_id", "=", self.id)],
            "context": {"default_project_id": self.project_id.id, "default_plan_id": self.id},
        }

    def _don_reader_lang(self):
        """The language the plan is printed in: the municipality's."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang
        if lang and self.env["res.lang"]._lang_get(lang):
            return lang
        return self.env.lang

    @api.model
    def _don_demo_adopt(self, plan_ids, user_xmlid):
        """Demo data: adopt the versions as the demo project leader."""
        user = self.env.ref(user_xmlid)
        self.browse(plan_ids).with_user(user).with_context(lang=user.lang).action_adopt()
