# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# (section, cube model, dimensions in print order; the first one is the
# section's key figure, compared with the previous period)
SECTIONS = [
    (
        "signals",
        "don.report.signal",
        ("total", "channel", "category", "neighbourhood", "outcome", "feedback"),
    ),
    ("cases_in", "don.report.case", ("inflow", "inflow_stage")),
    ("cases_out", "don.report.case", ("outflow", "outflow_reason")),
    ("interventions", "don.report.intervention", ("total", "line_result")),
    ("awareness_trainings", "don.report.training", ("total", "phase", "target")),
    ("awareness_people", "don.report.trained", ("total", "phase", "target")),
]
SECTION_LABELS = [
    ("signals", "Signals"),
    ("cases_in", "Cases started"),
    ("cases_out", "Cases closed"),
    ("interventions", "Interventions"),
    ("awareness_trainings", "Awareness trainings held"),
    ("awareness_people", "People trained"),
    ("goals", "Goals and indicators"),
]


def _default_dark_number(self):
    # In the language of the report's readers (the municipality's), not of
    # whoever creates the report.
    lang = self.env.company.partner_id.lang
    if lang and self.env["res.lang"]._lang_get(lang):
        self = self.with_context(lang=lang)
    return self.env._(
        "<p>The figures in this report only show what was reported and recorded. Drug "
        "crime and the recruitment of young people into it have a large dark number: most "
        "of it is never reported or never becomes visible to the professionals.</p>"
        "<p>A rise in signals can therefore mean a higher willingness to report, or more "
        "awareness activity (campaigns, trainings, presence in the neighbourhoods), rather "
        "than more crime; a fall can mean less attention rather than less crime. Read the "
        "trends together with the awareness activities of the period and the experience "
        "of the professionals, not as a measure of the size of the problem.</p>"
        "<p>Small numbers are suppressed (shown as &lt;5) so that no young person can be "
        "recognised; totals marked with ≥ include suppressed cells.</p>"
    )


class DonPeriodReport(models.Model):
    """The administrative report (bestuurlijke rapportage) of a quarter or a
    year: the anonymised figures are frozen into report lines when generated,
    so that a report to the council can be reproduced later."""

    _name = "don.period.report"
    _inherit = ["mail.thread"]
    _description = "DON period report"
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, string="Report")
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        default=lambda self: str((fields.Date.context_today(self).month - 1) // 3 + 1),
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    # The same sanitiser options as the other free-text fields of DON: inline
    # styles are kept only for harmless properties (no position:fixed overlay
    # over the report or its PDF).
    narrative = fields.Html(string="Project leader's narrative", sanitize_style=True)
    dark_number_note = fields.Html(
        string="Dark number", default=_default_dark_number, sanitize_style=True
    )
    evaluation_summary = fields.Html(
        string="Evaluation findings",
        sanitize_style=True,
        help="Frozen from the evaluations of the period when the figures are generated; "
        "can be edited until approval.",
    )
    line_ids = fields.One2many("don.period.report.line", "report_id", string="Figures")
    generated_on = fields.Datetime(readonly=True, copy=False)
    threshold = fields.Integer(
        string="Small-number threshold",
        readonly=True,
        copy=False,
        help="The threshold in force when the figures were frozen.",
    )
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("period_type", "year", "quarter", "company_id")
    def _compute_name(self):
        for report in self:
            period = (
                f"Q{report.quarter} {report.year}"
                if report.period_type == "quarter"
                else str(report.year)
            )
            report.name = f"{period} - {report.company_id.name or ''}"

    @api.depends("period_type", "year", "quarter")
    def _compute_dates(self):
        for report in self:
            if not report.year or not 2000 <= report.year <= 2100:
                report.date_from = report.date_to = False
                continue
            if report.period_type == "year":
                start = date(report.year, 1, 1)
                report.date_from, report.date_to = start, date(report.year, 12, 31)
            else:
                start = date(report.year, 3 * (int(report.quarter or 1) - 1) + 1, 1)
                report.date_from = start
                report.date_to = start + relativedelta(months=3, days=-1)

    @api.constrains("year", "period_type", "quarter")
    def _check_period(self):
        for report in self:
            if not 2000 <= report.year <= 2100:
                raise ValidationError(_("Choose a year between 2000 and 2100."))
            if report.period_type == "quarter" and not report.quarter:
                raise ValidationError(_("Choose the quarter of this report."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "dark_number_note" not in vals and vals.get("company_id"):
                company = self.env["res.company"].browse(vals["company_id"])
                vals["dark_number_note"] = _default_dark_number(self.with_company(company))
        return super().create(vals_list)

    # Approved reports are read-only.

    def write(self, vals):
        if self.filtered(lambda report: report.state == "approved"):
            raise UserError(_("An approved period report can no longer be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda report: report.state == "approved"):
            raise UserError(_("An approved period report cannot be deleted."))

    def _check_projectleider(self):
        if not self.env.su and not self.env.user.has_group("don_core.group_don_projectleider"):
            raise AccessError(_("Only the project leader prepares and approves period reports."))

    def action_generate(self):
        """Freeze the anonymised figures of the period into report lines."""
        self._check_projectleider()
        self.check_access("write")
        for report in self:
            if report.state != "draft":
                raise UserError(_("Only a draft report can be generated again."))
            # The figures are frozen in the language of the report's readers
            # (the municipality's), and their labels in every installed
            # language: each reader sees them in their own, whoever
            # generated the report.
            report = report.with_context(lang=report._don_reader_lang())
            report._don_freeze_cells()
            lines = report._collect_lines()
            translations = [line.pop("_translations") for line in lines]
            report.with_context(lang="en_US").write(
                {
                    "line_ids": [fields.Command.clear()]
                    + [fields.Command.create(vals) for vals in lines],
                    "generated_on": fields.Datetime.now(),
                    "threshold": self.env["don.report.cube"]._don_threshold(),
                    "evaluation_summary": report._collect_evaluations(),
                }
            )
            report.line_ids._don_store_label_translations(
                dict(zip([vals["sequence"] for vals in lines], translations, strict=True))
            )
        return True

    def _don_freeze_cells(self):
        """Freeze the month cells of every cube for this report's period, so
        that the cubes show these months as the report does, whatever is
        recorded later. sudo: called from action_generate after the project
        leader's check and the write check on this report; the counts go
        into a table no role reads."""
        self.ensure_one()
        Frozen = self.env["don.report.frozen.cell"].sudo()
        Frozen.search([("report_id", "=", self.id)]).unlink()
        Cube = self.env["don.report.cube"].sudo()
        for cube in Cube._don_cube_models():
            self.env[cube].sudo()._don_freeze(self)
        Frozen.invalidate_model()

    def _don_reader_lang(self):
        """The language the report is written in: the municipality's."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang
        if lang and self.env["res.lang"]._lang_get(lang):
            return lang
        return self.env.lang

    def action_approve(self):
        self._check_projectleider()
        for report in self:
            if report.state != "draft":
                raise UserError(_("This report is already approved."))
            if not report.generated_on:
                raise UserError(_("Generate the figures before approving the report."))
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_on": fields.Datetime.now(),
            }
        )
        return True

    def action_print(self):
        return self.env.ref("don_rapportage.action_report_don_period_report").report_action(self)

    def _previous_period(self):
        if self.period_type == "year":
            return self.date_from - relativedelta(years=1), self.date_from - relativedelta(days=1)
        return self.date_from - relativedelta(months=3), self.date_from - relativedelta(days=1)

    def _label_langs(self):
        """The installed languages the frozen labels are written in."""
        # en_US always: the source value of a translated field.
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        return ["en_US", *(code for code in installed if code != "en_US")]

    def _collect_lines(self):
        """The lines of the report; each with ``_translations``: its labels
        in every installed language ({field: {lang: label}})."""
        self.ensure_one()
        langs = self._label_langs()
        lines = []
        sequence = 0
        prev_from, prev_to = self._previous_period()
        for section, cube_name, dimensions in SECTIONS:
            cube = self.env[cube_name]
            dim_labels = {
                lang: dict(
                    cube._fields["dimension"]._description_selection(
                        self.with_context(lang=lang).env
                    )
                )
                for lang in langs
            }
            all_figures = cube._don_figures_multi(
                self.company_id, self.date_from, self.date_to, dimensions
            )
            previous_figures = cube._don_figures(self.company_id, prev_from, prev_to, dimensions[0])
            for index, dimension in enumerate(dimensions):
                figures = all_figures[dimension]
                previous = {}
                if index == 0:
                    previous = previous_figures
                    figures.setdefault((), (0, 0, 0))
                labels = self._key_labels(cube, dimension, figures)
                lang_labels = {
                    lang: self.with_context(lang=lang)._key_labels(cube, dimension, figures)
                    for lang in langs
                }
                for key, (value, suppressed, extra) in sorted(
                    figures.items(), key=lambda item: (-item[1][0], labels[item[0]])
                ):
                    sequence += 1
                    prev_value, prev_suppressed, prev_extra = previous.get(key, (0, 0, 0))
                    lines.append(
                        {
                            "sequence": sequence,
                            "section": section,
                            "dimension": dimension,
                            "dimension_label": dim_labels["en_US"].get(dimension, dimension),
                            "key_label": lang_labels["en_US"][key],
                            "value": value,
                            "suppressed_cells": suppressed,
                            "extra_cells": extra,
                            "display_value": cube._don_format(value, suppressed, extra),
                            "is_key_figure": index == 0,
                            "previous_display": cube._don_format(
                                prev_value, prev_suppressed, prev_extra
                            )
                            if index == 0
                            else False,
                            "_translations": {
                                "dimension_label": {
                                    lang: dim_labels[lang].get(dimension, dimension)
                                    for lang in langs
                                },
                                "key_label": {lang: lang_labels[lang][key] for lang in langs},
                            },
                        }
                    )
        goals = self.env["don.report.goal"].search([("company_id", "=", self.company_id.id)])
        line_labels = {
            lang: dict(
                goals._fields["line"]._description_selection(self.with_context(lang=lang).env)
            )
            for lang in langs
        }
        for goal in goals:
            sequence += 1
            lines.append(
                {
                    "sequence": sequence,
                    "section": "goals",
                    "dimension": "goal",
                    "dimension_label": line_labels["en_US"].get(goal.line, ""),
                    "key_label": goal.goal_id.name,
                    "indicator": goal.goal_id.indicator,
                    "unit": goal.goal_id.unit,
                    "target_value": goal.target_value,
                    "measured_value": goal.measured_value,
                    "progress": goal.progress,
                    "_translations": {
                        "dimension_label": {
                            lang: line_labels[lang].get(goal.line, "") for lang in langs
                        },
                    },
                }
            )
        return lines

    def _key_labels(self, cube, dimension, figures):
        """Readable labels of the keys, read once per key column."""
        keys = next(dim_keys for dim, _c, dim_keys in cube._don_cube_dimensions if dim == dimension)
        if not keys:
            total = self.env._("Total")
            return dict.fromkeys(figures, total)
        per_column = []
        for position, column in enumerate(keys):
            field = cube._fields[column]
            values = {key[position] for key in figures if key[position]}
            if field.type == "many2one":
                records = self.env[field.comodel_name].browse(values)
                per_column.append({record.id: record.display_name for record in records})
            else:
                per_column.append(dict(field._description_selection(self.env)))
        unknown = self.env._("Unknown")
        return {
            key: " / ".join(
                per_column[position].get(value, "") if value else unknown
                for position, value in enumerate(key)
            )
            for key in figures
        }

    def _collect_evaluations(self):
        self.ensure_one()
        evaluations = self.env["don.evaluation"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date",
        )
        if not evaluations:
            return self.evaluation_summary
        parts = []
        for evaluation in evaluations:
            parts.append(Markup("<h4>%s</h4>") % evaluation.name)
            for label, value in (
                (_("Findings"), evaluation.findings),
                (_("What works"), evaluation.what_works),
                (_("What does not work"), evaluation.what_does_not_work),
            ):
                if value:
                    parts.append(Markup("<p><strong>%s</strong></p>%s") % (label, value))
        return Markup("").join(parts)

    def _chart_data(self, section, dimension):
        """Bars for the PDF: (label, value, shown value, width in %)."""
        lines = self.line_ids.filtered(
            lambda line: line.section == section and line.dimension == dimension
        )
        top = max(lines.mapped("value") or [0]) or 1
        return [
            (line.key_label, line.value, line.display_value, 100.0 * line.value / top)
            for line in lines
        ]

    @api.model
    def _don_demo_history(self):
        """Demo only: a year of fictional signals in the main municipality,
        so that the dashboard and the pivots show published figures."""
        company = self.env.ref("base.main_company")
        signal_model = self.env["don.signal"]
        if signal_model.search_count([("company_id", "=", company.id)]) >= 100:
            return
        channels = [
            self.env.ref(f"don_signalen.channel_{key}")
            for key in ("school", "politie", "jongerenwerk", "boa", "ouder_buurt", "mma")
        ]
        categories = self.env["don.signal.category"].search([], limit=4)
        neighbourhoods = self.env["don.neighbourhood"].search(
            [("company_id", "=", company.id)], limit=5
        )
        domain = self.env.ref("don_core.domain_veiligheid")
        author = self.env.ref("don_core.user_kt_veiligheid", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        outcomes = ["linked_case", "new_case", "referred", "no_action", False]
        vals_list = []
        for index in range(240):
            received = today - relativedelta(days=(index * 37) % 365)
            done = index % 5 != 4
            deadline = received + relativedelta(days=14)
            vals_list.append(
                {
                    "name": f"Demo-signaal {index + 1}",
                    "description": "Fictief signaal voor de demonstratie van de rapportage.",
                    "company_id": company.id,
                    "channel_id": channels[(index * 7) % len(channels) if index % 3 else 0].id,
                    "category_id": categories[index % len(categories)].id if categories else False,
                    "neighbourhood_id": neighbourhoods[(index * 3) % len(neighbourhoods)].id
                    if neighbourhoods
                    else False,
                    "date_received": fields.Datetime.to_datetime(received),
                    "domain_id": domain.id,
                    "author_id": author.id if author else self.env.uid,
                    "reporter_type": "organisation",
                    "state": "done" if done else "triage",
                    "outcome": outcomes[index % 4] if done else False,
                    "date_done": received + relativedelta(days=10) if done else False,
                    "feedback_deadline": deadline,
                    "feedback_done_date": received + relativedelta(days=10 if index % 6 else 20)
                    if done
                    else False,
                }
            )
        signal_model.create(vals_list)
