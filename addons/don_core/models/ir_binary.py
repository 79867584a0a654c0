# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request
from odoo.tools import str2bool

from ..tools.internal import internal_flag


def _asked_as_download():
    """The request asks for the file as a download (``download=true``, the
    chatter's and the file viewer's download button): a copy leaves the
    browser, a consultation of its own whatever the form shows."""
    value = request.params.get("download") if request else None
    if not value:
        return False
    return str2bool(value, default=True) if isinstance(value, str) else bool(value)


class IrBinary(models.AbstractModel):
    """The file of a DON document served by ``/web/content`` or
    ``/web/image`` (a download, a preview) is a consultation of that
    document: one access log entry per file served, except a preview of a
    file of a document whose form the user just opened (its "open" entry
    covers what the form shows: the chatter's thumbnails and file viewer)."""

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
            model, res_id = attachment.res_model, attachment.res_id
            Log = self.env["don.access.log"]
            if (
                model in self.env["don.access"]._secured_models()
                and res_id
                and not _asked_as_download()
                # What decides is the log itself (the user's "open" entry of
                # this document in the last minutes), not what the client
                # sends: without that opening a thumbnail is an entry too.
                and Log._form_opened_recently(self.env[model].browse(res_id))
            ):
                return stream
            Log._log_documents([(model, res_id)], "download")
        return stream
