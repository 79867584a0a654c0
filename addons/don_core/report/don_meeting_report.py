# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonMeetingReportMixin(models.AbstractModel):
    """Meeting reports are rendered as the reader: the meeting must be
    readable by them, and its agenda items are read through the record
    rules (no sudo), so each reader gets only what they may see."""

    _name = "report.don_core.meeting_report_mixin"
    _description = "DON meeting report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["don.meeting"].browse(docids)
        docs.check_access("read")
        return {"doc_ids": docids, "doc_model": "don.meeting", "docs": docs, "data": data}


class DonMeetingMinutesReport(models.AbstractModel):
    _name = "report.don_core.report_don_meeting_minutes"
    _inherit = "report.don_core.meeting_report_mixin"
    _description = "DON meeting minutes"


class DonMeetingAgendaReport(models.AbstractModel):
    _name = "report.don_core.report_don_meeting_agenda"
    _inherit = "report.don_core.meeting_report_mixin"
    _description = "DON meeting agenda"
