# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.http import request

from ..tools.internal import INTERNAL


class DonAttachmentController(AttachmentController):
    def _make_zip(self, name, attachments):
        # The files of a chatter downloaded as one zip: one consultation
        # (one access log entry per document model), not one per file.
        env = request.env
        request.update_context(don_no_access_log=INTERNAL)
        try:
            response = super()._make_zip(name, attachments)
        finally:
            request.update_env(context=env.context)
        # sudo: only the document references of the attachments just served
        # (each one was read as the user).
        request.env["don.access.log"]._log_documents(
            [(att.res_model, att.res_id) for att in attachments.sudo()], "download"
        )
        return response
