# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import format_datetime


class DonTimelineReportMixin(models.AbstractModel):
    """The printed timeline, built as the reader (never sudo): the records
    must be readable by them, every item is searched through the record
    rules; the print is written to the access log (ir.actions.report)."""

    _name = "report.don_core.timeline_report_mixin"
    _description = "DON timeline report"
    _timeline_model = None
    _timeline_method = None

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._timeline_model].browse(docids)
        docs.check_access("read")
        Timeline = self.env["don.timeline"]
        timelines = {
            doc.id: Timeline._render(getattr(Timeline, self._timeline_method)(doc), for_print=True)
            for doc in docs
        }
        # The print is written to the access log once, by ir.actions.report
        # (every DON print of a secured record is).
        return {
            "doc_ids": docids,
            "doc_model": self._timeline_model,
            "docs": docs,
            "timelines": timelines,
            "user": self.env.user,
            "printed": format_datetime(self.env, fields.Datetime.now(), dt_format="short"),
            "data": data,
        }


class DonTimelineYouthReport(models.AbstractModel):
    _name = "report.don_core.report_don_timeline_youth"
    _inherit = "report.don_core.timeline_report_mixin"
    _description = "DON timeline of a young person"
    _timeline_model = "don.youth"
    _timeline_method = "_for_youth"


class DonTimelineCaseReport(models.AbstractModel):
    _name = "report.don_core.report_don_timeline_case"
    _inherit = "report.don_core.timeline_report_mixin"
    _description = "DON timeline of a case"
    _timeline_model = "don.case"
    _timeline_method = "_for_case"
