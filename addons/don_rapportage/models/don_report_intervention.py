# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.don_core.models.don_intervention_type import LINES

RESULTS = [
    ("positive", "Goal reached"),
    ("partial", "Partly reached"),
    ("none", "Not reached"),
    ("unknown", "Unknown"),
    ("pending", "No result yet"),
    ("cancelled", "Cancelled"),
]


class DonReportIntervention(models.Model):
    """Interventions started per period, per line and result. Only the
    total and the line x result cells are published: a separate margin per
    line would let a suppressed cell be computed from it."""

    _name = "don.report.intervention"
    _inherit = "don.report.cube"
    _description = "DON report: interventions"
    _auto = False
    _depends = {
        "don.intervention": ["company_id", "date_start", "line", "state", "result"],
        "ir.config_parameter": ["key", "value"],
    }

    _don_cube_keys = (
        ("line", "varchar"),
        ("result", "varchar"),
    )
    _don_cube_dimensions = (
        ("total", None, ()),
        ("line_result", None, ("line", "result")),
    )

    dimension = fields.Selection(
        [("total", "Total"), ("line_result", "Per line and result")], readonly=True
    )
    line = fields.Selection(LINES, readonly=True)
    result = fields.Selection(RESULTS, readonly=True)

    def _don_cube_source(self):
        return """
            SELECT company_id, date_start AS day, line::varchar AS line,
                   CASE WHEN state = 'cancelled' THEN 'cancelled'
                        WHEN result IS NULL THEN 'pending'
                        ELSE result::varchar END AS result
              FROM don_intervention WHERE date_start IS NOT NULL
        """
