# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

SECTIONS = [
    ("signal", "Possible signal"),
    ("risk", "Risk factor"),
    ("protective", "Protective factor"),
    ("route", "Reporting route"),
]


class DonSignalCardLine(models.Model):
    """A frozen line of a signal card version: texts are copied from the
    catalogue, the link to the catalogue is kept for reference only."""

    _name = "don.signal.card.line"
    _description = "Signal card line"
    _order = "card_id, section, sequence, id"

    card_id = fields.Many2one("don.signal.card", required=True, ondelete="cascade", index=True)
    section = fields.Selection(SECTIONS, required=True, default="route")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Text", required=True, translate=True)
    description = fields.Text(string="Explanation", translate=True)
    group_name = fields.Char(
        string="Group", translate=True, help="Category or life area printed as heading."
    )
    phone = fields.Char(help="Phone number of the reporting route.")
    email = fields.Char(help="E-mail address of the reporting route.")
    indicator_id = fields.Many2one("don.indicator", ondelete="set null", readonly=True)
    factor_id = fields.Many2one("don.factor", ondelete="set null", readonly=True)

    def _check_card_draft(self, cards):
        if any(card.state != "draft" for card in cards):
            raise UserError(
                _("A published signal card cannot be changed. Create a new version instead.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        cards = self.env["don.signal.card"].browse(
            {vals["card_id"] for vals in vals_list if vals.get("card_id")}
        )
        self._check_card_draft(cards)
        return super().create(vals_list)

    def write(self, vals):
        # unlinking the catalogue record (ondelete set null) is not a content change
        if set(vals) - {"indicator_id", "factor_id"}:
            self._check_card_draft(self.card_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_card_draft(self.card_id)
