# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        # A report too large for the framework: a Dutch page instead of the
        # bare 413 of werkzeug (nothing was stored).
        if (
            isinstance(exception, RequestEntityTooLarge)
            and request
            and request.httprequest.path.startswith("/don/melden")
        ):
            env = request.env(context=dict(request.env.context, lang="nl_NL"))
            html = env["ir.qweb"]._render(
                "don_signalen.intake_error",
                {
                    "message": env._(
                        "The report is too large: send at most 5 files of 10 MB each."
                    ),
                    "token": None,
                },
            )
            return request.make_response(html, status=413)
        return super()._handle_error(exception)
