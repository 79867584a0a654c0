# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The fields of an attachment that hold (part of) the file's content, and
# those that name or describe it.
FILE_CONTENT = frozenset({"datas", "raw", "db_datas", "index_content"})
FILE_NAMES = frozenset({"name", "description", "display_name"})


class IrAttachment(models.Model):
    """A file of a DON document is readable only by who may read the
    document now: neither the public flag nor an access token opens it (see
    don.side.guard)."""

    _name = "ir.attachment"
    _inherit = ["ir.attachment", "don.side.guard", "don.side.consultation"]

    @api.model
    def _don_api_read_action(self, fields):
        # Read through the API, the content of a file (or its extracted
        # text) is a download; its name alone (often the subject of the
        # document: "verslag politie ...") a consultation of the file list.
        fields = set(self._fields) if fields is None else set(fields)
        if fields & FILE_CONTENT:
            return "download"
        if fields & FILE_NAMES:
            return "files"
        return None

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        # The standard check lets public attachments be read by anybody:
        # on a DON document the document decides.
        if self and not self.env.su and self._don_hidden_records():
            raise self._make_don_access_error(mode)
        return result

    def validate_access(self, access_token):
        self.ensure_one()
        # sudo: only the attachment's own document reference is read, to
        # decide whether the token and public flag may apply.
        attachment = self.sudo()
        if attachment.res_model in self._don_document_models() and attachment.res_id:
            # A DON document's file: whoever may read the document now, as
            # themselves (a token handed out earlier is no key).
            self.check("read")
            return self
        return super().validate_access(access_token)
