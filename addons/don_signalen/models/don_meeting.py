# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class DonMeeting(models.Model):
    _inherit = "don.meeting"

    def _don_agenda_proposals(self):
        """Signals put on the agenda by their handler: one item per case the
        preparer may see, and one general item with the numbers of the other
        signals (the number only: the content stays with the signal)."""
        proposals = super()._don_agenda_proposals()
        # sudo: only the numbers and case links of the signals that their
        # handlers explicitly put on the agenda of this municipality are
        # used; nothing else of the signal is read.
        signals = (
            self.env["don.signal"]
            .sudo()
            .search(
                [
                    ("agenda_requested", "=", True),
                    ("state", "in", ("new", "triage")),
                    ("company_id", "=", self.company_id.id),
                ],
                order="date_received, id",
            )
        )
        visible_cases = self.env["don.case"].search([("id", "in", signals.case_id.ids)])
        general = []
        for signal in signals:
            if signal.case_id in visible_cases:
                proposals.append(
                    {
                        "kind": "case",
                        "case_id": signal.case_id.id,
                        "phase": "signalering",
                        "source": "signal",
                        "name": _("New signal %(ref)s", ref=signal.reference),
                    }
                )
            else:
                general.append(signal.reference)
        if general:
            proposals.append(
                {
                    "kind": "general",
                    "phase": "signalering",
                    "source": "signal",
                    "name": _("New signals: %(refs)s", refs=", ".join(general)),
                }
            )
        return proposals
