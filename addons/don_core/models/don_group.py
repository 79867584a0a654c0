# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .don_secured_mixin import KERNTEAM_INPUTS

GROUP_KINDS = [
    ("youth_group", "Youth group"),
    ("network", "Network"),
    ("other", "Other"),
]


class DonGroup(models.Model):
    """A youth group (jeugdgroep) or network in the dynamic network analysis.

    Its members are not a field of their own: they are the network relations
    of type 'group member' pointing to it, each with its own period, source
    and sharing level.
    """

    _name = "don.group"
    _inherit = ["don.secured.mixin", "mail.thread"]
    _description = "Youth group or network"
    _order = "name, id"
    _mail_post_access = "read"

    _don_access_fields = ("company_id", "user_ids")
    _don_access_inputs = KERNTEAM_INPUTS

    name = fields.Char(required=True, tracking=True, index="trigram")
    kind = fields.Selection(GROUP_KINDS, required=True, default="youth_group", tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    neighbourhood_id = fields.Many2one(
        "don.neighbourhood",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    description = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    user_ids = fields.Many2many(
        "res.users",
        "don_group_user_rel",
        "group_id",
        "user_id",
        string="Explicitly involved",
        help="Professionals who see this group without being Kernteam members.",
    )
    member_youth_ids = fields.Many2many(
        "don.youth",
        string="Members",
        compute="_compute_members",
        help="Young people with a current 'group member' relation you may see.",
    )
    relation_count = fields.Integer(string="Relations", compute="_compute_members")

    @api.depends_context("uid")
    def _compute_members(self):
        today = fields.Date.context_today(self)
        Relation = self.env["don.network.relation"]
        relations = Relation.search(
            [
                "|",
                ("source_group_id", "in", self.ids),
                ("target_group_id", "in", self.ids),
            ]
        )
        for group in self:
            mine = relations.filtered(
                lambda r, g=group: g in (r.source_group_id | r.target_group_id)
            )
            current = mine.filtered(lambda r: r.relation_type == "member" and r._is_valid_on(today))
            group.member_youth_ids = current.source_youth_id | current.target_youth_id
            group.relation_count = len(mine)

    # ------------------------------------------------------------------
    # Access relation: every Kernteamlid of the municipality, and the
    # professionals listed on the group.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_all_condition(self, params):
        # Every Kernteamlid sees every group of their municipality.
        return self._don_sql_kernteam(params)

    @api.model
    def _don_access_condition(self, params):
        return SQL(
            "%s OR EXISTS (SELECT 1 FROM don_group_user_rel r"
            " WHERE r.group_id = rec.id AND r.user_id = u.id)",
            self._don_access_all_condition(params),
        )

    def action_open_network(self):
        self.ensure_one()
        return self.env["don.network.relation"]._network_action(self)

    def action_view_relations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "don_core.don_network_relation_action"
        )
        action["domain"] = [
            "|",
            ("source_group_id", "=", self.id),
            ("target_group_id", "=", self.id),
        ]
        action["context"] = {"default_target_group_id": self.id, "default_relation_type": "member"}
        return action
