# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.addons.web.controllers.binary import Binary
from odoo.http import request


def _serves_attachment(controller):
    """The request asks for an attachment (``ir.attachment``, the routes'
    default model) rather than a field of another record or an xmlid: the
    file of a DON document writes an access log entry (ir.binary), which a
    read-only cursor (a replica) refuses. Decided from the URL alone,
    before any database access; other files keep the read-only cursor."""
    httprequest = request.httprequest
    if httprequest.args.get("model", "ir.attachment") != "ir.attachment":
        return False
    parts = [part for part in httprequest.path.split("/") if part][2:]
    if not parts:
        # /web/content?id=...: the default model.
        return "id" in httprequest.args
    first = parts[0].split("-", 1)[0]
    if first.isdigit():
        # /web/content/<int:id>..., /web/image/<int:id>-<unique>...
        return True
    # /web/content/<model>/<int:id>/<field>: an attachment only when the
    # model named is ir.attachment.
    return parts[0] == "ir.attachment" and len(parts) > 1 and parts[1].isdigit()


def _content_readonly(controller):
    return not _serves_attachment(controller)


class DonBinary(Binary):
    @http.route(readonly=_content_readonly)
    def content_common(self, *args, **kwargs):
        return super().content_common(*args, **kwargs)

    @http.route(readonly=_content_readonly)
    def content_image(self, *args, **kwargs):
        return super().content_image(*args, **kwargs)
