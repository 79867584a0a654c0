# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class DonDomain(models.Model):
    """An information domain (Veiligheid, Sociaal domein, Politie, OM).

    Each domain is tied to the security group whose members belong to it;
    the access relation joins on that group.
    """

    _name = "don.domain"
    _description = "DON information domain"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical code, e.g. 'politie'.")
    sequence = fields.Integer(default=10)
    group_id = fields.Many2one(
        "res.groups",
        string="Security group",
        required=True,
        ondelete="restrict",
        help="Users of this group belong to the domain.",
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a domain must be unique."),
        ("group_uniq", "unique(group_id)", "A security group can belong to one domain only."),
    ]

    @api.model
    def _check_group_rights(self):
        """The group of a domain decides who reads the domain's information:
        choosing it is granting data rights, not configuration. Only who may
        grant groups (the administrator of access rights) sets it."""
        if not self.env.su and not self.env.user.has_group("base.group_erp_manager"):
            raise AccessError(
                _(
                    "Only the administrator of access rights chooses the security group "
                    "of a domain: it decides who reads the domain's information."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_group_rights()
        domains = super().create(vals_list)
        self.env.registry.clear_cache()  # don.access._group_closure
        return domains

    def write(self, vals):
        if "group_id" in vals:
            self._check_group_rights()
        result = super().write(vals)
        if "group_id" in vals or "active" in vals:
            # Another group now decides who belongs to the domain.
            self.env.registry.clear_cache()  # don.access._group_closure
            self.env["don.access"]._recompute()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # don.access._group_closure
        return result

    @api.model
    def _default_for_user(self):
        """The first domain of the current user (the usual source of what
        they record)."""
        # sudo: the catalogue of domains is configuration, not personal data;
        # only compared with the current user's own groups.
        return self.sudo().search([("group_id", "in", self.env.user.groups_id.ids)], limit=1).id
