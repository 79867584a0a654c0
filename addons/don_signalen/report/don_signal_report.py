# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import format_datetime


class DonSignalReport(models.AbstractModel):
    """A signal printed as the reader (never sudo), e.g. for the Kernteam
    file: the signal must be readable by them; the young people, indicators
    and the rest are read through their own rules. The reporter shows as on
    the form: not for an anonymous signal. The print is written to the
    access log once, by ir.actions.report (don_core)."""

    _name = "report.don_signalen.report_don_signal"
    _description = "DON signal (print)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["don.signal"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "don.signal",
            "docs": docs,
            "user": self.env.user,
            "printed": format_datetime(self.env, fields.Datetime.now(), dt_format="short"),
            "data": data,
        }
