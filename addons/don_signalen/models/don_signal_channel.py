# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonSignalChannel(models.Model):
    """How a signal reached the municipality (configurable catalogue)."""

    _name = "don.signal.channel"
    _description = "Signal channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key, used by the web intake and e-mail.")
    sequence = fields.Integer(default=10)
    is_anonymous = fields.Boolean(
        string="Anonymous channel",
        help="Signals through this channel never store who reported them.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a signal channel must be unique."),
    ]
