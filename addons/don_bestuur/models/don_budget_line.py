# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons.don_core.models.don_intervention_type import LINES


class DonBudgetLine(models.Model):
    """The budget of the DON project for one year, line (preventie,
    repressie, hulpverlening) and funding source, against what is committed
    and spent on it."""

    _name = "don.budget.line"
    _description = "DON budget line"
    _order = "year desc, line, source_id, id"

    project_id = fields.Many2one(
        "project.project",
        string="DON project",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_don_project', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        compute="_compute_company_id",
        store=True,
        index=True,
        precompute=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, index=True
    )
    line = fields.Selection(LINES, required=True)
    source_id = fields.Many2one(
        "don.funding.source",
        string="Funding source",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('company_id', '=', company_id)]",
    )
    source_kind = fields.Selection(related="source_id.kind", store=True, string="Kind of source")
    note = fields.Char(string="Purpose")
    amount_planned = fields.Monetary(string="Planned", currency_field="currency_id")
    entry_ids = fields.One2many("don.budget.entry", "budget_line_id", string="Entries")
    amount_committed = fields.Monetary(
        string="Committed",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Commitments not yet spent (orders, agreements).",
    )
    amount_spent = fields.Monetary(
        string="Spent", compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    amount_available = fields.Monetary(
        string="Available",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Planned minus committed and spent.",
    )

    _sql_constraints = [
        (
            "line_unique",
            "UNIQUE(project_id, year, line, source_id)",
            "A project has one budget line per year, line and funding source.",
        ),
        ("year_sane", "CHECK(year BETWEEN 2000 AND 2100)", "The year lies between 2000 and 2100."),
        ("planned_positive", "CHECK(amount_planned >= 0)", "A planned amount is not negative."),
    ]

    @api.depends("project_id.company_id")
    def _compute_company_id(self):
        for line in self:
            line.company_id = line.project_id.company_id or self.env.company

    @api.depends("amount_planned", "entry_ids.amount", "entry_ids.kind")
    def _compute_amounts(self):
        totals = {}
        if self.ids:
            rows = self.env["don.budget.entry"]._read_group(
                [("budget_line_id", "in", self.ids)],
                ["budget_line_id", "kind"],
                ["amount:sum"],
            )
            totals = {(line.id, kind): amount for line, kind, amount in rows}
        for line in self:
            line_id = line._origin.id or line.id
            line.amount_committed = totals.get((line_id, "commitment"), 0.0)
            line.amount_spent = totals.get((line_id, "spending"), 0.0)
            line.amount_available = line.amount_planned - line.amount_committed - line.amount_spent

    @api.constrains("note")
    def _check_no_personal_data(self):
        self.env["don.driehoek.meeting"]._don_check_no_personal_data(
            [(line.company_id, [line.note]) for line in self]
        )

    def _compute_display_name(self):
        lines = dict(self._fields["line"]._description_selection(self.env))
        for line in self:
            line.display_name = _(
                "%(year)s %(line)s: %(fund)s",
                year=line.year,
                line=lines.get(line.line, ""),
                fund=line.source_id.name or "",
            )

    @api.model
    def _don_budget_summary(self, company, year):
        """Planned, committed and spent per line and per source of one
        year: ({line: (planned, committed, spent)}, {source: (...)}, total),
        read as the current user (record rules apply)."""
        rows = self._read_group(
            [("company_id", "=", company.id), ("year", "=", year)],
            ["line", "source_id"],
            ["amount_planned:sum", "amount_committed:sum", "amount_spent:sum"],
        )
        per_line, per_source = {}, {}
        total = (0.0, 0.0, 0.0)
        for line, source, planned, committed, spent in rows:
            values = (planned or 0.0, committed or 0.0, spent or 0.0)
            for bucket, key in ((per_line, line), (per_source, source)):
                bucket[key] = tuple(
                    a + b for a, b in zip(bucket.get(key, (0.0,) * 3), values, strict=True)
                )
            total = tuple(a + b for a, b in zip(total, values, strict=True))
        return per_line, per_source, total
