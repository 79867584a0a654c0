# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# (label, cube, dimension, key or None for the sum of the dimension)
KEY_FIGURES = [
    (_lt("Signals received"), "don.report.signal", "total", None),
    (
        _lt("Signals fed back late or overdue"),
        "don.report.signal",
        "feedback",
        ("late", "overdue"),
    ),
    (_lt("Cases started"), "don.report.case", "inflow", None),
    (_lt("Cases closed"), "don.report.case", "outflow", None),
    (_lt("Interventions started"), "don.report.intervention", "total", None),
    (_lt("Awareness trainings held"), "don.report.training", "total", None),
    (_lt("People trained"), "don.report.trained", "total", None),
]


class DonReportDashboard(models.TransientModel):
    """Key figures of this quarter against the previous one, for the project
    leader and management. Built from the anonymised cubes only, so every
    figure is suppressed like the pivots."""

    _name = "don.report.dashboard"
    _description = "DON reporting dashboard"

    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    reference_date = fields.Date(
        string="Quarter of", required=True, default=fields.Date.context_today
    )
    summary_html = fields.Html(compute="_compute_summary", sanitize=False, string="Key figures")

    @api.model
    def _quarter(self, day):
        start = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
        return start, start + relativedelta(months=3, days=-1)

    @api.model
    def _key_figures(self, company, day):
        """[(label, current, previous, trend)] with shown values."""
        start, end = self._quarter(day)
        prev_start = self._quarter(start - relativedelta(days=1))[0]
        result = []
        # One query per cube for both quarters.
        fetched = {}
        for cube_name in {cube_name for _l, cube_name, _d, _k in KEY_FIGURES}:
            dimensions = [dim for _l, name, dim, _k in KEY_FIGURES if name == cube_name]
            fetched[cube_name] = self._quarter_figures(
                self.env[cube_name], company, prev_start, end, dimensions
            )
        for label, cube_name, dimension, keys in KEY_FIGURES:
            cube = self.env[cube_name]
            shown = []
            raw = []
            for quarter in (start, prev_start):
                figures = fetched[cube_name].get(quarter, {}).get(dimension, {})
                if keys:
                    figures = {key: val for key, val in figures.items() if key[0] in keys}
                value = sum(val[0] for val in figures.values())
                suppressed = sum(val[1] for val in figures.values())
                extra = sum(val[2] for val in figures.values())
                shown.append(cube._don_format(value, suppressed, extra))
                raw.append((value, suppressed, extra))
            trend = self._don_trend(raw[0], raw[1], bounded=keys is None)
            result.append((str(label), shown[0], shown[1], trend))
        return result

    @api.model
    def _quarter_figures(self, cube, company, date_from, date_to, dimensions):
        """Published figures of ``dimensions`` per quarter from ``date_from``
        to ``date_to`` (whole quarters), in one read of the cube:
        {quarter start: {dimension: {key tuple: (published sum, suppressed
        cells, of which extra cells)}}}. A quarter is the sum of its months, as in the pivot; the
        grouping by quarter also spares the reads of the year cells, which
        no quarter holds (``_don_year_groups``)."""
        dim_keys = {dim: keys for dim, _cond, keys in cube._don_cube_dimensions}
        columns = [column for column, _type in cube._don_cube_keys]
        rows = cube._read_group(
            [
                ("company_id", "=", company.id),
                ("period_start", ">=", date_from),
                ("period_start", "<=", date_to),
                ("dimension", "in", list(dimensions)),
            ],
            ["period_start:quarter", "dimension", *columns],
            ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
        )
        result = {}
        for quarter, dimension, *rest in rows:
            values = dict(zip(columns, rest[: len(columns)], strict=True))
            key = tuple(
                values[column].id
                if isinstance(values[column], models.BaseModel)
                else values[column]
                for column in dim_keys[dimension]
            )
            figures = result.setdefault(quarter, {}).setdefault(dimension, {})
            value, suppressed, extra = figures.get(key, (0, 0, 0))
            figures[key] = (
                value + (rest[-3] or 0),
                suppressed + (rest[-2] or 0),
                extra + (rest[-1] or 0),
            )
        return result

    @api.model
    def _don_trend(self, current, previous, bounded=True):
        """The trend as an arrow with the change, from (published value,
        suppressed cells, of which extra cells) of this and the previous
        quarter.

        Without suppressed cells: '▲ +3', '▼ -2' or '= 0'. With suppressed
        cells the change is not published; a ``bounded`` figure (the total of
        a dimension: each suppressed cell is a monthly cell below the
        threshold, or an extra cell of the threshold or more, unbounded above)
        still has a direction when the ranges do not overlap, else '≈'
        (within the small-number range). Never '?'."""
        # (value, suppressed) alone: no extra cells.
        cur, cur_sup, cur_extra = (*current, 0)[:3]
        prev, prev_sup, prev_extra = (*previous, 0)[:3]
        if not cur_sup and not prev_sup:
            change = cur - prev
            arrow = "▲" if change > 0 else "▼" if change < 0 else "="
            return f"{arrow} {change:+d}" if change else "= 0"
        if bounded:
            threshold = self.env["don.report.cube"]._don_threshold()

            def bounds(value, suppressed, extra):
                # A primary cell is 1 to t - 1, an extra cell t or more.
                low = value + (suppressed - extra) + extra * threshold
                high = math.inf if extra else value + suppressed * (threshold - 1)
                return low, high

            cur_low, cur_high = bounds(cur, cur_sup, cur_extra)
            prev_low, prev_high = bounds(prev, prev_sup, prev_extra)
            if cur_low > prev_high:
                return "▲"
            if cur_high < prev_low:
                return "▼"
        return "≈"

    def action_quarter_previous(self):
        self.ensure_one()
        self.reference_date = self._quarter(self.reference_date)[0] - relativedelta(days=1)

    def action_quarter_next(self):
        self.ensure_one()
        self.reference_date = self._quarter(self.reference_date)[1] + relativedelta(days=1)

    @api.model
    def action_open_dashboard(self):
        """Open the dashboard as a page: a saved record, read-only, so the
        web client shows no 'New' and no save or discard buttons."""
        dashboard = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": _("Reporting dashboard"),
            "res_model": self._name,
            "res_id": dashboard.id,
            "view_mode": "form",
            "target": "current",
            "context": {"form_view_initial_mode": "readonly"},
        }

    @api.depends("company_id", "reference_date")
    def _compute_display_name(self):
        for dashboard in self:
            start, _end = self._quarter(dashboard.reference_date or fields.Date.today())
            dashboard.display_name = _(
                "Key figures Q%(quarter)s %(year)s",
                quarter=(start.month - 1) // 3 + 1,
                year=str(start.year),
            )

    @api.depends("company_id", "reference_date")
    def _compute_summary(self):
        for dashboard in self:
            if not dashboard.company_id or not dashboard.reference_date:
                dashboard.summary_html = False
                continue
            rows = dashboard._key_figures(dashboard.company_id, dashboard.reference_date)
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td class='text-end'>%s</td>"
                    "<td class='text-end'>%s</td><td class='text-center'>%s</td></tr>"
                )
                % (escape(label), escape(cur), escape(prev), escape(trend))
                for label, cur, prev, trend in rows
            )
            dashboard.summary_html = Markup(
                "<table class='table table-sm o_don_dashboard'><thead><tr><th>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-center'>%s</th></tr></thead><tbody>%s</tbody></table>"
                "<p class='text-muted'>%s</p>"
            ) % (
                _("Key figure"),
                _("This quarter"),
                _("Previous quarter"),
                _("Trend"),
                body,
                _(
                    "Figures below %(threshold)s are suppressed and shown as <%(threshold)s; "
                    "'3 × <%(threshold)s' means three suppressed cells, '≥%(threshold)s' a "  # noqa: RUF001
                    "suppressed cell of %(threshold)s or more (suppressed to protect a smaller "
                    "one), '≥ n' means suppressed cells are part of the figure. Signals depend "
                    "on the willingness to report: read trends with the dark number in mind.",
                    threshold=self.env["don.report.cube"]._don_threshold(),
                ),
            )

    def action_open_signals(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "don_rapportage.don_report_signal_action"
        )

    def action_open_cases(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "don_rapportage.don_report_case_action"
        )

    def action_open_interventions(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "don_rapportage.don_report_intervention_action"
        )

    def action_open_period_reports(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "don_rapportage.don_period_report_action"
        )
