# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re
import uuid

import psycopg2

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import format_date

from ..models.don_signal_intake import (
    DonIntakeError,
    clean_text,
    form_fields,
    parse_id,
    parse_preselection,
)
from ..models.ir_http import METHOD_ENDPOINT, MSG_METHOD, _nl

_logger = logging.getLogger(__name__)

# Five attachments of 10 MB and the text fields; larger requests are refused
# by the framework (a Dutch page, see ir.http) before they reach the form.
MAX_REQUEST_SIZE = 60 * 1024 * 1024

# Keys made by res.partner.action_don_generate_intake_token
# (secrets.token_urlsafe): URL-safe base64, nothing else.
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,100}", re.ASCII)
# request.csrf_token(): hex HMAC, "o", a timestamp.
CSRF_RE = re.compile(r"[0-9a-f]{40}o[0-9]{1,12}", re.ASCII)
# The one-time id of a rendered form (uuid4 hex).
FORM_UID_RE = re.compile(r"[0-9a-f]{32}", re.ASCII)

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
    nothing else.

    Every answer to a submission is either the reference number (the report
    was stored whole) or the form again, holding what the reporter typed,
    with a Dutch message next to the field concerned. The form fields are
    read from the request here, never passed as keyword arguments (a field
    named ``self`` or ``token`` cannot change the call; see ir.http)."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _set_lang(self):
        # The reporting pages are Dutch.
        installed = dict(request.env["res.lang"].get_installed())
        lang = "nl_NL" if "nl_NL" in installed else "en_US"
        request.update_context(lang=lang)

    def _partner_for_token(self, token):
        """The organisation of a reporting link, or None. A key of another
        shape (NUL bytes, other characters, other lengths) is no key."""
        if not token or not TOKEN_RE.fullmatch(token):
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

    def _valid_csrf(self):
        token = request.httprequest.form.get("csrf_token") or ""
        # A token of another shape (non-ASCII, NUL...) is simply not valid:
        # Odoo's check would fail on it with a server error.
        if not CSRF_RE.fullmatch(token):
            return False
        return request.validate_csrf(token)

    def _render_form(
        self,
        partner=None,
        token=None,
        error=None,
        post=None,
        status=200,
        field_errors=None,
        checked=None,
        neighbourhood_id=None,
        preselection=None,
    ):
        Intake = request.env["don.signal.intake"]
        company = (partner and partner.company_id) or Intake._intake_company()
        values = Intake._form_values(company)
        audience, category_ids = preselection or (None, [])
        card_groups, other_groups = Intake._form_groups(
            values["categories"], audience, category_ids
        )
        # Only what was taken goes back into the form (hidden fields), so a
        # report sent again after an error keeps the same page.
        applied = bool(other_groups or audience)
        taken = [category.id for category, _indicators in card_groups] if other_groups else []
        values.update(
            {
                "card_groups": card_groups,
                "other_groups": other_groups,
                "other_open": any(
                    indicator.id in (checked or ())
                    for _category, indicators in other_groups
                    for indicator in indicators
                ),
                "preselect_audience": audience or "",
                "preselect_categories": ",".join(map(str, taken)),
                "card_hint": Intake._card_hint(audience) if applied else False,
            }
        )
        values.update(
            {
                "partner_name": partner.name if partner else False,
                "token": token,
                "error": error,
                "field_errors": field_errors or {},
                "post": post or {},
                "checked": checked or set(),
                "neighbourhood_id": neighbourhood_id,
                "action": f"/don/melden/{token}" if token else "/don/melden",
                # A new one-time id for every form shown: the same form sent
                # twice is stored once.
                "form_uid": uuid.uuid4().hex,
                "html_data": {"lang": "nl-NL"},
            }
        )
        return request.render("don_signalen.intake_form", values, status=status)

    def _preselection(self, source):
        """The signal card the reporter came from (``doelgroep`` and
        ``categorie`` of its QR code, or of the hidden fields of the form)."""
        return parse_preselection(source.get("doelgroep"), source.get("categorie"))

    def _posted(self):
        """What the reporter typed and ticked, cleaned for showing it again
        (NUL and other control characters removed)."""
        form = request.httprequest.form
        post = {key: clean_text(form.get(key) or "") for key in form_fields()}
        post["urgent"] = bool(form.get("urgent"))
        checked = {i for i in (parse_id(v) for v in form.getlist("indicator_ids")) if i}
        return post, checked, parse_id(form.get("neighbourhood_id"))

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route("/don/melden", type="http", auth="public", methods=["GET"], sitemap=False)
    def intake_anonymous(self):
        self._set_lang()
        return self._render_form(preselection=self._preselection(request.httprequest.args))

    @http.route(
        "/don/melden/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def intake_token(self, token):
        self._set_lang()
        partner = self._partner_for_token(token)
        if not partner:
            return self._invalid_link()
        return self._render_form(
            partner=partner,
            token=token,
            preselection=self._preselection(request.httprequest.args),
        )

    # CSRF is checked below by hand to answer with the form kept.
    @http.route(
        ["/don/melden", "/don/melden/<string:token>"],
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        sitemap=False,
        max_content_length=MAX_REQUEST_SIZE,
    )
    def intake_submit(self, token=None):
        self._set_lang()
        if request.httprequest.method != "POST":
            # Never store a report through another method (OPTIONS with a
            # body reaches the route through CORS handling).
            return request.make_response("", status=405, headers=[("Allow", "GET, POST")])
        partner = None
        if token:
            partner = self._partner_for_token(token)
            if not partner:
                return self._invalid_link()
        post, checked, neighbourhood_id = self._posted()
        keep = {
            "partner": partner,
            "token": token,
            "post": post,
            "checked": checked,
            "neighbourhood_id": neighbourhood_id,
            "preselection": self._preselection(request.httprequest.form),
        }
        form = request.httprequest.form
        if not any(form.get(key) for key in (*form_fields(), "csrf_token")):
            # Nothing of the form arrived: a broken-off upload (mobile
            # network), a body werkzeug could not read. Say so: there is no
            # text to keep.
            return self._render_form(
                error=_(
                    "Your report did not arrive completely, so it has not been sent. Fill in "
                    "the form again and send it; with a weak connection, attach fewer or "
                    "smaller files."
                ),
                status=400,
                **keep,
            )
        if not self._valid_csrf():
            return self._render_form(
                error=_(
                    "The form had expired, so your report has not been sent yet. Everything "
                    "you typed is still here: check it and send it again (add attachments again)."
                ),
                status=400,
                **keep,
            )
        form_uid = FORM_UID_RE.fullmatch(form.get("form_uid") or "") and form.get("form_uid")
        raw = {key: form.get(key) or "" for key in form_fields()}
        raw["indicator_ids"] = form.getlist("indicator_ids")
        raw["neighbourhood_id"] = form.get("neighbourhood_id") or ""
        raw["urgent"] = form.get("urgent")
        Log = request.env["don.signal.intake.log"].sudo()  # sudo: technical rate limit table
        address = Log._client_address(request.httprequest)
        try:
            files = [
                (upload.filename, upload.read())
                for upload in request.httprequest.files.getlist("attachments")
                if upload and upload.filename
            ]
            # The same form sent again (a reload of the thanks page, a
            # double click): its reference, not a second report.
            sent = Log._sent_reference(form_uid)
            if sent:
                return self._thanks(sent, token, partner)
            # Check and count in one step for parallel requests (see
            # don.signal.intake.log._reserve).
            reservation = Log._reserve(address, partner, form_uid=form_uid)
            if reservation.sent_reference:
                return self._thanks(reservation.sent_reference, token, partner)
            if not reservation.allowed:
                return self._render_form(
                    error=_(
                        "Many reports have been sent from here in a short time, so this one has "
                        "not been sent yet. Everything you typed is still here: try again in an "
                        "hour (add attachments again). In case of immediate danger call 112."
                    ),
                    status=429,
                    **keep,
                )
            signal = request.env["don.signal.intake"]._submit(raw, files, partner=partner)
            Log._record_form(form_uid, signal.reference)
        except DonIntakeError as error:
            request.env.cr.rollback()
            return self._render_form(
                error=error.args[0], field_errors=error.field_errors, status=400, **keep
            )
        except UserError as error:
            request.env.cr.rollback()
            return self._render_form(error=error.args[0], status=400, **keep)
        except psycopg2.Error as error:
            if getattr(error, "pgcode", None) in PG_CONCURRENCY_ERRORS_TO_RETRY:
                # A concurrent request touched the same rows: Odoo runs the
                # whole request again (the uploaded files are rewound).
                raise
            # The database went away or refused mid-request: nothing is
            # stored; show the typed text without needing the database.
            _logger.exception("Web report could not be stored")
            request.env.cr.rollback()
            return self._render_unavailable(post, token)
        return self._thanks(signal.reference, token, partner)

    @http.route(METHOD_ENDPOINT, type="http", auth="public", csrf=False, sitemap=False)
    def intake_method_not_allowed(self):
        """A method the reporting pages do not take (PUT, DELETE, TRACE, ...):
        nothing is read or stored; a Dutch page says what to do."""
        response = request.env["ir.http"]._don_intake_plain_page(_nl(MSG_METHOD), status=405)
        response.headers["Allow"] = "GET, POST"
        return response

    def _thanks(self, reference, token, partner):
        return request.render(
            "don_signalen.intake_thanks",
            {
                "reference": reference,
                "token": token,
                "anonymous": not partner,
                "html_data": {"lang": "nl-NL"},
            },
        )

    def _render_unavailable(self, post, token):
        return request.env["ir.http"]._don_intake_unavailable_page(post, token)

    @http.route(
        "/don/melden/<string:token>/status",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def intake_status(self, token):
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
                # In the page's language (Dutch): 1-12-2026, not 2026-12-01.
                "date": format_date(request.env, row["date_received"]),
                "status": labels[STATUS_LABELS[row["state"]]],
            }
            for row in rows
        ]
        return request.render(
            "don_signalen.intake_status",
            {
                "partner_name": partner.name,
                "reports": reports,
                "token": token,
                "html_data": {"lang": "nl-NL"},
            },
        )
