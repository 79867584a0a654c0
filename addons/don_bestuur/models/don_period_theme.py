# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.addons.don_core.models.don_intervention_type import LINES
from odoo.exceptions import UserError, ValidationError

# A number in a text: digits, possibly with a thousands separator.
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
# Small numbers written out in Dutch and English (below the usual threshold).
SMALL_WORDS = re.compile(
    r"\b(een paar|enkele|twee|drie|vier|one|two|three|four|a couple of|a few)\s+"
    r"(jongeren|jongens|meisjes|kinderen|leerlingen|gevallen|signalen|young|boys|girls|"
    r"children|pupils|cases|signals)\b",
    re.IGNORECASE,
)


class DonPeriodTheme(models.Model):
    """A theme the Kernteam sees in a period (weak signals at small
    numbers): what is noticed, by which kind of partner, and whether it
    grows. No names, no counts below the small-number threshold."""

    _name = "don.period.theme"
    _description = "DON theme of a period"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "don.period.report", string="Period report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Theme", required=True)
    line = fields.Selection(LINES)
    description = fields.Text(
        help="What the Kernteam notices, in general terms: no names, no numbers below the "
        "small-number threshold."
    )
    noticed_by = fields.Char(
        string="Noticed by", help="Kinds of partners, e.g. schools, youth work, police."
    )
    movement = fields.Selection(
        [
            ("new", "New"),
            ("rising", "Growing"),
            ("steady", "Steady"),
            ("falling", "Declining"),
        ],
    )

    @api.constrains("name", "description", "noticed_by")
    def _check_no_personal_data_or_small_numbers(self):
        threshold = self.env["don.report.cube"]._don_threshold()
        for theme in self:
            texts = [theme.name, theme.description, theme.noticed_by]
            self.env["don.driehoek.meeting"]._don_check_no_personal_data(
                [(theme.company_id, texts)]
            )
            plain = self.env["don.driehoek.meeting"]._don_plain_text(texts)
            for number in NUMBER.findall(plain):
                digits = number.replace(".", "").replace(",", "")
                if 0 < int(digits) < threshold:
                    raise ValidationError(
                        _(
                            "A theme holds no numbers below %(threshold)s (found %(number)s): "
                            "describe it in words, e.g. 'several signals from schools'.",
                            threshold=threshold,
                            number=number,
                        )
                    )
            if SMALL_WORDS.search(plain):
                raise ValidationError(
                    _(
                        "A theme holds no small counts of people or cases, not even in words: "
                        "describe what is noticed, not how many."
                    )
                )

    def _check_report_draft(self, reports):
        if reports.filtered(lambda report: report.state == "approved"):
            raise UserError(_("The themes of an approved period report can no longer be changed."))

    @api.model_create_multi
    def create(self, vals_list):
        reports = self.env["don.period.report"].browse({v.get("report_id") for v in vals_list})
        self._check_report_draft(reports)
        return super().create(vals_list)

    def write(self, vals):
        self._check_report_draft(self.report_id)
        return super().write(vals)

    def unlink(self):
        self._check_report_draft(self.report_id)
        return super().unlink()
