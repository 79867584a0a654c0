# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.osv import expression


class DonTimeline(models.AbstractModel):
    """The signals on the timeline of a young person or a case."""

    _inherit = "don.timeline"

    @api.model
    def _timeline_items(self, youth, cases):
        items = super()._timeline_items(youth, cases)
        return items + self._items_signals(youth, cases)

    @api.model
    def _items_signals(self, youth, cases):
        """Signals about the young person or on the cases, searched as the
        reader: summary, category, domain and date, never the description
        or the reporter."""
        domains = []
        if youth:
            domains.append([("youth_ids", "in", youth.ids)])
        if cases:
            domains.append([("case_id", "in", cases.ids)])
        if not domains:
            return []
        signals = self._search_items(
            "don.signal",
            expression.OR(domains),
            ["reference", "name", "date_received", "category_id", "state", "domain_id", "case_id"],
        )
        states = self._selection_labels("don.signal", "state")
        # Only the numbers of the cases the reader may see (a signal about the
        # young person can hang on a case they may not see).
        visible_cases = {case.id: case.reference for case in cases}
        signal_label = _("Signal")
        return [
            {
                "moment": signal.date_received,
                "kind": "signal",
                "kind_label": signal_label,
                "icon": "fa-bell",
                "title": f"{signal.reference}: {signal.name}",
                "detail": " - ".join(
                    filter(None, [signal.category_id.name, states.get(signal.state)])
                ),
                "domain": signal.domain_id.name,
                "case": visible_cases.get(signal.case_id.id, ""),
                "model": signal._name,
                "res_id": signal.id,
            }
            for signal in signals
        ]
