# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

SOURCE_KINDS = [
    ("own", "Own team budget"),
    ("national", "National scheme"),
    ("provincial", "Provincial scheme"),
    ("subsidy", "Subsidy"),
    ("other", "Other"),
]


class DonFundingSource(models.Model):
    """Where the money of the DON approach comes from: the team's own
    budget, a national scheme (e.g. Preventie met Gezag), a provincial
    scheme or a subsidy, with its conditions and reporting dates. No
    personal data."""

    _name = "don.funding.source"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "DON funding source"
    _order = "kind, name, id"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(SOURCE_KINDS, required=True, default="own", tracking=True)
    grantor = fields.Char(help="Who grants the money, e.g. the Ministry of Justice and Security.")
    reference = fields.Char(help="The grant decision or file number of the grantor.")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")
    amount_granted = fields.Monetary(string="Granted", currency_field="currency_id", tracking=True)
    conditions = fields.Text(
        help="The conditions of the grant, e.g. what the money may be spent on."
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Reminded of the reporting dates.",
    )
    deadline_ids = fields.One2many(
        "don.funding.deadline", "source_id", string="Reporting dates", copy=False
    )
    next_deadline = fields.Date(
        string="Next reporting date", compute="_compute_next_deadline", store=True
    )
    budget_line_ids = fields.One2many("don.budget.line", "source_id", string="Budget lines")
    amount_planned = fields.Monetary(
        string="Planned", compute="_compute_amounts", currency_field="currency_id"
    )
    amount_spent = fields.Monetary(
        string="Spent", compute="_compute_amounts", currency_field="currency_id"
    )
    active = fields.Boolean(default=True)

    @api.depends("deadline_ids.date", "deadline_ids.done")
    def _compute_next_deadline(self):
        for source in self:
            dates = source.deadline_ids.filtered(lambda d: not d.done).mapped("date")
            source.next_deadline = min(dates) if dates else False

    @api.depends("budget_line_ids.amount_planned", "budget_line_ids.amount_spent")
    def _compute_amounts(self):
        for source in self:
            source.amount_planned = sum(source.budget_line_ids.mapped("amount_planned"))
            source.amount_spent = sum(source.budget_line_ids.mapped("amount_spent"))

    @api.constrains("name", "grantor", "reference", "conditions")
    def _check_no_personal_data(self):
        self.env["don.driehoek.meeting"]._don_check_no_personal_data(
            [(s.company_id, [s.name, s.grantor, s.reference, s.conditions]) for s in self]
        )

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for source in self:
            source.display_name = _(
                "%(name)s (%(kind)s)", name=source.name or "", kind=kinds.get(source.kind, "")
            )
