# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class DonStrongLoginMixin(models.AbstractModel):
    """Privacy records (access log, retention proposals, data-subject
    requests) are refused to a DON user without two-factor authentication
    when the municipality requires it: a global record rule
    ``[('don_2fa_ok', '=', True)]`` passes through the search below, like the
    ``don_visible`` rule of the secured models."""

    _name = "don.strong.login.mixin"
    _description = "DON strong login check"

    don_2fa_ok = fields.Boolean(
        string="Strong login",
        compute="_compute_don_2fa_ok",
        search="_search_don_2fa_ok",
        help="Technical: the current user meets the two-factor requirement.",
    )

    @api.depends_context("uid")
    def _compute_don_2fa_ok(self):
        missing = self.env.user._don_2fa_missing()
        for record in self:
            record.don_2fa_ok = not missing

    def _search_don_2fa_ok(self, operator, value):
        if operator != "=" or value is not True:
            raise NotImplementedError(_("Unsupported search on 'Strong login'."))
        self.env["res.users"]._don_check_2fa()
        return [(1, "=", 1)]
