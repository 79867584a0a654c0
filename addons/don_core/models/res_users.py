# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

ACCESS_USER_FIELDS = ("groups_id", "company_ids", "active", "share")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self.env["don.access"]._recompute(user_ids=users.ids)
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(
            fname in ACCESS_USER_FIELDS or fname.startswith(("in_group_", "sel_groups_"))
            for fname in vals
        ):
            self.env["don.access"]._recompute(user_ids=self.ids)
        return result

    # ------------------------------------------------------------------
    # Strong login: DON roles that open personal data need 2FA
    # ------------------------------------------------------------------
    def _don_2fa_missing(self):
        """True when this user holds a DON role that opens personal data,
        one of their municipalities requires two-factor authentication and
        they have not enabled it. The superuser (cron, install) is never refused."""
        self.ensure_one()
        if self._is_superuser():
            return False
        if not (
            self.has_group("don_core.group_don_professional")
            or self.has_group("don_core.group_don_privacy")
        ):
            return False
        if not any(self.company_ids.mapped("don_require_2fa")):
            return False
        return not self.totp_enabled

    @api.model
    def _don_check_2fa(self):
        """Refuse DON data to the current user without two-factor authentication.

        Not skipped in sudo mode: record rules evaluate their domain (and so
        the search methods that call this) as superuser, with the user's uid.
        Code that reads with sudo() on purpose does not pass a rule."""
        if self.env.user._don_2fa_missing():
            raise AccessError(
                _(
                    "Your municipality requires two-factor authentication for DON. "
                    "Enable it first: open your Preferences (click your name at the top "
                    "right), tab Account Security, and switch on Two-factor "
                    "Authentication. Then open DON again."
                )
            )
