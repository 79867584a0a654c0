# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge

from odoo import models
from odoo.http import Response, request
from odoo.tools.translate import code_translations

_logger = logging.getLogger(__name__)

INTAKE_PREFIX = "/don/melden"
# The quick report of logged-in professionals: its form fields are read
# from the request too (see _dispatch), its errors are Odoo's own.
QUICK_PATH = "/don/snelmelding"


def _lt(source):
    """Marks ``source`` for the translation export (Odoo's extractor reads
    calls of ``_lt``); the Dutch is looked up by _nl at render time."""
    return source


MSG_TOO_LARGE = _lt("The report is too large: send at most 5 files of 10 MB each.")
MSG_BAD_REQUEST = _lt("This page cannot handle that request. Open the reporting page again.")
MSG_METHOD = _lt(
    "This page only opens the reporting form and receives it when you send it. Open the "
    "reporting page again."
)
# The endpoint that answers a method the reporting pages do not take (PUT,
# DELETE, ...) with a Dutch page: werkzeug refuses those before any DON code
# runs, with its English 405.
METHOD_ENDPOINT = "/don/_melden_methode"
MSG_UNAVAILABLE = _lt(
    "The reporting page is not available at the moment. Try again in a few minutes."
)
MSG_NOT_STORED = _lt(
    "A technical fault on our side: your report has not been stored. Your text is below: "
    "copy it, open the reporting page again in a few minutes and send it again. In case of "
    "immediate danger call 112."
)
MSG_NOT_SENT = _lt("Your report could not be sent")
MSG_BACK = _lt("Back to the reporting page")
MSG_TITLE = _lt("Report not sent")

# The text fields of the form, in the order of the page, with their labels
# (translated from the addon's nl.po without the database).
UNAVAILABLE_FIELDS = [
    ("name", "Short summary", False),
    ("description", "What did you see or hear?", True),
    ("youth_description", "Who is it about?", True),
    ("location", "Location", False),
    ("reporter_name", "Your name", False),
    ("reporter_email", "Your e-mail address", False),
    ("reporter_phone", "Your phone number", False),
]


def _lt(source):
    """Marks ``source`` for the translation export (Odoo's extractor reads
    calls of ``_lt``); the Dutch is looked up by _nl at render time."""
    return source


def _nl(source):
    """Dutch of a source string of this addon, read from its nl.po (no
    database needed: used when the database is not reachable)."""
    try:
        return code_translations.get_python_translations("don_signalen", "nl_NL").get(
            source, source
        )
    except Exception:  # a missing or broken file must not hide the page
        return source


def _is_intake_request():
    return bool(request) and request.httprequest.path.startswith(INTAKE_PREFIX)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _match(cls, path_info):
        try:
            return super()._match(path_info)
        except MethodNotAllowed:
            if not path_info.startswith(INTAKE_PREFIX):
                raise
            # The reporting pages take GET and POST only: the endpoint below
            # (any method, no arguments) answers with a Dutch 405.
            return super()._match(METHOD_ENDPOINT)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        if _is_intake_request() or (request and request.httprequest.path == QUICK_PATH):
            # Only the route's own arguments reach the reporting pages (see
            # _dispatch); form fields are read from the request there.
            request._don_intake_route_args = dict(args)
        return result

    @classmethod
    def _dispatch(cls, endpoint):
        route_args = getattr(request, "_don_intake_route_args", None) if request else None
        if route_args is None:
            return super()._dispatch(endpoint)
        # A form field named like an argument ("self", "token") would break
        # the call or change the reporting link: pass the route's only.
        result = endpoint(**route_args)
        if isinstance(result, Response) and result.is_qweb:
            result.flatten()
        return result

    @classmethod
    def _handle_error(cls, exception):
        if not _is_intake_request():
            return super()._handle_error(exception)
        if isinstance(exception, RequestEntityTooLarge):
            # A report too large for the framework: a Dutch page instead of
            # the bare 413 of werkzeug (nothing was stored).
            return cls._don_intake_plain_page(
                _nl(MSG_TOO_LARGE),
                status=413,
            )
        if isinstance(exception, HTTPException) and exception.code and exception.code < 500:
            if exception.code == 404:
                return super()._handle_error(exception)
            return cls._don_intake_plain_page(
                _nl(MSG_BAD_REQUEST),
                status=exception.code,
            )
        # Anything else (the database went away, a bug): never a bare
        # English 500 and never the reporter's text lost.
        _logger.exception("Reporting page failed: %s", request.httprequest.path)
        if request.httprequest.method == "POST":
            form = request.httprequest.form
            post = {key: form.get(key) or "" for key, _label, _area in UNAVAILABLE_FIELDS}
            token = (getattr(request, "_don_intake_route_args", None) or {}).get("token")
            return cls._don_intake_unavailable_page(post, token)
        return cls._don_intake_plain_page(
            _nl(MSG_UNAVAILABLE),
            status=503,
        )

    # ------------------------------------------------------------------
    # Pages that need no database
    # ------------------------------------------------------------------
    @classmethod
    def _don_intake_html(cls, title, body):
        style = (
            "body{font-family:sans-serif;background:#f4f5f7;color:#1d1d1d;margin:0}"
            "main{max-width:46rem;margin:1rem auto;background:#fff;padding:1.25rem}"
            "label{display:block;font-weight:600;margin-top:1rem}"
            "input,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}"
            ".don_error{background:#fde8e8;border:1px solid #b3261e;padding:.8rem}"
        )
        return Markup(
            '<!DOCTYPE html><html lang="nl-NL"><head><meta charset="utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            '<meta name="robots" content="noindex, nofollow"/>'
            "<title>%s</title><style>%s</style></head><body><main>%s</main></body></html>"
        ) % (title, Markup(style), body)

    @classmethod
    def _don_intake_plain_page(cls, message, status=400):
        body = Markup(
            '<h1>%s</h1><div class="don_error" role="alert">%s</div>'
            '<p><a href="/don/melden">%s</a></p>'
        ) % (
            _nl(MSG_NOT_SENT),
            message,
            _nl(MSG_BACK),
        )
        html = cls._don_intake_html(_nl(MSG_TITLE), body)
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    @classmethod
    def _don_intake_unavailable_page(cls, post, token=None):
        """The reporter's text, kept, when the report could not be stored
        for a reason of ours: to copy, or to send again later."""
        fields_html = Markup("")
        for key, label, area in UNAVAILABLE_FIELDS:
            value = post.get(key) or ""
            if not value:
                continue
            if area:
                field = Markup('<textarea id="%s" rows="6" readonly="readonly">%s</textarea>') % (
                    key,
                    value,
                )
            else:
                field = Markup('<input id="%s" type="text" readonly="readonly" value="%s"/>') % (
                    key,
                    value,
                )
            fields_html += Markup('<label for="%s">%s</label>%s') % (key, _nl(label), field)
        target = f"{INTAKE_PREFIX}/{token}" if token else INTAKE_PREFIX
        body = Markup(
            '<h1>%s</h1><div class="don_error" role="alert">%s</div>%s<p><a href="%s">%s</a></p>'
        ) % (
            _nl(MSG_NOT_SENT),
            _nl(MSG_NOT_STORED),
            fields_html,
            escape(target),
            _nl(MSG_BACK),
        )
        html = cls._don_intake_html(_nl(MSG_TITLE), body)
        return Response(html, status=503, content_type="text/html; charset=utf-8")
