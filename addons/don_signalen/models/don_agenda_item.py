# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class DonAgendaItem(models.Model):
    """A new signal is an agenda item of its own, linked to the signal."""

    _inherit = "don.agenda.item"

    kind = fields.Selection(
        selection_add=[("signal", "Signal")], ondelete={"signal": "set default"}
    )
    source = fields.Selection(
        selection_add=[("signal", "Signal")], ondelete={"signal": "set default"}
    )
    signal_id = fields.Many2one("don.signal", index="btree_not_null", ondelete="set null")

    @api.depends("signal_id")
    def _compute_subject(self):
        result = super()._compute_subject()
        for item in self.filtered("signal_id"):
            # The signal's label: its reference for who may see it, a neutral
            # label for everybody else (don.shared.mixin).
            item.subject = item.signal_id.display_name
        return result

    def _subject_key(self):
        self.ensure_one()
        if self.signal_id:
            return ("signal_id", self.signal_id.id)
        return super()._subject_key()

    @api.model
    def _proposal_key(self, vals):
        if vals.get("signal_id"):
            return ("signal_id", vals["signal_id"])
        return super()._proposal_key(vals)

    def _carry_over_values(self, meeting):
        values = super()._carry_over_values(meeting)
        values["signal_id"] = self.signal_id.id
        return values

    def _reason_text(self, key, counts):
        if key == "signal":
            return _("New signal")
        return super()._reason_text(key, counts)

    def _action_defaults(self):
        defaults = super()._action_defaults()
        defaults["default_don_signal_id"] = self.signal_id.id
        return defaults
