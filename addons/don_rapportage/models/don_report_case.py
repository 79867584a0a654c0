# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.don_core.models.don_case import CASE_STAGES, CLOSING_REASONS


class DonReportCase(models.Model):
    """Cases started (inflow, with their current stage) and closed (outflow,
    with the closing reason) per period. Anonymised: counts only."""

    _name = "don.report.case"
    _inherit = "don.report.cube"
    _description = "DON report: cases"
    _auto = False
    _depends = {
        "don.case": ["company_id", "date_start", "date_closed", "stage", "closing_reason"],
        "ir.config_parameter": ["key", "value"],
    }
    _don_default_dimension = "inflow"

    _don_cube_keys = (
        ("stage", "varchar"),
        ("closing_reason", "varchar"),
    )
    _don_cube_dimensions = (
        ("inflow", "flow = 'in'", ()),
        ("inflow_stage", "flow = 'in'", ("stage",)),
        ("outflow", "flow = 'out'", ()),
        ("outflow_reason", "flow = 'out'", ("closing_reason",)),
    )

    dimension = fields.Selection(
        [
            ("inflow", "Inflow (cases started)"),
            ("inflow_stage", "Inflow per current stage"),
            ("outflow", "Outflow (cases closed)"),
            ("outflow_reason", "Outflow per closing reason"),
        ],
        readonly=True,
    )
    stage = fields.Selection(CASE_STAGES, string="Current stage", readonly=True)
    closing_reason = fields.Selection(CLOSING_REASONS, readonly=True)

    def _don_cube_source(self):
        return """
            SELECT company_id, date_start AS day, 'in' AS flow, stage::varchar AS stage,
                   NULL::varchar AS closing_reason
              FROM don_case WHERE date_start IS NOT NULL
            UNION ALL
            SELECT company_id, date_closed AS day, 'out' AS flow, NULL::varchar AS stage,
                   COALESCE(closing_reason, 'other')::varchar AS closing_reason
              FROM don_case WHERE date_closed IS NOT NULL
        """
