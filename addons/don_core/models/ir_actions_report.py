# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrActionsReport(models.Model):
    """A printed DON document is a consultation of the personal data in it:
    one access log entry per print (the records of a secured model with
    ``_don_log_open``, or the cases on the agenda of printed minutes)."""

    _inherit = "ir.actions.report"

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        # The PDF renders its HTML first: logged once, here.
        result = super(IrActionsReport, self.with_context(don_report_logged=True))._render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )
        self._don_log_print(report_ref, res_ids)
        return result

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None):
        result = super()._render_qweb_html(report_ref, docids, data=data)
        if not self.env.context.get("don_report_logged"):
            self._don_log_print(report_ref, docids)
        return result

    @api.model
    def _don_log_print(self, report_ref, res_ids):
        if not res_ids or (self.env.su and self.env.uid == 1):
            return
        report = self._get_report(report_ref)
        if report.model not in self.env:
            return
        records = self.env[report.model].browse(res_ids)
        consulted = getattr(records, "_don_print_consulted", None)
        if consulted is not None:
            records = consulted()
        elif not getattr(records, "_don_log_open", False):
            return
        if records:
            # Rendered as the reader (the report checked their access).
            self.env["don.access.log"]._log_records(records, action="print", reason=report.name)
