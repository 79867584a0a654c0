# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import contextvars

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .don_secured_mixin import KERNTEAM_INPUTS

SHARING_LEVELS = [
    ("involved", "Only the involved persons listed"),
    ("domain", "Own domain"),
    ("kernteam", "Kernteam"),
]
# Wider level = higher rank; 'involved' is the narrowest.
SHARING_RANK = {"involved": 0, "domain": 1, "kernteam": 2}
# The share act in progress in this thread or task: (model, ids) of the one
# record don.share.wizard.action_apply is changing, or None.
_SHARE_ACT = contextvars.ContextVar("don_share_act", default=None)


class DonSharedMixin(models.AbstractModel):
    """A piece of personal information with a domain and a sharing level.

    Visible to: its author and responsible, the users listed on it, users of
    its domain who can see its case (level ``domain`` or ``kernteam``), and
    every Kernteamlid (level ``kernteam``). Widening is an explicit act with a
    legal basis, recorded in the chatter of the item.
    """

    _name = "don.shared.mixin"
    _inherit = ["don.secured.mixin", "mail.thread"]
    _description = "DON shared information"

    _don_access_fields = (
        "company_id",
        "case_id",
        "domain_id",
        "sharing_level",
        "user_ids",
        "author_id",
    )
    # The information follows its case; a domain's group decides who is in it.
    _don_access_follows = (("don.case", "case_id"),)
    _don_access_inputs = {**KERNTEAM_INPUTS, "don.domain": ("group_id",)}
    # Extra user columns that are always in the audience.
    _don_audience_columns = ("author_id",)
    # Many2many table and columns of the explicitly involved users.
    _don_users_relation = None

    case_id = fields.Many2one("don.case", index=True, ondelete="cascade", tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    domain_id = fields.Many2one(
        "don.domain",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env["don.domain"]._default_for_user(),
        help="The domain the information comes from and belongs to.",
    )
    sharing_level = fields.Selection(
        SHARING_LEVELS,
        string="Sharing level",
        required=True,
        default="domain",
        tracking=True,
        help="Own domain: users of this domain involved in the case. Kernteam: also "
        "every Kernteam member, with a legal basis. Involved: only the persons listed.",
    )
    legal_basis_id = fields.Many2one(
        "don.legal.basis",
        string="Legal basis",
        ondelete="restrict",
        tracking=True,
        help="Convenant article or law that allows sharing with the Kernteam.",
    )
    author_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    don_editable = fields.Boolean(
        string="Editable by me",
        compute="_compute_don_editable",
        search="_search_don_editable",
    )

    @api.constrains("sharing_level", "legal_basis_id")
    def _check_legal_basis(self):
        for record in self:
            if record.sharing_level == "kernteam" and not record.legal_basis_id:
                raise ValidationError(
                    _(
                        "Sharing with the Kernteam needs a legal basis "
                        "(convenant article). Choose one first."
                    )
                )

    @api.constrains("case_id", "company_id")
    def _check_case_company(self):
        for record in self:
            if record.case_id and record.case_id.company_id != record.company_id:
                raise ValidationError(
                    _("Information must belong to the same municipality as its case.")
                )

    @api.model
    def _don_editable_domain(self):
        """Who edits: the author (and responsible), and users of the owning
        domain. Reading is decided by the access relation on top of this."""
        # sudo: the domain catalogue itself is not sensitive; only its group
        # ids are compared with the current user's own groups.
        own_domains = (
            self.env["don.domain"].sudo().search([("group_id", "in", self.env.user.groups_id.ids)])
        )
        domain = [("domain_id", "in", own_domains.ids)]
        for column in self._don_audience_columns:
            domain = expression.OR([domain, [(column, "=", self.env.uid)]])
        return domain

    def _search_don_editable(self, operator, value):
        if operator != "=" or value is not True:
            raise NotImplementedError(_("Unsupported search on 'Editable by me'."))
        return self._don_editable_domain()

    @api.depends_context("uid")
    @api.depends("author_id", "domain_id")
    def _compute_don_editable(self):
        editable = self.filtered_domain(self._don_editable_domain())
        for record in self:
            record.don_editable = record in editable

    # ------------------------------------------------------------------
    # Access relation
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        table, rec_col, user_col = self._don_users_relation
        audience = [SQL("rec.%s = u.id", SQL.identifier(col)) for col in self._don_audience_columns]
        audience.append(
            SQL(
                "EXISTS (SELECT 1 FROM %s r WHERE r.%s = rec.id AND r.%s = u.id)",
                SQL.identifier(table),
                SQL.identifier(rec_col),
                SQL.identifier(user_col),
            )
        )
        kernteam = self._don_sql_kernteam(params)
        audience.append(
            SQL(
                """(rec.sharing_level IN ('domain', 'kernteam')
                    AND EXISTS (SELECT 1 FROM don_domain d
                                  JOIN %s dg(hid, via) ON dg.hid = d.group_id
                                  JOIN res_groups_users_rel gd ON gd.gid = dg.via
                                 WHERE d.id = rec.domain_id AND gd.uid = u.id)
                    AND CASE WHEN rec.case_id IS NULL THEN %s ELSE %s END)""",
                self.env["don.access"]._sql_implying_pairs(params, params["domain_groups"]),
                kernteam,
                self._don_sql_sees("don.case", SQL("rec.case_id")),
            )
        )
        audience.append(SQL("(rec.sharing_level = 'kernteam' AND %s)", kernteam))
        return SQL(" OR ").join(audience)

    # ------------------------------------------------------------------
    # Create / write guards
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["don.case"].browse(
            {vals["case_id"] for vals in vals_list if vals.get("case_id")}
        )
        # Recording information on a case needs read access to that case, and
        # the case must still be open.
        cases.check_access("read")
        cases._check_open_for_contributions()
        if not self.env.su:
            # sudo: domain catalogue (configuration) matched against the
            # current user's own groups.
            own = (
                self.env["don.domain"]
                .sudo()
                .search([("group_id", "in", self.env.user.groups_id.ids)])
            )
            for vals in vals_list:
                domain_id = vals.get("domain_id") or own[:1].id
                if domain_id not in own.ids:
                    raise AccessError(_("You can only record information for your own domain(s)."))
        for vals in vals_list:
            if vals.get("case_id") and not vals.get("company_id"):
                vals["company_id"] = cases.browse(vals["case_id"]).company_id.id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # The share act. Widening who sees an item (a wider level, more persons,
    # another domain) is only possible inside don.share.wizard.action_apply,
    # which records the legal basis and the reason. The permission is a
    # token held in a context variable of this process, set by that method
    # only for the one record it changes: no context key, field or argument
    # of a client request can set it.
    # ------------------------------------------------------------------
    def _don_in_share_act(self):
        token = _SHARE_ACT.get()
        return bool(self) and token == (self._name, tuple(self.ids))

    @contextlib.contextmanager
    def _don_share_act(self):
        """The share act on this record (for don.share.wizard only)."""
        self.ensure_one()
        reset = _SHARE_ACT.set((self._name, (self.id,)))
        try:
            yield
        finally:
            _SHARE_ACT.reset(reset)

    def write(self, vals):
        in_act = self._don_in_share_act()
        if not in_act:
            self._don_check_not_widened(vals)
        if set(vals) - {"message_main_attachment_id"}:
            self.case_id._check_open_for_contributions()
        if "user_ids" not in vals or in_act:
            return super().write(vals)
        before = {record.id: set(record.user_ids.ids) for record in self}
        result = super().write(vals)
        if any(set(record.user_ids.ids) - before[record.id] for record in self):
            # Raising rolls the whole write back: nothing is half saved.
            raise UserError(
                _(
                    "Sharing with more persons is an explicit act: use the button "
                    "'Share wider' and record the legal basis."
                )
            )
        return result

    def _don_check_not_widened(self, vals):
        if "sharing_level" in vals:
            widened = self.filtered(
                lambda r: (
                    SHARING_RANK.get(vals["sharing_level"], len(SHARING_RANK))
                    > SHARING_RANK[r.sharing_level]
                )
            )
            if widened:
                raise UserError(
                    _(
                        "Widening the sharing level is an explicit act: use the button "
                        "'Share wider' and record the legal basis."
                    )
                )
        if "domain_id" in vals and self.filtered(lambda r: r.domain_id.id != vals["domain_id"]):
            # Another domain is another audience: its users read the item.
            raise UserError(
                _(
                    "Moving information to another domain shares it with that domain: use "
                    "the button 'Share wider' and record the legal basis."
                )
            )

    def action_open_share_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Share wider"),
            "res_model": "don.share.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_sharing_level": "kernteam",
            },
        }
