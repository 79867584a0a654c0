# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailFollowers(models.Model):
    """Who follows a DON document is known only to who may read it (see
    don.side.guard)."""

    _name = "mail.followers"
    _inherit = ["mail.followers", "don.side.guard"]
