# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import logging
import os
import re
import zipfile

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
# Characters that cannot be stored (PostgreSQL refuses NUL) or typed: C0
# control characters other than tab and line breaks, and DEL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# An id of a catalogue entry: ASCII digits only ("²" and Arabic-Indic digits
# pass str.isdigit()), at most what an integer column holds.
ID_RE = re.compile(r"[0-9]{1,10}", re.ASCII)
MAX_ID = 2**31 - 1
# An address a mail server accepts: dot-atom local part, a domain of
# letters, digits and hyphens with at least one dot. Stricter than
# tools.email_normalize, which accepts "@b.nl", "a b@c.nl" or "x@y@z".
EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}",
    re.ASCII,
)


def _is_docx(data):
    """Whether ``data`` is a Word document: a zip with the parts of one
    (an executable or any other zip named .docx is not)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return {"[Content_Types].xml", "word/document.xml"} <= names


def clean_text(value):
    """``value`` without the characters that cannot be stored."""
    return CONTROL_RE.sub("", value if isinstance(value, str) else "")


def parse_id(value):
    """A positive database id from a form value, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


# The audiences of the signal cards (don_bewustwording) and the indicator
# field that puts an indicator on their card.
AUDIENCE_FIELDS = {
    "internal": "audience_internal",
    "school": "audience_school",
    "sportclub": "audience_sportclub",
    "parents": "audience_parents",
}
# At most this many categories are taken from a signal card's QR code.
MAX_PRESELECTED = 20


def parse_preselection(audience, categories):
    """``(audience, [category ids])`` from the query of a signal card's QR
    code (``?doelgroep=school&categorie=3,7``). Only the shape is checked
    here; what the form offers is checked by
    don.signal.intake._form_groups. Anything else is no preselection: the
    form stays the whole form."""
    audience = audience if isinstance(audience, str) and audience in AUDIENCE_FIELDS else None
    ids = []
    if isinstance(categories, str) and len(categories) <= 20 * MAX_PRESELECTED:
        for part in categories.split(","):
            number = parse_id(part)
            if number and number not in ids:
                ids.append(number)
    return audience, ids[:MAX_PRESELECTED]


def form_fields():
    """The text fields of the reporting form."""
    return tuple(MAX_LENGTHS)


class DonIntakeError(UserError):
    """A refused web report: a message for the whole form and one per field
    (``{field name: message}``), shown next to the field concerned."""

    def __init__(self, message, field_errors=None):
        super().__init__(message)
        self.field_errors = field_errors or {}


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
    def _form_values(self, company, categories=True, neighbourhoods=True):
        """The catalogues the form offers (only the ones asked for are read)."""
        # sudo: the catalogues on the public form (categories, indicators,
        # neighbourhood names) are not personal data.
        values = {}
        if categories:
            values["categories"] = (
                self.env["don.signal.category"]
                .sudo()
                .search([("indicator_ids", "!=", False)], limit=50)
            )
        if neighbourhoods:
            values["neighbourhoods"] = (
                self.env["don.neighbourhood"]
                .sudo()
                .search([("company_id", "in", [company.id, False])])
            )
        return values

    @api.model
    def _form_groups(self, categories, audience=None, category_ids=()):
        """The indicators of the form per category, as two lists of
        ``(category, indicators)``: those of the signal card the reporter
        came from (its audience and categories, from its QR code) and the
        others. Without a (valid) card both are the whole form and nothing.
        Ids that are not among the offered categories are left out."""
        chosen = [i for i in category_ids if i in set(categories.ids)]
        field = AUDIENCE_FIELDS.get(audience)
        if not chosen and not field:
            return [(c, c.indicator_ids) for c in categories], []
        card, other = [], []
        for category in categories:
            indicators = category.indicator_ids
            on_card = indicators.filtered(field) if field else indicators
            if chosen and category.id not in chosen:
                on_card = indicators.browse()
            if on_card:
                card.append((category, on_card))
            if indicators - on_card:
                other.append((category, indicators - on_card))
        if not card:
            return [(c, c.indicator_ids) for c in categories], []
        return card, other

    @api.model
    def _card_hint(self, audience):
        """The hint above the signs of the signal card the reporter came from."""
        hints = {
            "internal": _(
                "The signs of the signal card for internal teams. Tick what applies; nothing "
                "applies? Just describe it above."
            ),
            "school": _(
                "The signs of the signal card for schools. Tick what applies; nothing applies? "
                "Just describe it above."
            ),
            "sportclub": _(
                "The signs of the signal card for sports clubs. Tick what applies; nothing "
                "applies? Just describe it above."
            ),
            "parents": _(
                "The signs of the signal card for parents and youth. Tick what applies; nothing "
                "applies? Just describe it above."
            ),
        }
        return hints.get(audience) or _(
            "The signs of your signal card. Tick what applies; nothing applies? Just describe "
            "it above."
        )

    @api.model
    def _check_files(self, files):
        """[(filename, bytes)] -> same list, or UserError with a Dutch message."""
        if len(files) > MAX_FILES:
            raise UserError(_("Attach at most %(count)s files.", count=MAX_FILES))
        # A name is only a label: characters that cannot be stored go.
        files = [
            (clean_text(filename).strip()[:200] or "bijlage", data) for filename, data in files
        ]
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
            if mimetype not in ALLOWED_TYPES[ext] or (ext == ".docx" and not _is_docx(data)):
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
        """The text fields of ``post``, stripped; raises DonIntakeError with
        a Dutch message per field for every field that cannot be taken."""
        values, errors = {}, {}
        for key, limit in MAX_LENGTHS.items():
            value = post.get(key) or ""
            if not isinstance(value, str):
                value = ""
            value = value.strip()
            if CONTROL_RE.search(value):
                errors[key] = _(
                    "This field contained a character that cannot be stored (a control "
                    "character); it has been removed. Check the text and send again."
                )
            elif len(value) > limit:
                errors[key] = _(
                    "The field '%(field)s' is too long: at most %(limit)s characters.",
                    field=self._field_label(key),
                    limit=limit,
                )
            values[key] = value
        for key in ("name", "description"):
            if not values[key] and key not in errors:
                errors[key] = self._fill_in([key])
        email = values["reporter_email"]
        if email and "reporter_email" not in errors and not EMAIL_RE.fullmatch(email):
            errors["reporter_email"] = _("The e-mail address is not valid. Example: naam@school.nl")
        if errors:
            missing = [self._field_label(k) for k in ("name", "description") if not values[k]]
            if missing and len(errors) == len(missing):
                message = self._fill_in([k for k in ("name", "description") if not values[k]])
            else:
                message = _(
                    "Your report has not been sent yet: check the fields marked below "
                    "(%(fields)s).",
                    fields=", ".join(self._field_label(k) for k in errors),
                )
            raise DonIntakeError(message, errors)
        return values

    @api.model
    def _check_choices(self, post, company):
        """The indicators and neighbourhood chosen on the form, checked
        against what the form offers to ``company``'s reporters."""
        errors = {}
        raw_ids = post.get("indicator_ids") or []
        if isinstance(raw_ids, str):
            raw_ids = [raw_ids]
        ids = [parse_id(value) for value in raw_ids]
        indicators = self.env["don.indicator"]
        if ids:
            offered = self._form_values(company, neighbourhoods=False)
            indicators = offered["categories"].indicator_ids.filtered(lambda i: i.id in ids)
        if None in ids or len(indicators) != len(set(ids)):
            errors["indicator_ids"] = _(
                "Choose the signs from the list on this page only; the list may have "
                "changed since the page was opened."
            )
        neighbourhood = self.env["don.neighbourhood"]
        raw_neighbourhood = post.get("neighbourhood_id") or ""
        if raw_neighbourhood:
            number = parse_id(raw_neighbourhood)
            offered = self._form_values(company, categories=False)
            neighbourhood = offered["neighbourhoods"].filtered(lambda n: n.id == number)
            if not neighbourhood:
                errors["neighbourhood_id"] = _("Choose a neighbourhood from the list.")
        if errors:
            raise DonIntakeError(
                _(
                    "Your report has not been sent yet: check the fields marked below "
                    "(%(fields)s).",
                    fields=", ".join(self._field_label(k) for k in errors),
                ),
                errors,
            )
        return indicators, neighbourhood

    @api.model
    def _fill_in(self, keys):
        message = _("Fill in: %(fields)s.", fields=", ".join(self._field_label(k) for k in keys))
        # "Vul in: Wat heeft u gezien of gehoord?." reads as a typo.
        return message.replace("?.", "?")

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
            "indicator_ids": _("What did you notice?"),
            "neighbourhood_id": _("Neighbourhood"),
            "attachments": _("Attachments"),
        }[key]

    @api.model
    def _submit(self, post, files, partner=None, company=None):
        """Validate and store one web report. ``partner`` is the organisation
        of a checked reporting link, None for the anonymous form. Returns the
        new signal (sudo). Raises UserError before creating anything."""
        if not partner:
            # The anonymous form asks nothing about the reporter: whatever a
            # client sends for it is neither checked nor kept.
            post = {k: v for k, v in post.items() if not k.startswith("reporter_")}
        # Every field is checked before anything is stored, and every fault
        # is reported at once, each next to its field.
        errors, messages = {}, []
        values = indicators = neighbourhood = None
        try:
            values = self._check_values(post)
        except DonIntakeError as error:
            errors.update(error.field_errors)
            messages.append(error.args[0])
        try:
            files = self._check_files(files)
        except UserError as error:
            errors["attachments"] = error.args[0]
            messages.append(error.args[0])
        # sudo: called by the controller after the reporting link was
        # checked (or for the anonymous form); the catalogue ids of the form
        # are validated against the catalogues the form offers.
        Signal = self.env["don.signal"].sudo()
        company = company or (partner and partner.company_id) or self._intake_company()
        try:
            indicators, neighbourhood = self._check_choices(post, company)
        except DonIntakeError as error:
            errors.update(error.field_errors)
            messages.append(error.args[0])
        if errors:
            message = (
                messages[0]
                if len(messages) == 1
                else _(
                    "Your report has not been sent yet: check the fields marked below "
                    "(%(fields)s).",
                    fields=", ".join(self._field_label(k) for k in errors),
                )
            )
            raise DonIntakeError(message, errors)
        defaults = Signal.with_company(company)._don_intake_defaults(company)
        category = indicators[:1].category_id
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
            channel_id = partner.don_intake_channel_id.id or self._xmlid_id(
                "don_signalen.channel_overig"
            )
            vals.update(
                intake_source="web",
                channel_id=channel_id,
                reporter_type="organisation",
                reporter_partner_id=partner.id,
                reporter_name=values["reporter_name"] or False,
                reporter_email=values["reporter_email"] or False,
                reporter_phone=values["reporter_phone"] or False,
            )
        else:
            vals.update(
                intake_source="web_anonymous",
                channel_id=self._xmlid_id("don_signalen.channel_web_anoniem"),
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
        # A log note, not a post: it notifies nobody (as a note posted here
        # would not either) and costs two queries instead of eight.
        signal._message_log(
            body=_("Received through the web form."),
            author_id=self.env["ir.model.data"]._xmlid_to_res_id("base.partner_root"),
        )
        return signal

    @api.model
    def _xmlid_id(self, xmlid):
        """The id of a record of this addon's data (cached; ``env.ref`` would
        query its existence on every report)."""
        return self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=True)

    @api.model
    def _intake_company(self):
        # sudo: which municipality receives anonymous reports is configuration.
        company = (
            self.env["res.company"]
            .sudo()
            .search([("don_signal_handler_id", "!=", False)], order="sequence, id", limit=1)
        )
        return company or self.env.company
