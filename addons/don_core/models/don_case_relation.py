# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RELATION_TYPES = [
    ("parent", "Parent or carer"),
    ("sibling", "Brother or sister"),
    ("family", "Other family"),
    ("friend", "Friend"),
    ("school", "School"),
    ("club", "Club"),
    ("youth_worker", "Youth worker"),
    ("care", "Care provider"),
    ("other", "Other"),
]


class DonCaseRelation(models.Model):
    """The system around a young person: a person or organisation in the
    youth's home, friends, school or leisure, and its influence."""

    _name = "don.case.relation"
    _inherit = ["don.shared.mixin"]
    _description = "Case system relation"
    _order = "relation_type, id"

    _don_users_relation = ("don_case_relation_user_rel", "relation_id", "user_id")
    _don_privacy_fields = ("remarks",)

    case_id = fields.Many2one(required=True)
    relation_type = fields.Selection(RELATION_TYPES, string="Relation", required=True)
    name = fields.Char(string="Person", help="Name or description of the person.")
    related_youth_id = fields.Many2one(
        "don.youth",
        string="In the youth register",
        ondelete="set null",
        help="When the person is a young person in the register.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Organisation", domain=[("is_company", "=", True)]
    )
    influence = fields.Selection(
        [("protective", "Protective"), ("neutral", "Neutral"), ("risk", "Risk")],
        required=True,
        default="neutral",
    )
    remarks = fields.Text()
    user_ids = fields.Many2many(
        "res.users",
        "don_case_relation_user_rel",
        "relation_id",
        "user_id",
        string="Explicitly involved",
    )

    @api.constrains("name", "related_youth_id", "partner_id")
    def _check_someone(self):
        for relation in self:
            if not (relation.name or relation.related_youth_id or relation.partner_id):
                raise ValidationError(
                    _("Name the person, the young person in the register or the organisation.")
                )

    def _don_label(self):
        labels = dict(self._fields["relation_type"]._description_selection(self.env))
        who = self.name or self.partner_id.name or self.related_youth_id.display_name
        return f"{labels.get(self.relation_type, '')}: {who or ''}"

    # ------------------------------------------------------------------
    # Privacy lifecycle: a relation in another young person's file that
    # points to this young person loses only the link and the name.
    # ------------------------------------------------------------------
    def _don_anonymise(self):
        result = super()._don_anonymise()
        self.write({"name": _("Anonymised"), "related_youth_id": False})
        return result

    def _don_privacy_erase(self, youth, mode):
        own = self.filtered(lambda r: r.case_id.youth_id == youth)
        others = self - own
        if others:
            others.write({"name": _("Anonymised person"), "related_youth_id": False})
        return super(DonCaseRelation, own)._don_privacy_erase(youth, mode)

    def _don_privacy_export(self, youth):
        own = self.filtered(lambda r: r.case_id.youth_id == youth)
        others = self - own
        # In another young person's file: only what concerns this one.
        return super(DonCaseRelation, own)._don_privacy_export(youth) + self.env[
            "don.privacy"
        ]._export_records(
            others, youth, ["relation_type", "name", "related_youth_id"], chatter=False
        )
