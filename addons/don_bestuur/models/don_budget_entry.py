# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DonBudgetEntry(models.Model):
    """A commitment or an expense on a budget line, for a kind of
    intervention, a training or the project itself. Never for a named young
    person: interventions are booked per type of intervention."""

    _name = "don.budget.entry"
    _description = "DON budget commitment or expense"
    _order = "date desc, id desc"

    budget_line_id = fields.Many2one(
        "don.budget.line", string="Budget line", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [("commitment", "Commitment"), ("spending", "Spending")],
        required=True,
        default="spending",
    )
    name = fields.Char(string="Description", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="budget_line_id.currency_id")
    purpose = fields.Selection(
        [("project", "Project"), ("intervention", "Interventions"), ("training", "Training")],
        string="Spent on",
        required=True,
        default="project",
    )
    intervention_type_id = fields.Many2one(
        "don.intervention.type", string="Kind of intervention", ondelete="restrict"
    )
    training_id = fields.Many2one(
        "event.event",
        ondelete="set null",
        domain="[('don_is_training', '=', True), ('company_id', 'in', (False, company_id))]",
    )
    company_id = fields.Many2one(related="budget_line_id.company_id", store=True, index=True)
    project_id = fields.Many2one(related="budget_line_id.project_id", store=True)
    year = fields.Integer(related="budget_line_id.year", store=True)
    line = fields.Selection(related="budget_line_id.line", store=True)
    source_id = fields.Many2one(
        related="budget_line_id.source_id", store=True, string="Funding source"
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "An amount is more than zero."),
    ]

    @api.constrains("purpose", "intervention_type_id", "training_id")
    def _check_purpose(self):
        for entry in self:
            if entry.purpose == "intervention" and not entry.intervention_type_id:
                raise ValidationError(_("Choose the kind of intervention the money is for."))
            if entry.purpose == "training" and not entry.training_id:
                raise ValidationError(_("Choose the training the money is for."))

    @api.constrains("name")
    def _check_no_personal_data(self):
        self.env["don.driehoek.meeting"]._don_check_no_personal_data(
            [(entry.company_id, [entry.name]) for entry in self]
        )

    @api.onchange("purpose")
    def _onchange_purpose(self):
        if self.purpose != "intervention":
            self.intervention_type_id = False
        if self.purpose != "training":
            self.training_id = False
