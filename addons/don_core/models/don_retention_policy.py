# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RETENTION_RECORD_TYPES = [
    ("case", "Closed case file (with its information)"),
    ("youth", "Young person without a case"),
]


class DonRetentionPolicy(models.Model):
    """How long one kind of DON record is kept in one municipality, and what
    happens when that period has passed (after review by the privacy officer).
    """

    _name = "don.retention.policy"
    _description = "DON retention period"
    _order = "company_id, record_type"

    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    record_type = fields.Selection(
        RETENTION_RECORD_TYPES,
        string="Record type",
        required=True,
        help="Closed case files are counted from their closing date; young people "
        "without a case from their registration.",
    )
    period_years = fields.Integer(string="Years", default=5)
    period_months = fields.Integer(string="Months", default=0)
    action = fields.Selection(
        [("anonymise", "Anonymise"), ("delete", "Delete")],
        required=True,
        default="anonymise",
        help="Anonymise keeps the figures (dates, stages, kinds of intervention) "
        "without anything that identifies the young person; delete removes the records.",
    )
    grace_days = fields.Integer(
        string="Grace period (days)",
        default=0,
        help="Days after which a proposal on the review list is carried out when the "
        "privacy officer has not decided on it. 0: only after explicit approval.",
    )
    legal_basis_id = fields.Many2one(
        "don.legal.basis",
        string="Legal basis",
        ondelete="restrict",
        help="The law or covenant article that sets this retention period.",
    )
    data_categories = fields.Text(
        string="Data categories",
        translate=True,
        help="What this record type holds, for the processing register.",
    )
    purpose = fields.Text(translate=True, help="Why these data are processed.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "company_type_unique",
            "UNIQUE(company_id, record_type)",
            "A municipality has one retention period per record type.",
        ),
    ]

    @api.depends("record_type", "period_years", "period_months")
    def _compute_display_name(self):
        labels = dict(self._fields["record_type"]._description_selection(self.env))
        for policy in self:
            policy.display_name = _(
                "%(type)s: %(years)s years %(months)s months",
                type=labels.get(policy.record_type, ""),
                years=policy.period_years,
                months=policy.period_months,
            )

    @api.constrains("period_years", "period_months", "grace_days")
    def _check_period(self):
        for policy in self:
            if policy.period_years < 0 or policy.period_months < 0 or policy.grace_days < 0:
                raise ValidationError(_("A retention period cannot be negative."))
            if not (policy.period_years or policy.period_months):
                raise ValidationError(
                    _("Give a retention period of at least one month: nothing is removed at once.")
                )

    def _delta(self):
        self.ensure_one()
        return relativedelta(years=self.period_years, months=self.period_months)

    @api.model
    def _policy_for(self, company, record_type):
        return self.search(
            [("company_id", "=", company.id), ("record_type", "=", record_type)], limit=1
        )

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        policies._recompute_case_dates()
        return policies

    def write(self, vals):
        result = super().write(vals)
        if {"period_years", "period_months", "company_id", "record_type", "active"} & set(vals):
            self._recompute_case_dates()
        return result

    def _recompute_case_dates(self):
        companies = self.filtered(lambda p: p.record_type == "case").company_id
        if companies:
            cases = (
                self.env["don.case"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_id", "in", companies.ids), ("date_closed", "!=", False)])
            )
            # sudo: the retention date is configuration-derived, not content;
            # the DON-beheerder who changes a period sees no case by this.
            cases._compute_retention_date()
