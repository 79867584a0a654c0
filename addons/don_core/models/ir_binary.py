# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.internal import internal_flag


class IrBinary(models.AbstractModel):
    """The file of a DON document served by ``/web/content`` or
    ``/web/image`` (a download, a preview) is a consultation of that
    document: one access log entry per file served."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        # Called by the controllers after _find_record checked the access
        # (ir.attachment.validate_access: on a DON document, the document
        # decides, no token or public flag): a refused file never gets here.
        stream = super()._record_to_stream(record, field_name)
        if (
            record._name == "ir.attachment"
            and not self.env.su
            and not internal_flag(self.env, "don_no_access_log")
        ):
            # sudo: only the document reference of the attachment the user
            # was allowed to read.
            attachment = record.sudo()
            self.env["don.access.log"]._log_documents(
                [(attachment.res_model, attachment.res_id)], "download"
            )
        return stream
