# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class DonPeriodReport(models.Model):
    _inherit = "don.period.report"

    def _driehoek_meetings(self):
        """The final Driehoek meetings of the report's period and municipality."""
        self.ensure_one()
        return self.env["don.driehoek.meeting"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "final"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date",
        )
