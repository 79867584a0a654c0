# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class DonTestSecured(models.Model):
    """Test-only: the smallest secured model, to test the contract of
    don.secured.mixin once. Visible to the users listed on it, to who may see
    its case, and to who holds a grant (an input of another model)."""

    _name = "don.test.secured"
    _inherit = ["don.secured.mixin"]
    _description = "DON test record"

    _don_access_fields = ("company_id", "user_ids")
    _don_access_follows = (("don.case", "case_id"),)
    _don_access_inputs = {"don.test.secured.grant": ("record_id", "user_id")}

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    case_id = fields.Many2one("don.case", index=True, ondelete="cascade")
    user_ids = fields.Many2many(
        "res.users", "don_test_secured_user_rel", "record_id", "user_id", string="Listed"
    )

    def _don_access_condition(self, params):
        return SQL(
            """EXISTS (SELECT 1 FROM don_test_secured_user_rel r
                        WHERE r.record_id = rec.id AND r.user_id = u.id)
               OR (rec.case_id IS NOT NULL AND %s)
               OR EXISTS (SELECT 1 FROM don_test_secured_grant g
                           WHERE g.record_id = rec.id AND g.user_id = u.id)""",
            self._don_sql_sees("don.case", SQL("rec.case_id")),
        )
