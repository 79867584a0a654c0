# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonAgendaItem(models.Model):
    _inherit = "don.agenda.item"

    source = fields.Selection(
        selection_add=[("signal", "Signal")], ondelete={"signal": "set default"}
    )
