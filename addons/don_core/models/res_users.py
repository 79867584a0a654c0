# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models, tools
from odoo.exceptions import AccessError

ACCESS_USER_FIELDS = ("groups_id", "company_ids", "active", "share")
# Fields that decide whether the strong-login gate lets a user through.
TWO_FA_USER_FIELDS = ("totp_secret", "groups_id", "company_ids", "active")


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
        if any(
            fname in TWO_FA_USER_FIELDS or fname.startswith(("in_group_", "sel_groups_"))
            for fname in vals
        ):
            # The strong-login gate is cached per user (_don_2fa_missing).
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------
    # Strong login: DON roles that open personal data need 2FA
    # ------------------------------------------------------------------
    def _don_2fa_missing(self):
        """True when this user holds a DON role that opens personal data,
        one of their municipalities requires two-factor authentication and
        they have not enabled it. The superuser (cron, install) is never refused.

        Asked by the record rule of every secured model, so on every search:
        the answer is cached per user, and the cache is cleared when one of
        its inputs changes (the user's 2FA secret, groups, companies or
        active flag; a group's members; a company's setting)."""
        self.ensure_one()
        if self._is_superuser():
            return False
        return self._don_2fa_missing_for(self.id)

    @api.model
    @tools.ormcache("uid")
    def _don_2fa_missing_for(self, uid):
        user = self.browse(uid)
        if not (
            user.has_group("don_core.group_don_professional")
            or user.has_group("don_core.group_don_privacy")
        ):
            return False
        if not any(user.company_ids.mapped("don_require_2fa")):
            return False
        return not user.totp_enabled

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
