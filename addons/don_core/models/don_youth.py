# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.internal import INTERNAL
from .don_secured_mixin import KERNTEAM_INPUTS


class DonYouth(models.Model):
    """A young person in the restricted youth register.

    Deliberately not a res.partner: partners are readable by every internal
    user and matched with sudo by the mail gateway. Minimal data only.
    """

    _name = "don.youth"
    _inherit = ["don.secured.mixin", "mail.thread", "image.mixin"]
    _description = "Young person"
    _order = "name, id"
    _mail_post_access = "read"

    _don_access_fields = ("company_id",)
    # Whoever may see one of the youth's cases sees the young person.
    _don_access_follows_back = (("don.case", "youth_id"),)
    _don_access_inputs = KERNTEAM_INPUTS
    _don_log_open = True

    reference = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        index=True,
    )
    name = fields.Char(string="Full name", required=True, tracking=True, index="trigram")
    date_of_birth = fields.Date(string="Date of birth", tracking=True)
    age = fields.Integer(compute="_compute_age")
    street = fields.Char()
    zip = fields.Char(string="Postcode")
    city = fields.Char(string="Place")
    neighbourhood_id = fields.Many2one(
        "don.neighbourhood",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    school_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain=[("don_org_type", "=", "school")],
    )
    club_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain=[("don_org_type", "=", "sportclub")],
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True, tracking=True)
    case_ids = fields.One2many("don.case", "youth_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_count")
    privacy_state = fields.Selection(
        [("anonymised", "Anonymised")],
        string="Privacy",
        readonly=True,
        copy=False,
        index=True,
    )
    timeline_html = fields.Html(
        string="Timeline",
        compute="_compute_timeline_html",
        sanitize=False,
        help="Signals, stages, contributions, factors, interventions, agenda decisions and "
        "actions of this young person that you may see, newest first.",
    )

    @api.depends_context("uid", "lang")
    def _compute_timeline_html(self):
        self.env["don.timeline"]._compute_timeline_field(self, "_for_youth")

    @api.depends("date_of_birth")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for youth in self:
            youth.age = (
                relativedelta(today, youth.date_of_birth).years if youth.date_of_birth else 0
            )

    def _compute_case_count(self):
        counts = dict(
            self.env["don.case"]
            .with_context(active_test=False)
            ._read_group([("youth_id", "in", self.ids)], ["youth_id"], ["__count"])
        )
        for youth in self:
            youth.case_count = counts.get(youth, 0)

    @api.depends_context("uid")
    @api.depends("name", "reference")
    def _compute_display_name(self):
        # Labels are read with sudo (many2one fields elsewhere): only users in
        # the access relation get the name, everybody else the reference.
        for youth in self:
            if not isinstance(youth.id, int) or youth.don_visible:
                youth.display_name = youth.name
            else:
                # sudo: the register number only, which does not identify the
                # young person, for a label the user may see (a relation).
                youth.display_name = youth.sudo().reference

    @api.constrains("date_of_birth")
    def _check_date_of_birth(self):
        today = fields.Date.context_today(self)
        for youth in self:
            if youth.date_of_birth and youth.date_of_birth > today:
                raise ValidationError(
                    _("The date of birth of %(name)s lies in the future.", name=youth.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.youth") or _("New")
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Access relation: every Kernteamlid of the municipality, and whoever
    # may see one of the youth's cases.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_all_condition(self, params):
        # Every Kernteamlid sees every youth of their municipality.
        return self._don_sql_kernteam(params)

    @api.model
    def _don_access_condition(self, params):
        return SQL(
            """%s OR EXISTS (
                SELECT 1 FROM don_case c
                  JOIN don_access_entry a ON a.res_model = 'don.case'
                                         AND a.res_id = c.id AND a.user_id = u.id
                 WHERE c.youth_id = rec.id)""",
            self._don_access_all_condition(params),
        )

    # ------------------------------------------------------------------
    # Access log and actions
    # ------------------------------------------------------------------
    def web_read(self, specification):
        # Opening the form logs the opening once (don.secured.mixin): the
        # timeline computed for it does not log a second time.
        return super(DonYouth, self.with_context(don_timeline_in_form=INTERNAL)).web_read(
            specification
        )

    # Opening the record writes the access log: not a read-only request.
    web_read._readonly = False

    def _don_log_involved(self, user):
        # A young person's file: involved when involved in one of their cases.
        return all(youth.case_ids._don_log_involved_any(user) for youth in self)

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("don_core.don_case_action")
        action["domain"] = [("youth_id", "=", self.id)]
        action["context"] = {"default_youth_id": self.id, "active_test": False}
        return action

    def action_print_timeline(self):
        self.ensure_one()
        return self.env.ref("don_core.action_report_don_timeline_youth").report_action(self)

    def action_open_network(self):
        self.ensure_one()
        return self.env["don.network.relation"]._network_action(self)

    # ------------------------------------------------------------------
    # Privacy lifecycle hooks (see don.privacy and readme/DEVELOP.md)
    # ------------------------------------------------------------------
    _don_privacy_fields = ("date_of_birth", "street", "zip", "city", "school_id", "club_id")

    def _don_privacy_related_records(self):
        """Everything the suite holds about this young person, as
        {model name: recordset} (sudo). Other addons extend the dict with
        their own records (super() first). Every model in it implements
        ``_don_privacy_erase(youth, mode)`` and ``_don_privacy_export(youth)``.
        """
        self.ensure_one()
        youth = self.sudo().with_context(active_test=False)
        scope = youth.case_ids._don_privacy_case_scope()
        scope["don.case.relation"] |= (
            self.env["don.case.relation"]
            .sudo()
            .with_context(active_test=False)
            .search([("related_youth_id", "=", youth.id)])
        )
        scope["don.access.log"] = self.env["don.access.log"].sudo().search(
            [
                "|",
                "|",
                ("youth_id", "=", youth.id),
                ("subject_ref", "=", youth.reference),
                ("youth_ids", "in", youth.ids),
            ]
        ) | scope.get("don.access.log", self.env["don.access.log"])
        scope["don.subject.request"] = (
            self.env["don.subject.request"].sudo().search([("youth_id", "=", youth.id)])
        )
        scope["don.network.relation"] = (
            self.env["don.network.relation"]
            .sudo()
            .with_context(active_test=False)
            .search(["|", ("source_youth_id", "=", youth.id), ("target_youth_id", "=", youth.id)])
        )
        scope["don.youth"] = youth
        return scope

    def unlink(self):
        ids = self.ids
        result = super().unlink()
        # The access log keeps that the consultations took place, not a link
        # to a young person no longer in the register.
        self.env["don.access.log"]._forget_youths(ids)
        return result

    def _don_anonymise(self):
        result = super()._don_anonymise()
        for youth in self:
            youth.write(
                {
                    "name": _("Anonymised %(ref)s", ref=youth.reference),
                    "image_1920": False,
                    "privacy_state": "anonymised",
                    "active": False,
                }
            )
        return result
