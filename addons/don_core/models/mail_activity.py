# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class MailActivity(models.Model):
    """An activity on a DON document is readable only by who may read the
    document now, its assignee included (see don.side.guard); read through
    the API, a consultation of it (see don.side.consultation)."""

    _name = "mail.activity"
    _inherit = ["mail.activity", "don.side.guard", "don.side.consultation"]

    @api.model
    def _don_api_read_action(self, fields):
        # An activity shows its summary, note (on a case: what is to be done
        # about the young person), type, deadline or its document's name:
        # anything but the bare ids.
        if fields is None or set(fields) - {"id"}:
            return "activities"
        return None

    @api.constrains("res_model", "res_id", "user_id")
    def _check_don_assignee_access(self):
        # An activity shows its document's name to the assignee: on DON
        # records it may only be assigned to someone who may see the record.
        for activity in self:
            if activity.res_model not in self.env or not activity.user_id:
                continue
            if "don_visible" not in self.env[activity.res_model]._fields:
                continue
            allowed = self.env["don.access"]._user_can_see(
                activity.res_model, [activity.res_id], activity.user_id.id
            )
            if not allowed:
                raise ValidationError(
                    _(
                        "%(user)s has no access to this DON record and cannot be "
                        "assigned this activity.",
                        user=activity.user_id.name,
                    )
                )
