# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..models.don_signal import SIGNAL_OUTCOMES


class DonSignalHandleWizard(models.TransientModel):
    """Handle a signal: link it to a case, open a new case (with a new young
    person when needed, carrying the signal's data over), refer it, or take
    no action, always with a reason."""

    _name = "don.signal.handle.wizard"
    _description = "Handle signal"

    signal_id = fields.Many2one("don.signal", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="signal_id.company_id")
    outcome = fields.Selection(SIGNAL_OUTCOMES, required=True, default="linked_case")
    reason = fields.Text(required=True)
    case_id = fields.Many2one(
        "don.case",
        domain="[('company_id', '=', company_id), ('stage', '!=', 'afgesloten')]",
    )
    youth_id = fields.Many2one(
        "don.youth",
        string="Young person",
        domain="[('company_id', '=', company_id)]",
        help="Leave empty to register a new young person.",
    )
    youth_name = fields.Char(string="Name of the new young person")
    youth_date_of_birth = fields.Date(string="Date of birth")

    @api.onchange("signal_id", "outcome")
    def _onchange_outcome(self):
        if self.outcome == "new_case" and not self.youth_id and len(self.signal_id.youth_ids) == 1:
            self.youth_id = self.signal_id.youth_ids
        if self.outcome == "linked_case" and not self.case_id:
            # The signal's case, else the one open case of its young person.
            # Searched with the user's rights: only a case they may see.
            cases = self.signal_id.case_id or self.env["don.case"].search(
                [
                    ("youth_id", "in", self.signal_id.youth_ids.ids),
                    ("stage", "!=", "afgesloten"),
                ],
                limit=2,
            )
            if len(cases) == 1:
                self.case_id = cases

    def _create_case(self):
        signal = self.signal_id
        youth = self.youth_id
        if not youth:
            if not self.youth_name:
                raise UserError(_("Choose the young person or give the name of a new one."))
            youth = self.env["don.youth"].create(
                {
                    "name": self.youth_name,
                    "date_of_birth": self.youth_date_of_birth,
                    "company_id": signal.company_id.id,
                    "neighbourhood_id": signal.neighbourhood_id.id,
                }
            )
        summary = _(
            "Opened from signal %(ref)s (%(date)s): %(name)s",
            ref=signal.reference,
            date=fields.Date.to_string(signal.date_received.date()),
            name=signal.name,
        )
        case = self.env["don.case"].create(
            {
                "youth_id": youth.id,
                "company_id": signal.company_id.id,
                "summary": f"<p>{summary}</p>",
            }
        )
        if youth not in signal.youth_ids:
            signal.write({"youth_ids": [Command.link(youth.id)]})
        return case

    def action_confirm(self):
        self.ensure_one()
        case = None
        if self.outcome == "linked_case":
            if not self.case_id:
                raise UserError(_("Choose the case this signal belongs to."))
            case = self.case_id
        elif self.outcome == "new_case":
            case = self._create_case()
        self.signal_id._don_handle(self.outcome, self.reason, case=case)
        if case and self.outcome == "new_case":
            return {
                "type": "ir.actions.act_window",
                "res_model": "don.case",
                "res_id": case.id,
                "view_mode": "form",
                "target": "current",
            }
        return {"type": "ir.actions.act_window_close"}
