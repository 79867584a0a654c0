# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


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


class DonMeetingExtractReport(models.AbstractModel):
    """The extract of the minutes for one guest of the flexible shell: the
    guest lines given (one guest, confirmed), read as the reader: a guest
    with a login reads their items through the access relation."""

    _name = "report.don_core.report_don_meeting_extract"
    _description = "DON meeting extract for a guest"

    @api.model
    def _get_report_values(self, docids, data=None):
        guests = self.env["don.agenda.item.guest"].browse(docids)
        guests.check_access("read")
        # Only the confirmed lines whose item the reader may read: a guest
        # confirmed for a case item of a case they may not see gets the
        # other items, not an error that stops every extract.
        guests = guests.filtered(lambda guest: guest.confirmed_date)
        guests = guests.filtered(lambda guest: guest.item_id.has_access("read"))
        if len(guests.partner_id) > 1 or len(guests.meeting_id) > 1:
            # One extract is for one guest of one meeting: the lines of
            # another guest would give them items they did not attend.
            raise UserError(_("An extract is printed for one guest of one meeting at a time."))
        return {
            "doc_ids": guests.ids,
            "doc_model": "don.agenda.item.guest",
            "docs": guests,
            "meeting": guests.meeting_id[:1],
            "partner": guests.partner_id[:1],
            "can_read_actions": self.env["project.task"].has_access("read"),
            "data": data,
        }
