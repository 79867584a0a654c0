# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class DonReportTrained(models.Model):
    """People trained: attendances of awareness trainings, per period, phase
    and kind of organisation (a person trained twice counts twice)."""

    _name = "don.report.trained"
    _inherit = "don.report.awareness.cube"
    _description = "DON report: people trained"
    _auto = False
    _depends = {
        "event.event": [
            "company_id",
            "date_begin",
            "don_is_training",
            "don_phase",
            "don_partner_id",
        ],
        "event.registration": ["event_id", "state"],
        "res.partner": ["don_org_type"],
        "ir.config_parameter": ["key", "value"],
    }

    def _don_cube_source(self):
        return self._don_awareness_source(
            "event_registration r JOIN event_event e ON e.id = r.event_id", "r.state = 'done'"
        )
