# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.don_signal_intake import DonIntakeError
from .main import CSRF_RE, FORM_UID_RE, MAX_REQUEST_SIZE


class DonSignalQuickController(http.Controller):
    """The quick report of a logged-in professional on a phone.

    Everything runs as the user (no sudo): the young people offered are the
    user's own, the signal is created by the user in the user's domain. A
    refused report shows the page again with what was typed and a Dutch
    message next to each field concerned."""

    def _set_lang(self):
        installed = dict(request.env["res.lang"].get_installed())
        if "nl_NL" in installed:
            request.update_context(lang="nl_NL")

    def _refused(self):
        return request.render(
            "don_signalen.quick_refused",
            {"html_data": {"lang": "nl-NL"}},
            status=403,
        )

    def _render(self, post=None, checked=None, error=None, field_errors=None, status=200):
        Quick = request.env["don.signal.quick"]
        company = Quick._company()
        values = request.env["don.signal.intake"]._form_values(company)
        values.update(
            {
                "groups": [(c, c.indicator_ids) for c in values["categories"]],
                "youths": Quick._youths(),
                "post": post or {},
                "checked": checked or set(),
                "error": error,
                "field_errors": field_errors or {},
                "html_data": {"lang": "nl-NL"},
                # One id per form shown: the same form sent twice (a double
                # tap, a resend on a slow connection) is one report.
                "form_uid": (post or {}).get("form_uid") or uuid.uuid4().hex,
            }
        )
        return request.render("don_signalen.quick_form", values, status=status)

    def _thanks(self, reference):
        # As the user: the signal is found only if the record rules let them.
        signal = request.env["don.signal"].search([("reference", "=", reference)], limit=1)
        return request.render(
            "don_signalen.quick_thanks",
            {"reference": reference, "signal_id": signal.id, "html_data": {"lang": "nl-NL"}},
        )

    @http.route("/don/snelmelding", type="http", auth="user", methods=["GET"], sitemap=False)
    def quick_form(self):
        self._set_lang()
        if not request.env["don.signal.quick"]._may_report():
            return self._refused()
        return self._render()

    # CSRF is checked below by hand to answer with the typed text kept.
    @http.route(
        "/don/snelmelding",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=False,
        sitemap=False,
        max_content_length=MAX_REQUEST_SIZE,
    )
    def quick_submit(self):
        self._set_lang()
        if request.httprequest.method != "POST":
            return request.make_response("", status=405, headers=[("Allow", "GET, POST")])
        Quick = request.env["don.signal.quick"]
        if not Quick._may_report():
            return self._refused()
        form = request.httprequest.form
        post, checked = Quick._posted(form)
        keep = {"post": post, "checked": checked}
        token = form.get("csrf_token") or ""
        if not CSRF_RE.fullmatch(token) or not request.validate_csrf(token):
            return self._render(
                error=_(
                    "The page had expired, so your report has not been sent yet. Everything "
                    "you typed is still here: check it and send it again (add the photo again)."
                ),
                status=400,
                **keep,
            )
        raw = {key: form.get(key) or "" for key in ("description", "youth_description")}
        raw.update(
            {key: form.get(key) or "" for key in ("location", "latitude", "longitude")},
            youth_id=form.get("youth_id") or "",
            neighbourhood_id=form.get("neighbourhood_id") or "",
            indicator_ids=form.getlist("indicator_ids"),
        )
        form_uid = FORM_UID_RE.fullmatch(form.get("form_uid") or "") and form.get("form_uid")
        # sudo: the technical table that remembers which forms were sent.
        Log = request.env["don.signal.intake.log"].sudo()
        try:
            files = [
                (upload.filename, upload.read())
                for upload in request.httprequest.files.getlist("photo")
                if upload and upload.filename
            ]
            sent = Log._sent_reference(form_uid)
            if sent:
                return self._thanks(sent)
            if form_uid:
                # Parallel sends of the same form wait for each other here
                # (see don.signal.intake.log._reserve); no limit is counted.
                reservation = Log._reserve(None, form_uid=form_uid, keys=[])
                if reservation.sent_reference:
                    return self._thanks(reservation.sent_reference)
            signal = Quick._submit(raw, files)
            reference = signal.reference
            Log._record_form(form_uid, reference)
        except DonIntakeError as error:
            request.env.cr.rollback()
            return self._render(
                error=error.args[0], field_errors=error.field_errors, status=400, **keep
            )
        except AccessError:
            request.env.cr.rollback()
            return self._refused()
        except UserError as error:
            request.env.cr.rollback()
            return self._render(error=error.args[0], status=400, **keep)
        return request.render(
            "don_signalen.quick_thanks",
            {"reference": reference, "signal_id": signal.id, "html_data": {"lang": "nl-NL"}},
        )
