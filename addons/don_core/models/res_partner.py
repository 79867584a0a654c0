# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DON_ORG_TYPES = [
    ("school", "School"),
    ("sportclub", "Sports club"),
    ("youthwork", "Youth work"),
    ("internal", "Internal department"),
    ("police", "Police"),
    ("om", "Public Prosecutor (OM)"),
    ("care", "Care provider"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    """Organisations around DON are contacts; young people are not."""

    _inherit = "res.partner"

    don_org_type = fields.Selection(
        DON_ORG_TYPES,
        string="DON organisation type",
        index=True,
        help="Role of this organisation in the DON approach.",
    )
