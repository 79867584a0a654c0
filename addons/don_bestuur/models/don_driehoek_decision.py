# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DonDriehoekDecision(models.Model):
    """An administrative decision of the Driehoek (no personal data)."""

    _name = "don.driehoek.decision"
    _description = "Driehoek decision"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "don.driehoek.meeting", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Decision", required=True)
    description = fields.Text()
    kind = fields.Selection(
        [
            ("priority", "Priority"),
            ("mandate", "Mandate"),
            ("funding", "Funding"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    owner = fields.Char(string="Responsible office", help="An office, not a young person.")
    deadline = fields.Date()
    goal_id = fields.Many2one("don.project.goal", ondelete="set null")
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    date = fields.Date(related="meeting_id.date", store=True)

    @api.constrains("name", "description", "owner")
    def _check_no_personal_data(self):
        self.env["don.driehoek.meeting"]._don_check_no_personal_data(
            [(d.company_id, [d.name, d.description, d.owner]) for d in self]
        )
