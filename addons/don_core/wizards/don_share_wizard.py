# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.don_shared_mixin import SHARING_LEVELS, SHARING_RANK
from .wizard_input import clean_wizard_vals


class DonShareWizard(models.TransientModel):
    """Widen or narrow the sharing level of one piece of information,
    recording the legal basis and the reason in its chatter."""

    _name = "don.share.wizard"
    _description = "Change the sharing level"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    current_level = fields.Selection(SHARING_LEVELS, compute="_compute_current", string="Now")
    sharing_level = fields.Selection(SHARING_LEVELS, string="New level", required=True)
    legal_basis_id = fields.Many2one("don.legal.basis", string="Legal basis")
    user_ids = fields.Many2many(
        "res.users",
        string="Also share with",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("don_core.group_don_professional").id)
        ],
    )
    domain_id = fields.Many2one(
        "don.domain",
        string="Move to domain",
        help="Hand the information over to another domain: its users read it from then on.",
    )
    reason = fields.Text(required=True, help="Why the information is shared this way.")

    @api.model
    def _clean_vals(self, vals, create=False):
        """What a client sends, checked before it is stored: no NUL bytes
        in the text (the database refuses them), a sharing level of the
        list (else a clear error instead of a server error)."""
        vals = clean_wizard_vals(self, vals, create=create)
        if "sharing_level" in vals and vals["sharing_level"] not in SHARING_RANK:
            raise ValidationError(_("Choose one of the sharing levels of the list."))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._clean_vals(vals, create=True) for vals in vals_list])

    def write(self, vals):
        return super().write(self._clean_vals(vals))

    @api.depends("res_model", "res_id")
    def _compute_current(self):
        for wizard in self:
            model = wizard._shared_model()
            record = model.browse(wizard.res_id).exists() if model is not None else None
            wizard.current_level = record.sharing_level if record else False

    def _shared_model(self):
        """The model of the record to share, when it has a sharing level."""
        self.ensure_one()
        if self.res_model not in self.env or "sharing_level" not in self.env[self.res_model]:
            return None
        return self.env[self.res_model]

    def _record(self):
        self.ensure_one()
        model = self._shared_model()
        if model is None:
            raise UserError(_("This record cannot be shared."))
        record = model.browse(self.res_id).exists()
        if not record:
            raise UserError(_("The information to share no longer exists."))
        return record

    def _check_audience(self, record):
        """The persons, the domain and the legal basis the client sent, as
        the form offers them (a field's domain is not enforced by the
        server): DON professionals of the record's municipality, an active
        domain, a legal basis of that municipality or of every one."""
        # sudo: only the groups and companies of the chosen users are read,
        # to refuse who may not receive the information.
        users = self.user_ids.sudo()
        professional = self.env.ref("don_core.group_don_professional")
        outsiders = users.filtered(
            lambda user: (
                user.share
                or not user.active
                or professional not in user.groups_id
                or record.company_id not in user.company_ids
            )
        )
        if outsiders:
            raise ValidationError(
                _(
                    "%(users)s cannot receive this information: share only with DON "
                    "professionals of %(company)s.",
                    users=", ".join(outsiders.mapped("name")),
                    company=record.company_id.name,
                )
            )
        # sudo: the catalogue rows themselves (configuration), to compare
        # their municipality with the record's.
        basis = self.legal_basis_id.sudo()
        if basis and (
            not basis.active or (basis.company_id and basis.company_id != record.company_id)
        ):
            raise ValidationError(_("Choose a legal basis of this municipality."))
        if self.domain_id and not self.domain_id.sudo().active:
            raise ValidationError(_("Choose an active domain."))

    def action_apply(self):
        self.ensure_one()
        record = self._record()
        record.check_access("write")
        self._check_audience(record)
        moved = bool(self.domain_id) and self.domain_id != record.domain_id
        widening = (
            SHARING_RANK[self.sharing_level] > SHARING_RANK[record.sharing_level]
            or bool(self.user_ids - record.user_ids)
            or moved
        )
        if self.sharing_level == "kernteam" and not (self.legal_basis_id or record.legal_basis_id):
            raise UserError(_("Sharing with the Kernteam needs a legal basis."))
        if widening and not self.legal_basis_id:
            raise UserError(
                _("Widening the sharing level or sharing with more persons needs a legal basis.")
            )
        vals = {"sharing_level": self.sharing_level}
        if self.legal_basis_id:
            vals["legal_basis_id"] = self.legal_basis_id.id
        if self.user_ids:
            vals["user_ids"] = [fields.Command.link(user.id) for user in self.user_ids]
        if moved:
            vals["domain_id"] = self.domain_id.id
        # The share act: this write, on this record only, may widen (checked
        # above: write access, legal basis; the reason is posted below).
        with record._don_share_act():
            record.write(vals)
        levels = dict(SHARING_LEVELS)
        record.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                _(
                    "Sharing level changed to %(level)s (legal basis: %(basis)s).",
                    level=dict(self._fields["sharing_level"]._description_selection(self.env))[
                        self.sharing_level
                    ]
                    if self.sharing_level in levels
                    else self.sharing_level,
                    basis=(self.legal_basis_id or record.legal_basis_id).display_name or _("none"),
                ),
                (
                    _("Moved to domain %(domain)s.", domain=self.domain_id.display_name)
                    + " "
                    + self.reason
                    if moved
                    else self.reason
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
