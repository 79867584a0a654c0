# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.don_shared_mixin import SHARING_LEVELS, SHARING_RANK


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

    @api.depends("res_model", "res_id")
    def _compute_current(self):
        for wizard in self:
            wizard.current_level = wizard._record().sharing_level

    def _record(self):
        self.ensure_one()
        if self.res_model not in self.env or "sharing_level" not in self.env[self.res_model]:
            raise UserError(_("This record cannot be shared."))
        return self.env[self.res_model].browse(self.res_id).exists()

    def action_apply(self):
        self.ensure_one()
        record = self._record()
        record.check_access("write")
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
