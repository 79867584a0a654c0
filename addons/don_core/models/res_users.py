# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError

# Fields that decide whether the strong-login gate lets a user through
# (besides the groups, companies and active flag compared in write).
TWO_FA_USER_FIELDS = ("totp_secret",)


class ResUsers(models.Model):
    _inherit = "res.users"

    don_kernteam_group_ids = fields.Many2many(
        "res.groups",
        "don_kernteam_granted_group_rel",
        "user_id",
        "group_id",
        string="Groups given by Kernteam membership",
        readonly=True,
        groups="base.group_erp_manager",
        help="The groups that Kernteam membership added to this user (not given by hand): "
        "taken away again when the user leaves the last Kernteam or changes role.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self.env["don.access"]._recompute(user_ids=users.ids)
        users._don_apply_home_action()
        return users

    def write(self, vals):
        # The access relation depends on the users' groups (through the
        # implied-group closure), companies and active flag: compare them
        # before and after whatever fields were written (field names such as
        # groups_id, in_group_* or sel_groups_* change between Odoo
        # versions; a missed change must never leave access in place).
        before = self.env["don.access"]._user_access_inputs(self.ids)
        result = super().write(vals)
        changed = self.env["don.access"]._recompute_changed_users(before, self.ids)
        if changed or any(fname in vals for fname in TWO_FA_USER_FIELDS):
            # The strong-login gate is cached per user (_don_2fa_missing).
            self.env.registry.clear_cache()
        if "action_id" not in vals and any(
            fname.startswith(("groups_id", "in_group_", "sel_groups_")) for fname in vals
        ):
            self._don_apply_home_action()
        return result

    # ------------------------------------------------------------------
    # Where a DON role lands after logging in
    # ------------------------------------------------------------------
    @api.model
    def _don_home_actions(self):
        """(group, action) by precedence: a person starts on their own work.
        Other DON addons add their roles (Rapportage, the mayor)."""
        return [
            ("don_core.group_don_projectleider", "don_core.don_kernteam_action"),
            ("don_core.group_don_kernteam", "don_core.don_case_action"),
            ("don_core.group_don_privacy", "don_core.don_access_log_action"),
            ("don_core.group_don_professional", "don_core.don_case_action"),
        ]

    def _don_apply_home_action(self):
        """Give users without a home action of their own the home action of
        their DON role (and take a DON home action away with the role).
        A home action an administrator chose is left alone."""
        pairs = []
        for group_xmlid, action_xmlid in self._don_home_actions():
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action:
                pairs.append((group, action))
        don_actions = {action.id for _group, action in pairs}
        by_action = {}
        for user in self.sudo():
            if user.action_id and user.action_id.id not in don_actions:
                continue
            target = next((action.id for group, action in pairs if group in user.groups_id), False)
            if target != user.action_id.id:
                by_action.setdefault(target, self.browse())
                by_action[target] |= user
        for action_id, users in by_action.items():
            # sudo: only the home action of users whose DON role decides it
            # (the users' own form may not be writable by whoever changed
            # their groups, e.g. through a Kernteam membership).
            users.sudo().write({"action_id": action_id})

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
