# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

CORRECTABLE_FIELDS = [
    ("name", "Full name"),
    ("date_of_birth", "Date of birth"),
    ("street", "Street"),
    ("zip", "Postcode"),
    ("city", "Place"),
]


class DonSubjectRequest(models.Model):
    """A data-subject request (AVG art. 15-17) about one young person:
    access (inzage), correction or erasure. Handled by the privacy officer,
    who may read everything the suite holds about that young person for this
    purpose only; every export is recorded in the access log."""

    _name = "don.subject.request"
    _inherit = ["mail.thread", "mail.activity.mixin", "don.strong.login.mixin"]
    _description = "DON data-subject request"
    _order = "date_received desc, id desc"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    youth_id = fields.Many2one(
        "don.youth",
        string="Young person",
        index=True,
        ondelete="set null",
        domain="[('company_id', '=', company_id)]",
        help="Emptied when the young person is erased; the request itself is kept as "
        "proof of how it was handled.",
    )
    subject_ref = fields.Char(string="Register number", readonly=True, copy=False)
    kind = fields.Selection(
        [
            ("inzage", "Access (inzage)"),
            ("correctie", "Correction"),
            ("verwijdering", "Erasure"),
        ],
        required=True,
        default="inzage",
        tracking=True,
    )
    requester_name = fields.Char(string="Requester", required=True)
    requester_relation = fields.Selection(
        [
            ("self", "The young person"),
            ("parent", "Parent or legal guardian"),
            ("lawyer", "Lawyer or representative"),
            ("other", "Other"),
        ],
        string="Requester is",
        required=True,
        default="self",
    )
    identity_checked = fields.Boolean(
        string="Identity checked", tracking=True, help="The requester's identity was verified."
    )
    date_received = fields.Date(
        string="Received on", required=True, default=fields.Date.context_today, tracking=True
    )
    date_deadline = fields.Date(
        string="Answer before",
        compute="_compute_date_deadline",
        store=True,
        help="One month after receipt (AVG art. 12(3)).",
    )
    legal_reason = fields.Text(
        string="Legal reason",
        tracking=True,
        help="Why the request is granted or refused, with the article of law "
        "(e.g. AVG art. 17(1)(a)).",
    )
    legal_basis_id = fields.Many2one("don.legal.basis", string="Legal basis", tracking=True)
    correction_field = fields.Selection(CORRECTABLE_FIELDS, string="Field to correct")
    correction_value = fields.Char(string="Correct value")
    state = fields.Selection(
        [
            ("draft", "Received"),
            ("exported", "Data compiled"),
            ("done", "Handled"),
            ("refused", "Refused"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    search_name = fields.Char(
        string="Name in the request", help="Name of the young person as given by the requester."
    )
    search_date_of_birth = fields.Date(string="Date of birth in the request")
    export_attachment_ids = fields.Many2many(
        "ir.attachment", string="Export", readonly=True, copy=False
    )

    @api.depends("date_received")
    def _compute_date_deadline(self):
        for request in self:
            request.date_deadline = (
                request.date_received + timedelta(days=30) if request.date_received else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_privacy_officer()
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("don.subject.request") or _(
                    "New"
                )
        requests = super().create(vals_list)
        requests._sync_subject_ref()
        return requests

    def write(self, vals):
        result = super().write(vals)
        if "youth_id" in vals:
            self._sync_subject_ref()
        return result

    def _sync_subject_ref(self):
        for request in self.filtered("youth_id"):
            # sudo: the register number only (not a name), of a young person
            # the privacy officer chose for this request.
            request.subject_ref = request.youth_id.sudo().reference

    # ------------------------------------------------------------------
    # Access: the privacy officer only
    # ------------------------------------------------------------------
    @api.model
    def _check_privacy_officer(self):
        self.env["res.users"]._don_check_2fa()
        if not self.env.su and not self.env.user.has_group("don_core.group_don_privacy"):
            raise AccessError(_("Only the privacy officer handles data-subject requests."))

    def _youth_for_officer(self):
        """The young person of this request, read with sudo after the
        explicit check that the current user is the privacy officer and may
        change this request (AVG art. 15-17: the officer must see everything
        to answer; no other role reaches this code)."""
        self.ensure_one()
        self._check_privacy_officer()
        self.check_access("write")
        if not self.youth_id:
            raise UserError(_("Choose the young person the request is about."))
        if not self.identity_checked:
            raise UserError(_("Check the identity of the requester first."))
        # sudo: legitimate, see the docstring and readme/DEVELOP.md.
        youth = self.youth_id.sudo().with_context(active_test=False)
        if youth.company_id != self.company_id:
            raise UserError(_("The young person belongs to another municipality."))
        return youth

    def action_find_youth(self):
        """Find the young person by name and date of birth as given in the
        request. sudo after the privacy-officer check: the officer has no
        access to the register otherwise; only an exact match is linked, and
        only its register number is shown."""
        self.ensure_one()
        self._check_privacy_officer()
        self.check_access("write")
        if not (self.search_name and self.search_date_of_birth):
            raise UserError(_("Give the name and date of birth from the request."))
        matches = (
            self.env["don.youth"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("name", "=ilike", self.search_name.strip()),
                    ("date_of_birth", "=", self.search_date_of_birth),
                ],
                limit=2,
            )
        )
        if len(matches) != 1:
            raise UserError(
                _(
                    "No single young person in the register matches this name and date of "
                    "birth. Check the spelling with the requester."
                )
            )
        self.youth_id = matches
        return True

    # ------------------------------------------------------------------
    # Export (inzage)
    # ------------------------------------------------------------------
    def _export_data(self):
        self.ensure_one()
        youth = self._youth_for_officer()
        return {
            "request": self.name,
            "municipality": self.company_id.name,
            "generated_on": fields.Datetime.to_string(fields.Datetime.now()),
            "young_person": youth.reference,
            "data": self.env["don.privacy"]._export_youth(youth),
            "left_out": self.env["don.privacy"]._export_omissions(youth),
        }

    def action_export(self):
        """Compile everything about the young person into a JSON file and a
        PDF, attached to this request, and log the export."""
        for request in self:
            data = request._export_data()
            youth = request._youth_for_officer()
            payload = json.dumps(data, indent=2, ensure_ascii=False, default=str)
            Attachment = self.env["ir.attachment"]
            old = request.export_attachment_ids
            json_file = Attachment.create(
                {
                    "name": f"{request.name}.json",
                    "raw": payload.encode(),
                    "mimetype": "application/json",
                    "res_model": self._name,
                    "res_id": request.id,
                }
            )
            Report = self.env["ir.actions.report"]
            report_ref = "don_core.action_report_don_subject_request"
            if Report.get_wkhtmltopdf_state() in ("ok", "upgrade"):
                content, kind = Report._render_qweb_pdf(
                    report_ref, request.ids, data={"export": data}
                )
            else:
                # No PDF engine on this server: the same report as HTML.
                content, kind = Report._render_qweb_html(
                    report_ref, request.ids, data={"export": data}
                )
            # (Odoo's test mode also gives HTML where a PDF was asked.)
            if kind == "pdf":
                name, mimetype = f"{request.name}.pdf", "application/pdf"
            else:
                name, mimetype = f"{request.name}.html", "text/html"
            pdf_file = Attachment.create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": request.id,
                }
            )
            request.export_attachment_ids = [fields.Command.set((json_file | pdf_file).ids)]
            old.unlink()
            self.env["don.access.log"]._log_open(youth, action="export")
            if request.state == "draft":
                request.state = "exported"
            request.message_post(
                body=_(
                    "Everything held about %(ref)s was compiled for this request.",
                    ref=youth.reference,
                )
            )
        return True

    # ------------------------------------------------------------------
    # Correction and erasure
    # ------------------------------------------------------------------
    def _check_reason(self):
        if not (self.legal_reason or "").strip():
            raise UserError(_("Record the legal reason before carrying out the request."))

    def action_execute(self):
        for request in self:
            youth = request._youth_for_officer()
            request._check_reason()
            ref = youth.reference
            if request.kind == "correctie":
                if not request.correction_field:
                    raise UserError(_("Choose the field to correct and its correct value."))
                value = request.correction_value or False
                youth.write({request.correction_field: value})
                youth.message_post(
                    body=_(
                        "Corrected on request %(request)s. Reason: %(reason)s",
                        request=request.name,
                        reason=request.legal_reason,
                    )
                )
            elif request.kind == "verwijdering":
                self.env["don.privacy"]._erase_youth(youth, "delete")
            else:
                if not request.export_attachment_ids:
                    raise UserError(_("Compile the data first (button 'Compile data')."))
            request.write({"state": "done", "subject_ref": ref})
            request.message_post(
                body=_("Request carried out. Reason: %(reason)s", reason=request.legal_reason)
            )
        return True

    def action_refuse(self):
        for request in self:
            request._check_privacy_officer()
            request._check_reason()
            request.state = "refused"
        return True

    # ------------------------------------------------------------------
    # Privacy lifecycle: when the young person is erased, the request stays
    # as proof of handling, without the export files and names.
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        self.export_attachment_ids.unlink()
        # Attachments in the chatter of the request (e.g. the requester's letter).
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        attachments.unlink()
        self.write(
            {
                "youth_id": False,
                "requester_name": _("Anonymised"),
                "correction_value": False,
                "search_name": False,
                "search_date_of_birth": False,
            }
        )

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            ["name", "kind", "requester_relation", "date_received", "state", "legal_reason"],
            chatter=False,
        )
