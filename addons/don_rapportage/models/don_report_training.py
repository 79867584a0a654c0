# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class DonReportTraining(models.Model):
    """Awareness trainings held, per period, phase and kind of organisation."""

    _name = "don.report.training"
    _inherit = "don.report.awareness.cube"
    _description = "DON report: awareness trainings held"
    _auto = False
    _depends = {
        "event.event": [
            "company_id",
            "date_begin",
            "don_is_training",
            "don_held",
            "don_phase",
            "don_partner_id",
        ],
        "res.partner": ["don_org_type"],
        "ir.config_parameter": ["key", "value"],
    }

    def _don_cube_source(self):
        return self._don_awareness_source("event_event e", "e.don_held")
