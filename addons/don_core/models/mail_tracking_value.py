# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailTrackingValue(models.Model):
    """Readable only with the DON document of its message (see
    don.side.guard)."""

    _name = "mail.tracking.value"
    _inherit = ["mail.tracking.value", "don.side.guard"]
    _don_doc_message_column = "mail_message_id"
