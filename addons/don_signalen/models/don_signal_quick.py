# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import math
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .don_signal_intake import CONTROL_RE, DonIntakeError, clean_text, parse_id

# A coordinate as a phone's browser sends it: ASCII digits, one optional
# sign and decimal point (no "nan", "inf", exponents, "١٢" or "1_0").
COORD_RE = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,15})?", re.ASCII)
QUICK_LENGTHS = {"description": 10000, "youth_description": 2000, "location": 200}
# How many young people the page offers to choose from (the user's own).
MAX_YOUTHS = 200
SUMMARY_LENGTH = 80
PHOTO_RE = re.compile(r"\.(jpe?g|png)$", re.IGNORECASE)


def parse_coordinate(value, limit):
    """A latitude (limit 90) or longitude (limit 180) from a form value, or
    None when it is not a finite number within the limit."""
    if not isinstance(value, str) or not COORD_RE.fullmatch(value):
        return None
    number = float(value)
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return number


def quick_fields():
    """The text fields of the quick report page."""
    return (*QUICK_LENGTHS, "latitude", "longitude")


class DonSignalQuick(models.AbstractModel):
    """A professional's quick report from a phone (/don/snelmelding).

    Unlike the public form everything happens as the logged-in user: the
    young people offered are those the user may see (record rules), and the
    signal is created by the user, in the user's domain, through the same
    create path as a signal recorded in the backend. Only the catalogues
    (signs, neighbourhoods) are read with sudo, as on the public form."""

    _name = "don.signal.quick"
    _description = "Quick report of a professional"

    @api.model
    def _may_report(self):
        """Whether the current user may create signals in a domain of their own."""
        if not self.env["don.signal"].has_access("create"):
            return False
        return bool(self.env["don.domain"]._default_for_user())

    @api.model
    def _youths(self):
        """The young people the current user may see (as the user, never sudo)."""
        return self.env["don.youth"].search(
            [("company_id", "in", self.env.companies.ids)], order="name", limit=MAX_YOUTHS
        )

    @api.model
    def _company(self):
        return self.env.company

    @api.model
    def _field_label(self, key):
        labels = {
            "description": _("What did you see or hear?"),
            "youth_id": _("Young person"),
            "youth_description": _("Or describe the young person"),
            "location": _("Place"),
            "attachments": _("Photo"),
        }
        if key in labels:
            return labels[key]
        return self.env["don.signal.intake"]._field_label(key)

    @api.model
    def _check(self, post, files):
        """Validated values of the page or DonIntakeError with a Dutch message
        per field; nothing is created here."""
        Intake = self.env["don.signal.intake"]
        errors, values = {}, {}
        for key, limit in QUICK_LENGTHS.items():
            value = post.get(key) or ""
            value = value.strip() if isinstance(value, str) else ""
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
        if not values["description"] and "description" not in errors:
            errors["description"] = _("Describe what you saw or heard.")
        youth = self.env["don.youth"]
        raw_youth = post.get("youth_id") or ""
        if raw_youth:
            number = parse_id(raw_youth)
            youth = self._youths().filtered(lambda y: y.id == number) if number else youth
            if not youth:
                errors["youth_id"] = _("Choose a young person from the list.")
        raw_lat, raw_lon = post.get("latitude") or "", post.get("longitude") or ""
        latitude = longitude = None
        if raw_lat or raw_lon:
            latitude = parse_coordinate(raw_lat, 90)
            longitude = parse_coordinate(raw_lon, 180)
            if latitude is None or longitude is None:
                errors["location"] = _(
                    "Your location could not be read. Type the place instead, or try the "
                    "location button again."
                )
        try:
            files = Intake._check_files(files)
        except UserError as error:
            errors["attachments"] = error.args[0]
        else:
            # A photo: of the public form's file types only the images.
            other = [name for name, _data in files if not PHOTO_RE.search(name)]
            if other:
                errors["attachments"] = _(
                    "The file %(name)s is not a photo: only JPG and PNG photos are accepted.",
                    name=other[0],
                )
        company = self._company()
        indicators = neighbourhood = None
        try:
            indicators, neighbourhood = Intake._check_choices(post, company)
        except DonIntakeError as error:
            errors.update(error.field_errors)
        if errors:
            raise DonIntakeError(
                _(
                    "Your report has not been sent yet: check the fields marked below "
                    "(%(fields)s).",
                    fields=", ".join(self._field_label(k) for k in errors),
                ),
                errors,
            )
        if not neighbourhood and latitude is not None:
            neighbourhood = self.env["don.neighbourhood"]._don_nearest(latitude, longitude, company)
        values.update(
            youth=youth,
            indicators=indicators,
            neighbourhood=neighbourhood,
            latitude=latitude,
            longitude=longitude,
            files=files,
        )
        return values

    @api.model
    def _summary(self, text):
        line = text.splitlines()[0].strip() if text else ""
        if len(line) > SUMMARY_LENGTH:
            line = line[: SUMMARY_LENGTH - 1].rstrip() + "…"
        return line or _("Quick report")

    @api.model
    def _submit(self, post, files):
        """Validate and store one quick report as the current user. Returns
        the new signal; raises DonIntakeError before creating anything."""
        if not self._may_report():
            raise AccessError(_("You may not record signals."))
        values = self._check(post, files)
        company = self._company()
        user = self.env.user
        location = values["location"]
        if values["latitude"] is not None and not location:
            lat = "%.5f" % values["latitude"]
            lon = "%.5f" % values["longitude"]
            location = _("Location of the phone: %(lat)s, %(lon)s", lat=lat, lon=lon)
        indicators = values["indicators"]
        vals = {
            "name": self._summary(values["description"]),
            "description": values["description"],
            "youth_ids": [fields.Command.set(values["youth"].ids)],
            "youth_description": values["youth_description"] or False,
            "location": location or False,
            "neighbourhood_id": values["neighbourhood"].id or False,
            "indicator_ids": [fields.Command.set(indicators.ids)],
            "category_id": indicators[:1].category_id.id,
            "channel_id": self.env["ir.model.data"]._xmlid_to_res_id(
                "don_signalen.channel_snelmelding", raise_if_not_found=True
            ),
            "reporter_type": "person",
            "reporter_name": user.name,
            "handler_id": company.don_signal_handler_id.id or False,
            "company_id": company.id,
            "date_received": fields.Datetime.now(),
        }
        # As the user: the mixin checks the domain is the user's own, the
        # record rules and the access rights apply, the match detection and
        # the handler's view are those of any other signal.
        signal = self.env["don.signal"].with_company(company).create(vals)
        if values["files"]:
            self.env["ir.attachment"].create(
                [
                    {
                        "name": filename,
                        "datas": base64.b64encode(data),
                        "res_model": "don.signal",
                        "res_id": signal.id,
                    }
                    for filename, data in values["files"]
                ]
            )
        signal._message_log(body=_("Sent as a quick report from a phone."))
        return signal

    @api.model
    def _posted(self, form):
        """What the user typed and chose, cleaned for showing it again."""
        post = {key: clean_text(form.get(key) or "") for key in quick_fields()}
        checked = {i for i in (parse_id(v) for v in form.getlist("indicator_ids")) if i}
        post["youth_id"] = parse_id(form.get("youth_id"))
        post["neighbourhood_id"] = parse_id(form.get("neighbourhood_id"))
        # The form's one-time id, kept when the form is shown again.
        form_uid = form.get("form_uid") or ""
        post["form_uid"] = form_uid if re.fullmatch(r"[0-9a-f]{32}", form_uid, re.ASCII) else ""
        return post, checked
