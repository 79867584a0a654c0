# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

MEMBER_ROLES = [
    ("projectleider", "Project leader"),
    ("veiligheid", "Municipality: safety"),
    ("sociaal", "Municipality: social domain"),
    ("politie", "Police"),
    ("om", "Public Prosecutor (agenda member)"),
]
# The domain group that goes with each Kernteam role.
ROLE_GROUPS = {
    "projectleider": "don_core.group_don_projectleider",
    "veiligheid": "don_core.group_domain_veiligheid",
    "sociaal": "don_core.group_domain_sociaal",
    "politie": "don_core.group_domain_politie",
    "om": "don_core.group_domain_om",
}


class DonKernteamMember(models.Model):
    """A member of a Kernteam. Membership drives the Kernteamlid role: an
    active member gets the Kernteamlid group and the domain of their role;
    leaving the last Kernteam removes the Kernteamlid group again."""

    _name = "don.kernteam.member"
    _description = "Kernteam member"
    _order = "kernteam_id, sequence, id"

    kernteam_id = fields.Many2one("don.kernteam", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
    )
    role = fields.Selection(MEMBER_ROLES, required=True)
    is_agenda_member = fields.Boolean(
        string="Agenda member",
        compute="_compute_is_agenda_member",
        store=True,
        readonly=False,
        help="Sees only the agenda items of the meetings they are invited to.",
    )
    company_id = fields.Many2one(related="kernteam_id.company_id", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "user_team_uniq",
            "unique(kernteam_id, user_id)",
            "A person is a member of a Kernteam only once.",
        ),
    ]

    @api.depends("role")
    def _compute_is_agenda_member(self):
        for member in self:
            member.is_agenda_member = member.role == "om"

    @api.constrains("user_id", "kernteam_id")
    def _check_company(self):
        for member in self:
            if member.kernteam_id.company_id not in member.user_id.company_ids:
                raise ValidationError(
                    _(
                        "%(user)s does not work for %(company)s and cannot join its Kernteam.",
                        user=member.user_id.name,
                        company=member.kernteam_id.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Who manages membership: membership gives data roles (Kernteamlid and a
    # domain), so only who may grant data roles manages it, never for
    # themselves. Configuration rights (DON-beheerder) are not enough.
    # ------------------------------------------------------------------
    @api.model
    def _check_membership_rights(self, users, teams, granting=True):
        if self.env.su:
            return
        user = self.env.user
        if not (
            user.has_group("don_core.group_don_projectleider")
            or user.has_group("base.group_erp_manager")
        ):
            raise AccessError(
                _(
                    "Only a project leader (or the administrator of access rights) manages "
                    "the members of a Kernteam: membership gives access to case data."
                )
            )
        if granting and user in users:
            raise AccessError(
                _(
                    "You cannot make yourself a member of a Kernteam or change your own "
                    "membership: ask another project leader."
                )
            )
        teams.check_access("write")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_membership_rights(
            self.env["res.users"].browse({vals.get("user_id") for vals in vals_list} - {None}),
            self.env["don.kernteam"].browse(
                {vals.get("kernteam_id") for vals in vals_list} - {None}
            ),
        )
        members = super().create(vals_list)
        members._sync_groups()
        return members

    def write(self, vals):
        old_users = self.user_id
        new_users = self.env["res.users"].browse(vals.get("user_id") or [])
        self._check_membership_rights(
            old_users | new_users,
            self.kernteam_id | self.env["don.kernteam"].browse(vals.get("kernteam_id") or []),
            # The order of the list is no membership of one's own.
            granting=bool(self._don_membership_fields() & set(vals)),
        )
        result = super().write(vals)
        if self._don_membership_fields() & set(vals):
            (self | self._members_of(old_users))._sync_groups(extra_users=old_users)
        return result

    def unlink(self):
        # Leaving (also one's own membership) only takes rights away.
        self._check_membership_rights(self.user_id, self.kernteam_id, granting=False)
        users = self.user_id
        result = super().unlink()
        self.browse()._sync_groups(extra_users=users)
        return result

    @api.model
    def _don_membership_fields(self):
        """The fields of a membership that the groups of its user or the
        access relation depend on (declared by the secured models)."""
        return {"user_id", "role", "active", "kernteam_id"} | self.env[
            "don.access"
        ]._declared_inputs(self._name)

    def _members_of(self, users):
        return self.search([("user_id", "in", users.ids)])

    def _sync_groups(self, extra_users=None):
        """Give active members the Kernteamlid group and their role's domain,
        and take away what membership gave once it no longer does.

        What membership added to a user (the groups, with the groups they
        imply, that the user did not have before) is kept in
        ``res.users.don_kernteam_group_ids``: leaving the last Kernteam, or
        changing role, removes exactly those groups. Groups given by hand
        stay. Then the access relation is recomputed for the users concerned:
        meeting access follows membership even when no group changes."""
        # The caller passed _check_membership_rights (or is the superuser);
        # the group changes below (with sudo) follow from that change only.
        self.check_access("write")
        users = (self.user_id | (extra_users or self.env["res.users"])).exists()
        if not users:
            return
        kernteam = self.env.ref("don_core.group_don_kernteam")
        # sudo: memberships of other Kernteams (other project leaders) count
        # too; only the roles of the users concerned are read.
        memberships = self.sudo().search([("user_id", "in", users.ids), ("active", "=", True)])
        for user in users.sudo():
            # sudo: only the users whose membership changed, and only the
            # groups that membership gives (Kernteamlid, the role's domain).
            wanted = self.env["res.groups"]
            for member in memberships.filtered(lambda m, u=user: m.user_id == u):
                wanted |= kernteam | self.env.ref(ROLE_GROUPS[member.role])
            before = user.groups_id
            missing = wanted - before
            if missing:
                user.write({"groups_id": [fields.Command.link(group.id) for group in missing]})
            granted = user.don_kernteam_group_ids | (user.groups_id - before)
            keep = wanted | wanted.trans_implied_ids
            remove = granted - keep
            if (
                not wanted
                and kernteam in user.groups_id
                and not user.has_group("base.group_system")
            ):
                # Kernteamlid only comes from membership (also for members
                # from before the groups were tracked).
                remove |= kernteam
            # A group still implied by a group the user keeps stays.
            remove -= (user.groups_id - remove).trans_implied_ids
            remove &= user.groups_id
            vals = {}
            if remove:
                vals["groups_id"] = [fields.Command.unlink(group.id) for group in remove]
            if granted - remove != user.don_kernteam_group_ids:
                vals["don_kernteam_group_ids"] = [fields.Command.set((granted - remove).ids)]
            if vals:
                user.write(vals)
        self.env["don.access"]._recompute_inputs(self._name, user_ids=users.ids)
        # Whether a user sees everything (don.access._user_sees_all) depends
        # on being an agenda member: cached per user.
        self.env.registry.clear_cache()
