# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailTrackingValue(models.Model):
    """Readable only with the DON document of its message (see
    don.side.guard); its old and new values read through the API, a
    consultation of it (see don.side.consultation)."""

    _name = "mail.tracking.value"
    _inherit = ["mail.tracking.value", "don.side.guard", "don.side.consultation"]
    _don_doc_message_column = "mail_message_id"

    @api.model
    def _don_api_read_action(self, fields):
        # The old and new values of a tracked field (a stage, a case
        # director, a risk level) are the document's data; which field
        # changed (field_id, its display name) and the message are not.
        if fields is None or any(name.startswith(("old_value", "new_value")) for name in fields):
            return "tracking"
        return None
