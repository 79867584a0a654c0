# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

# Five attachments of 10 MB and the text fields; larger requests are refused
# by the framework (a Dutch page, see ir.http) before they reach the form.
MAX_REQUEST_SIZE = 60 * 1024 * 1024

STATUS_LABELS = {
    "new": "received",
    "triage": "in_progress",
    "discussed": "in_progress",
    "done": "done",
}


class DonSignalIntakeController(http.Controller):
    """Public reporting pages, without an Odoo account and without the
    website module. The reporter sees the form, a reference number after
    sending, and (with a personal link) the status of its own reports:
    nothing else."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _set_lang(self):
        # The reporting pages are Dutch.
        installed = dict(request.env["res.lang"].get_installed())
        lang = "nl_NL" if "nl_NL" in installed else "en_US"
        request.update_context(lang=lang)

    def _partner_for_token(self, token):
        """The organisation of a reporting link, or None."""
        if not token or len(token) < 20 or len(token) > 100:
            return None
        # sudo: the public user cannot read partners; the exact secret token
        # is the check, and only this one partner is returned.
        partner = (
            request.env["res.partner"]
            .sudo()
            .search([("don_intake_token", "=", token), ("active", "=", True)], limit=1)
        )
        return partner or None

    def _invalid_link(self):
        return self._error(
            _("This reporting link is not valid (any more). Ask the municipality for a new one."),
            status=404,
        )

    def _error(self, message, status=400, token=None):
        return request.render(
            "don_signalen.intake_error",
            {"message": message, "token": token},
            status=status,
        )

    def _render_form(self, partner=None, token=None, error=None, post=None, status=200):
        Intake = request.env["don.signal.intake"]
        company = (partner and partner.company_id) or Intake._intake_company()
        values = Intake._form_values(company)
        values.update(
            {
                "partner_name": partner.name if partner else False,
                "token": token,
                "error": error,
                "post": post or {},
                "checked": {int(i) for i in (post or {}).get("indicator_ids", []) if i.isdigit()},
                "action": f"/don/melden/{token}" if token else "/don/melden",
            }
        )
        return request.render("don_signalen.intake_form", values, status=status)

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route("/don/melden", type="http", auth="public", methods=["GET"], sitemap=False)
    def intake_anonymous(self, **kw):
        self._set_lang()
        return self._render_form()

    @http.route(
        "/don/melden/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def intake_token(self, token, **kw):
        self._set_lang()
        partner = self._partner_for_token(token)
        if not partner:
            return self._invalid_link()
        return self._render_form(partner=partner, token=token)

    # CSRF is checked below by hand to answer with a clear Dutch page.
    @http.route(
        ["/don/melden", "/don/melden/<string:token>"],
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        sitemap=False,
        max_content_length=MAX_REQUEST_SIZE,
    )
    def intake_submit(self, token=None, **post):
        self._set_lang()
        if not request.validate_csrf(post.get("csrf_token")):
            return self._error(
                _("The form has expired. Open the reporting page again and send your report."),
                status=400,
                token=token,
            )
        partner = None
        if token:
            partner = self._partner_for_token(token)
            if not partner:
                return self._invalid_link()
        Log = request.env["don.signal.intake.log"].sudo()  # sudo: technical rate limit table
        address = request.httprequest.remote_addr
        if not Log._is_allowed(address, partner):
            return self._error(
                _("You have sent many reports in a short time. Try again in an hour."),
                status=429,
                token=token,
            )
        post["indicator_ids"] = request.httprequest.form.getlist("indicator_ids")
        files = [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("attachments")
            if upload and upload.filename
        ]
        try:
            signal = request.env["don.signal.intake"]._submit(post, files, partner=partner)
        except UserError as error:
            request.env.cr.rollback()
            return self._render_form(
                partner=partner, token=token, error=error.args[0], post=post, status=400
            )
        Log._record_submission(address, partner)
        return request.render(
            "don_signalen.intake_thanks",
            {"reference": signal.reference, "token": token, "anonymous": not partner},
        )

    @http.route(
        "/don/melden/<string:token>/status",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def intake_status(self, token, **kw):
        self._set_lang()
        partner = self._partner_for_token(token)
        if not partner:
            return self._invalid_link()
        # sudo: after the token check, only the reference, date and status of
        # the reports this organisation sent through its own link are read.
        rows = (
            request.env["don.signal"]
            .sudo()
            .search_read(
                [("reporter_partner_id", "=", partner.id), ("intake_source", "=", "web")],
                ["reference", "date_received", "state"],
                order="date_received desc",
                limit=200,
            )
        )
        labels = {
            "received": _("Received"),
            "in_progress": _("Being handled"),
            "done": _("Handled"),
        }
        reports = [
            {
                "reference": row["reference"],
                "date": row["date_received"].date(),
                "status": labels[STATUS_LABELS[row["state"]]],
            }
            for row in rows
        ]
        return request.render(
            "don_signalen.intake_status",
            {"partner_name": partner.name, "reports": reports, "token": token},
        )
