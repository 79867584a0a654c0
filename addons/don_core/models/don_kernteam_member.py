# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._sync_groups()
        return members

    def write(self, vals):
        old_users = self.user_id
        result = super().write(vals)
        if {"user_id", "role", "active"} & set(vals):
            (self | self._members_of(old_users))._sync_groups(extra_users=old_users)
        return result

    def unlink(self):
        users = self.user_id
        result = super().unlink()
        self.browse()._sync_groups(extra_users=users)
        return result

    def _members_of(self, users):
        return self.search([("user_id", "in", users.ids)])

    def _sync_groups(self, extra_users=None):
        """Give active members the Kernteamlid group and their role's domain;
        take Kernteamlid away from users who are no member anywhere."""
        # The caller changed memberships, so it has write access to them; the
        # group changes below (with sudo) follow from that change only.
        self.check_access("write")
        kernteam = self.env.ref("don_core.group_don_kernteam")
        for member in self.filtered("active"):
            groups = kernteam | self.env.ref(ROLE_GROUPS[member.role])
            missing = groups - member.user_id.groups_id
            if missing:
                # sudo: the project leader maintains the team; the change of
                # groups is limited to the Kernteam role and the member's domain.
                member.user_id.sudo().write(
                    {"groups_id": [fields.Command.link(group.id) for group in missing]}
                )
        users = (self.user_id | (extra_users or self.env["res.users"])).exists()
        # sudo: memberships of other Kernteams (other project leaders) count
        # too; only the user ids are used, to decide whether to keep the role.
        still_member = self.sudo().search([("user_id", "in", users.ids)]).user_id
        for user in users - still_member:
            if kernteam in user.groups_id and not user.has_group("base.group_system"):
                # sudo: as above, only the Kernteam role of a former member.
                user.sudo().write({"groups_id": [fields.Command.unlink(kernteam.id)]})
