# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import os

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 5
# Extension -> mimetypes accepted for it (checked on the content).
ALLOWED_TYPES = {
    ".pdf": ("application/pdf",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".png": ("image/png",),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
        "application/octet-stream",
    ),
}
MAX_LENGTHS = {
    "name": 200,
    "description": 10000,
    "youth_description": 2000,
    "location": 200,
    "reporter_name": 200,
    "reporter_email": 200,
    "reporter_phone": 50,
}


class DonSignalIntake(models.AbstractModel):
    """The web form's intake of signals, without an Odoo account.

    Everything is validated before anything is created; the signal and its
    attachments are created in one transaction with sudo() after the caller
    checked the reporting link (see readme/DEVELOP.md)."""

    _name = "don.signal.intake"
    _description = "Web intake of signals"

    @api.model
    def _form_values(self, company):
        # sudo: the catalogues on the public form (categories, indicators,
        # neighbourhood names) are not personal data.
        categories = (
            self.env["don.signal.category"]
            .sudo()
            .search([("indicator_ids", "!=", False)], limit=50)
        )
        neighbourhoods = (
            self.env["don.neighbourhood"].sudo().search([("company_id", "in", [company.id, False])])
        )
        return {"categories": categories, "neighbourhoods": neighbourhoods}

    @api.model
    def _check_files(self, files):
        """[(filename, bytes)] -> same list, or UserError with a Dutch message."""
        if len(files) > MAX_FILES:
            raise UserError(_("Attach at most %(count)s files.", count=MAX_FILES))
        for filename, data in files:
            ext = os.path.splitext(filename or "")[1].lower()
            if ext not in ALLOWED_TYPES:
                raise UserError(
                    _(
                        "The file %(name)s cannot be sent: only PDF, JPG, PNG and Word (docx) "
                        "files are accepted.",
                        name=filename,
                    )
                )
            if len(data) > MAX_FILE_SIZE:
                raise UserError(
                    _(
                        "The file %(name)s is too large: at most %(size)s MB per file.",
                        name=filename,
                        size=MAX_FILE_SIZE // (1024 * 1024),
                    )
                )
            mimetype = tools.mimetypes.guess_mimetype(data)
            if mimetype not in ALLOWED_TYPES[ext]:
                raise UserError(
                    _(
                        "The file %(name)s is not what its name says: only PDF, JPG, PNG and "
                        "Word (docx) files are accepted.",
                        name=filename,
                    )
                )
        return files

    @api.model
    def _check_values(self, post):
        values = {}
        for key, limit in MAX_LENGTHS.items():
            value = (post.get(key) or "").strip()
            if len(value) > limit:
                raise UserError(
                    _(
                        "The field '%(field)s' is too long: at most %(limit)s characters.",
                        field=self._field_label(key),
                        limit=limit,
                    )
                )
            values[key] = value
        missing = [self._field_label(k) for k in ("name", "description") if not values[k]]
        if missing:
            raise UserError(_("Fill in: %(fields)s.", fields=", ".join(missing)))
        if values["reporter_email"] and not tools.email_normalize(values["reporter_email"]):
            raise UserError(_("The e-mail address is not valid."))
        return values

    @api.model
    def _field_label(self, key):
        return {
            "name": _("Short summary"),
            "description": _("What did you see or hear?"),
            "youth_description": _("Who is it about?"),
            "location": _("Location"),
            "reporter_name": _("Your name"),
            "reporter_email": _("Your e-mail address"),
            "reporter_phone": _("Your phone number"),
        }[key]

    @api.model
    def _submit(self, post, files, partner=None, company=None):
        """Validate and store one web report. ``partner`` is the organisation
        of a checked reporting link, None for the anonymous form. Returns the
        new signal (sudo). Raises UserError before creating anything."""
        values = self._check_values(post)
        files = self._check_files(files)
        # sudo: called by the controller after the reporting link was
        # checked (or for the anonymous form); the catalogue ids of the form
        # are validated against the catalogues here.
        Signal = self.env["don.signal"].sudo()
        company = company or (partner and partner.company_id) or self._intake_company()
        defaults = Signal.with_company(company)._don_intake_defaults(company)
        indicator_ids = [int(i) for i in post.get("indicator_ids", []) if str(i).isdigit()]
        indicators = self.env["don.indicator"].sudo().browse(indicator_ids).exists()
        category = indicators[:1].category_id
        neighbourhood = False
        if str(post.get("neighbourhood_id") or "").isdigit():
            neighbourhood = (
                self.env["don.neighbourhood"].sudo().browse(int(post["neighbourhood_id"])).exists()
            )
        vals = dict(
            defaults,
            name=values["name"],
            description=values["description"],
            youth_description=values["youth_description"] or False,
            location=values["location"] or False,
            neighbourhood_id=neighbourhood.id if neighbourhood else False,
            indicator_ids=[fields.Command.set(indicators.ids)],
            category_id=category.id,
            urgency="1" if post.get("urgent") else "0",
            date_received=fields.Datetime.now(),
        )
        if partner:
            channel = partner.don_intake_channel_id or self.env.ref("don_signalen.channel_overig")
            vals.update(
                intake_source="web",
                channel_id=channel.id,
                reporter_type="organisation",
                reporter_partner_id=partner.id,
                reporter_name=values["reporter_name"] or False,
                reporter_email=values["reporter_email"] or False,
                reporter_phone=values["reporter_phone"] or False,
            )
        else:
            vals.update(
                intake_source="web_anonymous",
                channel_id=self.env.ref("don_signalen.channel_web_anoniem").id,
                reporter_type="anonymous",
            )
        Signal = Signal.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
        signal = Signal.with_company(company).create(vals)
        if files:
            self.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": filename,
                        "datas": base64.b64encode(data),
                        "res_model": "don.signal",
                        "res_id": signal.id,
                    }
                    for filename, data in files
                ]
            )
        signal.message_post(
            body=_("Received through the web form."),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            author_id=self.env.ref("base.partner_root").id,
        )
        return signal

    @api.model
    def _intake_company(self):
        # sudo: which municipality receives anonymous reports is configuration.
        company = (
            self.env["res.company"]
            .sudo()
            .search([("don_signal_handler_id", "!=", False)], order="sequence, id", limit=1)
        )
        return company or self.env.company
