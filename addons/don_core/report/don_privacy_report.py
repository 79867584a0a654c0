# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext


class DonSubjectRequestReport(models.AbstractModel):
    """The data-subject export as a readable document. Only the privacy
    officer renders it (the export itself checks that again)."""

    _name = "report.don_core.report_don_subject_request"
    _description = "DON data-subject export"

    @api.model
    def _sections(self, export):
        sections = []
        for model_name, records in (export.get("data") or {}).items():
            model = self.env[model_name] if model_name in self.env else None
            # The model's name in the reader's language (ir.model is
            # translated; _description is the English source). sudo: model
            # names are not personal data.
            title = (
                self.env["ir.model"].sudo()._get(model_name).name or model._description
                if model is not None
                else model_name
            )
            rows = []
            for values in records:
                fields_rows = []
                for key, value in values.items():
                    if key in ("messages", "attachments"):
                        continue
                    label = key
                    if model is not None and key in model._fields:
                        label = model._fields[key]._description_string(self.env)
                    if isinstance(value, list):
                        value = ", ".join(str(v) for v in value)
                    elif isinstance(value, bool):
                        value = _("Yes") if value else _("No")
                    fields_rows.append((label, "" if value is None else str(value)))
                rows.append(
                    {
                        "fields": fields_rows,
                        # A message's body is HTML: printed as its text.
                        "messages": [
                            dict(message, body=html2plaintext(message.get("body") or ""))
                            for message in values.get("messages") or []
                        ],
                        "attachments": values.get("attachments") or [],
                    }
                )
            sections.append({"title": title, "records": rows})
        return sections

    @api.model
    def _get_report_values(self, docids, data=None):
        self.env["don.subject.request"]._check_privacy_officer()
        docs = self.env["don.subject.request"].browse(docids)
        docs.check_access("read")
        exports = {}
        left_out = {}
        for doc in docs:
            export = (data or {}).get("export") if len(docs) == 1 else None
            export = export or doc._export_data()
            exports[doc.id] = self._sections(export)
            left_out[doc.id] = export.get("left_out") or []
        return {
            "doc_ids": docids,
            "doc_model": "don.subject.request",
            "docs": docs,
            "sections": exports,
            "left_out": left_out,
        }


class DonProcessingRegisterReport(models.AbstractModel):
    """The entry of DON in the municipality's register of processing
    activities (AVG art. 30): purposes, legal bases, data categories and
    retention per record type. No personal data."""

    _name = "report.don_core.report_don_processing_register"
    _description = "DON processing register"

    @api.model
    def _get_report_values(self, docids, data=None):
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("don_core.group_don_privacy")
            or user.has_group("don_core.group_don_manager")
        ):
            raise AccessError(
                _("Only the privacy officer and the DON administrator print this register.")
            )
        companies = self.env["res.company"].browse(docids)
        registers = {}
        for company in companies:
            registers[company.id] = {
                "policies": self.env["don.retention.policy"].search(
                    [("company_id", "=", company.id)]
                ),
                "bases": self.env["don.legal.basis"].search(
                    ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
                ),
            }
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "registers": registers,
        }
