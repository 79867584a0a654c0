# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from ..tools.internal import INTERNAL, internal_flag

STAMPS = [
    ("pages", "Page numbers"),
    ("confidential", "Confidential, with page numbers"),
]


class IrActionsReport(models.Model):
    """Page numbers and the confidentiality marking of the DON documents,
    stamped on every page of the rendered PDF. Stamped here rather than in
    a wkhtmltopdf header or footer: those need a wkhtmltopdf built with
    patched Qt (the one of most Linux distributions ignores them), and a
    marking must never depend on how the server's wkhtmltopdf was built.

    A printed DON document is also a consultation of the personal data in
    it: one access log entry per print (the records of a secured model with
    ``_don_log_open``, or the cases on the agenda of printed minutes)."""

    _inherit = "ir.actions.report"

    don_stamp = fields.Selection(
        STAMPS,
        string="DON marking",
        help="Stamped on every page of the PDF: page numbers ('Page 1 of 3'), and for "
        "documents with personal data 'Confidential' and who printed it when.",
    )

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        report = self._get_report(report_ref)
        if report.don_stamp:
            for values in streams.values():
                if values.get("stream"):
                    values["stream"] = self._don_stamp_pdf(
                        values["stream"], report.don_stamp == "confidential"
                    )
        return streams

    def _don_stamp_texts(self, confidential):
        env = self.env
        today = fields.Date.context_today(self.with_context(tz=env.user.tz))
        lang = env["res.lang"]._get_data(code=env.lang or "en_US")
        date = today.strftime(lang.date_format if lang else "%d-%m-%Y")
        return {
            "marking": env._("Confidential").upper() if confidential else "",
            "printed": env._(
                "Confidential - printed by %(user)s on %(date)s; do not forward.",
                user=env.user.name,
                date=date,
            )
            if confidential
            else "",
            "page": env._("Page %(page)s of %(total)s", page="{page}", total="{total}"),
        }

    def _don_stamp_pdf(self, stream, confidential):
        """``stream`` (a PDF) with the marking and 'Page X of Y' on every
        page, in the printing user's language; a new stream."""
        texts = self._don_stamp_texts(confidential)
        stream.seek(0)
        reader = PdfFileReader(stream, strict=False, overwriteWarnings=False)
        total = reader.getNumPages()
        packet = io.BytesIO()
        can = canvas.Canvas(packet)
        for number in range(total):
            page = reader.getPage(number)
            width = float(abs(page.mediaBox.getWidth()))
            height = float(abs(page.mediaBox.getHeight()))
            can.setPageSize((width, height))
            can.setFillColorRGB(0.1, 0.1, 0.1)
            can.setStrokeColorRGB(0.1, 0.1, 0.1)
            can.setFont("Helvetica", 7.5)
            page_text = texts["page"].format(page=number + 1, total=total)
            can.drawRightString(width - 15 * mm, 9 * mm, page_text)
            if confidential:
                can.drawString(15 * mm, 9 * mm, texts["printed"])
                can.setFont("Helvetica-Bold", 9)
                text_width = can.stringWidth(texts["marking"], "Helvetica-Bold", 9)
                x = width - 15 * mm - text_width
                y = height - 11 * mm
                can.setLineWidth(1)
                can.rect(x - 2 * mm, y - 1.5 * mm, text_width + 4 * mm, 5.5 * mm)
                can.drawString(x, y, texts["marking"])
            can.showPage()
        can.save()
        stamps = PdfFileReader(packet, overwriteWarnings=False)
        writer = PdfFileWriter()
        for number in range(total):
            page = reader.getPage(number)
            # As Odoo's own add_banner: annotations break PyPDF2's merge.
            if "/Annots" in page:
                del page["/Annots"]
            page.mergePage(stamps.getPage(number))
            writer.addPage(page)
        output = io.BytesIO()
        writer.write(output)
        output.seek(0)
        return output

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        # The PDF renders its HTML first: logged once, here.
        result = super(
            IrActionsReport, self.with_context(don_report_logged=INTERNAL)
        )._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        self._don_log_print(report_ref, res_ids)
        return result

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None):
        result = super()._render_qweb_html(report_ref, docids, data=data)
        # Set by _render_qweb_pdf only (INTERNAL): a client sending
        # don_report_logged in a report URL's context is still logged.
        if not internal_flag(self.env, "don_report_logged"):
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
