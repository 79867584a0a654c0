# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import fields, models


class DonPeriodReport(models.Model):
    _inherit = "don.period.report"

    theme_ids = fields.One2many(
        "don.period.theme",
        "report_id",
        string="Themes",
        help="Weak signals the Kernteam sees in this period, without names or small numbers.",
    )

    def _driehoek_meetings(self):
        """The final Driehoek meetings of the report's period and municipality."""
        self.ensure_one()
        return self.env["don.driehoek.meeting"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "final"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date",
        )

    def _budget_summary(self):
        """The budget of the report's year against what was committed and
        spent up to the end of its period, per line and per funding source:
        (rows per line, rows per source, total), each row
        (label, planned, committed, spent), read as the current user."""
        self.ensure_one()
        # Labels in the language of the report's readers.
        self = self.with_context(lang=self._don_reader_lang())
        Line = self.env["don.budget.line"]
        domain = [("company_id", "=", self.company_id.id), ("year", "=", self.year)]
        planned = Line._read_group(domain, ["line", "source_id"], ["amount_planned:sum"])
        booked = self.env["don.budget.entry"]._read_group(
            [*domain, ("date", "<=", self.date_to)],
            ["line", "source_id", "kind"],
            ["amount:sum"],
        )
        cells = {}
        for line, source, amount in planned:
            cells.setdefault((line, source), [0.0, 0.0, 0.0])[0] += amount or 0.0
        for line, source, kind, amount in booked:
            index = 1 if kind == "commitment" else 2
            cells.setdefault((line, source), [0.0, 0.0, 0.0])[index] += amount or 0.0
        line_labels = dict(Line._fields["line"]._description_selection(self.env))
        per_line, per_source = {}, {}
        total = [0.0, 0.0, 0.0]
        for (line, source), values in cells.items():
            for bucket, key in ((per_line, line_labels.get(line, line)), (per_source, source)):
                row = bucket.setdefault(key, [0.0, 0.0, 0.0])
                for index, value in enumerate(values):
                    row[index] += value
            for index, value in enumerate(values):
                total[index] += value
        lines = [(label, *per_line[label]) for label in sorted(per_line)]
        sources = [
            (source.display_name, *values)
            for source, values in sorted(per_source.items(), key=lambda item: item[0].display_name)
        ]
        return lines, sources, tuple(total)

    def _plans_in_force(self):
        """The project plan versions in force at the end of the report's
        period (adopted by then and not yet superseded), of its
        municipality, read as the current user. Taken from the adoption
        history, which no one can change: a reprint shows the same."""
        self.ensure_one()
        if not self.date_to or not self.env["don.project.plan"].has_access("read"):
            return self.env["don.project.plan"]
        end = datetime.combine(self.date_to, time.max)
        return self.env["don.project.plan"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "draft"),
                ("adopted_on", "<=", end),
                "|",
                ("superseded_on", "=", False),
                ("superseded_on", ">", end),
            ],
            order="project_id, version",
        )
