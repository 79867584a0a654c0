# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class DonMeeting(models.Model):
    _inherit = "don.meeting"

    def _don_agenda_proposals(self):
        """Each signal put on the agenda by its handler is an item of its
        own, linked to the signal (its number only: the content stays with
        the signal, and the link shows a neutral label to who may not see
        it). The case is linked too when the preparer may see it."""
        proposals = super()._don_agenda_proposals()
        # sudo: only the ids, numbers and case links of the signals that
        # their handlers explicitly put on the agenda of this municipality
        # are used; nothing else of the signal is read.
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
        for signal in signals:
            case = signal.case_id if signal.case_id in visible_cases else None
            proposals.append(
                {
                    "kind": "signal",
                    "signal_id": signal.id,
                    "case_id": case.id if case else False,
                    "phase": "signalering",
                    "source": "signal",
                    "name": _("New signal %(ref)s", ref=signal.reference),
                    "sort_key": signal.reference,
                }
            )
        # Each open match between domains that is on no agenda yet is an item
        # ("samenloop"): its number and domains only, never the information.
        # sudo: the preparer learns of the match through the agenda as the
        # whole Kernteam does; only the number and the domains' names are read.
        matches = (
            self.env["don.match"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("company_id", "=", self.company_id.id),
                    ("agenda_item_ids", "=", False),
                ],
                order="date_first, id",
            )
        )
        for match in matches:
            proposals.append(
                {
                    "kind": "match",
                    "match_id": match.id,
                    "phase": "signalering",
                    "source": "match",
                    "name": _(
                        "Match between domains %(ref)s: %(domains)s",
                        ref=match.reference,
                        domains=match.domain_names,
                    ),
                    "sort_key": match.reference,
                }
            )
        return proposals
