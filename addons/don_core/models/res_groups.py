# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Fields of a group that change no membership (the names, ACL and menus):
# a write of only these skips the comparison below. Any other field, also
# one a later Odoo adds or renames, is compared (fail closed).
NO_MEMBERSHIP_FIELDS = frozenset(
    {
        "name",
        "comment",
        "color",
        "sequence",
        "category_id",
        "share",
        "api_key_duration",
        "model_access",
        "rule_groups",
        "menu_access",
        "view_access",
    }
)


class ResGroups(models.Model):
    _inherit = "res.groups"

    # A change of groups changes the users' access inputs (their groups
    # through the implied-group closure, see don.access._user_access_inputs)
    # in ways the ORM does not always write through res.users (implied
    # groups are added in SQL, removed groups cascade): compare the inputs of
    # every user before and after, and recompute those whose inputs changed
    # (module updates rewrite many groups without any change of membership).

    @api.model_create_multi
    def create(self, vals_list):
        before = self.env["don.access"]._user_access_inputs()
        groups = super().create(vals_list)
        self._don_after_membership_change(before)
        return groups

    def write(self, vals):
        if set(vals) <= NO_MEMBERSHIP_FIELDS:
            return super().write(vals)
        before = self.env["don.access"]._user_access_inputs()
        result = super().write(vals)
        self._don_after_membership_change(before)
        return result

    def unlink(self):
        before = self.env["don.access"]._user_access_inputs()
        result = super().unlink()
        self._don_after_membership_change(before)
        return result

    @api.model
    def _don_after_membership_change(self, before):
        # don.access._group_closure, and the strong-login gate, cached per
        # user (res.users._don_2fa_missing).
        self.env.registry.clear_cache()
        self.env["don.access"]._recompute_changed_users(before)
