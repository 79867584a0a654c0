# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from itertools import combinations

from odoo import api, fields, models
from odoo.tools import SQL


class DonSignal(models.Model):
    """Young people named together in a signal are proposed as a network
    relation 'found together' (source: signal), for the handler to confirm."""

    _inherit = "don.signal"

    relation_suggestion_ids = fields.One2many(
        "don.relation.suggestion", "signal_id", string="Relation suggestions"
    )

    @api.model_create_multi
    def create(self, vals_list):
        signals = super().create(vals_list)
        # Only signals created with two or more young people give pairs (a
        # signal created without any, like a web report, is not read back).
        if any(vals.get("youth_ids") for vals in vals_list) or self.env.context.get(
            "default_youth_ids"
        ):
            signals.filtered(lambda s: len(s.youth_ids) > 1)._sync_relation_suggestions()
        return signals

    def write(self, vals):
        result = super().write(vals)
        if "youth_ids" in vals:
            self._sync_relation_suggestions()
        return result

    def _sync_relation_suggestions(self):
        """One proposal per pair of young people of the signal; proposals of
        pairs no longer on the signal go, decided ones stay."""
        signals = self.filtered("id")
        if not signals:
            return
        self.env.flush_all()
        # The pairs already proposed, in SQL: only to avoid duplicates, also
        # of proposals the current user may not see; nothing is returned.
        self.env.cr.execute(
            SQL(
                "SELECT id, signal_id, youth_a_id, youth_b_id, state"
                " FROM don_relation_suggestion WHERE signal_id IN %s",
                tuple(signals.ids),
            )
        )
        existing = {}
        for sid, signal_id, youth_a, youth_b, state in self.env.cr.fetchall():
            existing[(signal_id, youth_a, youth_b)] = (sid, state)
        # The signals' young people as stored (the user edits the signals, so
        # the ORM already checked their rights on them), in one query.
        self.env.cr.execute(
            SQL(
                "SELECT signal_id, youth_id FROM don_signal_youth_rel"
                " WHERE signal_id IN %s ORDER BY signal_id, youth_id",
                tuple(signals.ids),
            )
        )
        youths_of = {}
        for signal_id, youth_id in self.env.cr.fetchall():
            youths_of.setdefault(signal_id, []).append(youth_id)
        to_create = []
        stale = []
        for signal in signals:
            pairs = set(combinations(youths_of.get(signal.id, []), 2))
            for youth_a, youth_b in sorted(pairs):
                if (signal.id, youth_a, youth_b) not in existing:
                    to_create.append(
                        {
                            "signal_id": signal.id,
                            "youth_a_id": youth_a,
                            "youth_b_id": youth_b,
                            "company_id": signal.company_id.id,
                            "date": fields.Date.to_date(signal.date_received),
                        }
                    )
            for (signal_id, youth_a, youth_b), (sid, state) in existing.items():
                if signal_id == signal.id and (youth_a, youth_b) not in pairs:
                    if state == "proposed":
                        stale.append(sid)
        if to_create:
            self.env["don.relation.suggestion"].create(to_create)
        if stale:
            # sudo: the signals were just written by the user (the ORM checked
            # their write access, checked again here); the open proposals of
            # pairs no longer on them are derived data of those signals, also
            # where the user may not see one of the young people.
            signals.check_access("write")
            self.env["don.relation.suggestion"].browse(stale).sudo().unlink()
