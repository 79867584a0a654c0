# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonReportFrozenCell(models.Model):
    """The true count of one month cell of a report cube, frozen when a
    period report is generated. The cubes show the months a report covers
    from these counts (suppressed like any other), so later live figures
    cannot be set against a published report. Holds counts below the
    threshold: no role reads this table (no access rights but the
    administrator's); only the cube views and the period report (sudo)."""

    _name = "don.report.frozen.cell"
    _description = "DON report: frozen month cell"
    _order = "report_id, cube, period_start, dim_index, id"

    report_id = fields.Many2one(
        "don.period.report", required=True, index=True, ondelete="cascade", readonly=True
    )
    cube = fields.Char(required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    period_start = fields.Date(string="Month", required=True, index=True, readonly=True)
    dim_index = fields.Integer(required=True, readonly=True)
    key_1 = fields.Char(readonly=True)
    key_2 = fields.Char(readonly=True)
    key_3 = fields.Char(readonly=True)
    key_4 = fields.Char(readonly=True)
    key_5 = fields.Char(readonly=True)
    n = fields.Integer(required=True, readonly=True)
