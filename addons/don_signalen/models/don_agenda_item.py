# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class DonAgendaItem(models.Model):
    """A new signal is an agenda item of its own, linked to the signal."""

    _inherit = "don.agenda.item"

    kind = fields.Selection(
        selection_add=[("signal", "Signal"), ("match", "Match between domains")],
        ondelete={"signal": "set default", "match": "set default"},
    )
    source = fields.Selection(
        selection_add=[("signal", "Signal"), ("match", "Match between domains")],
        ondelete={"signal": "set default", "match": "set default"},
    )
    signal_id = fields.Many2one("don.signal", index="btree_not_null", ondelete="set null")
    match_id = fields.Many2one(
        "don.match",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="A match between domains (samenloop): the holders contact each other; "
        "the information itself stays with its domain.",
    )

    @api.depends("signal_id", "match_id")
    def _compute_subject(self):
        result = super()._compute_subject()
        for item in self.filtered("signal_id"):
            # The signal's label: its reference for who may see it, a neutral
            # label for everybody else (don.shared.mixin).
            item.subject = item.signal_id.display_name
        for item in self.filtered("match_id"):
            # The match's number (its label for who may see it; a neutral
            # label for everybody else).
            item.subject = item.match_id.display_name
        return result

    def _subject_key(self):
        self.ensure_one()
        if self.signal_id:
            return ("signal_id", self.signal_id.id)
        if self.match_id:
            return ("match_id", self.match_id.id)
        return super()._subject_key()

    @api.model
    def _proposal_key(self, vals):
        if vals.get("signal_id"):
            return ("signal_id", vals["signal_id"])
        if vals.get("match_id"):
            return ("match_id", vals["match_id"])
        return super()._proposal_key(vals)

    def _carry_over_values(self, meeting):
        values = super()._carry_over_values(meeting)
        values["signal_id"] = self.signal_id.id
        values["match_id"] = self.match_id.id
        return values

    def _reason_text(self, key, counts):
        if key == "signal":
            return _("New signal")
        if key == "match":
            return _("New match between domains")
        return super()._reason_text(key, counts)

    def _action_defaults(self):
        defaults = super()._action_defaults()
        defaults["default_don_signal_id"] = self.signal_id.id
        return defaults
