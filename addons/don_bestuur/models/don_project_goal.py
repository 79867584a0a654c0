# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

# Figures a goal can measure itself by: (cube, dimension, key or None for
# the total of the dimension). Counts of the anonymised report cubes, so a
# goal shows what the reports publish (suppressed cells count as "<5").
GOAL_FIGURES = {
    "signals_received": ("don.report.signal", "total", None),
    "feedback_on_time": ("don.report.signal", "feedback", ("on_time",)),
    "feedback_late": ("don.report.signal", "feedback", ("late",)),
    "cases_started": ("don.report.case", "inflow", None),
    "cases_closed": ("don.report.case", "outflow", None),
    "interventions": ("don.report.intervention", "total", None),
    "trainings_held": ("don.report.training", "total", None),
    "people_trained": ("don.report.trained", "total", None),
}
FIGURE_SELECTION = [
    ("manual", "Typed value"),
    ("signals_received", "Signals received"),
    ("feedback_on_time", "Signals with feedback on time"),
    ("feedback_late", "Signals with late feedback"),
    ("cases_started", "Cases started"),
    ("cases_closed", "Cases closed"),
    ("interventions", "Interventions started"),
    ("trainings_held", "Awareness trainings held"),
    ("people_trained", "Participants trained"),
]


def goal_progress(direction, target, measured, baseline):
    """Progress towards the target in %, 0-100, for either direction.

    Higher is better: the share of the way from the baseline (or 0) to the
    target. Lower is better: the share of the way from the baseline down to
    the target; without a baseline, 100 % when at or below the target and
    target / measured above it (12 days against a target of 14 is 100 %)."""
    measured = measured or 0.0
    if direction == "lower":
        if baseline and baseline > target:
            value = (baseline - measured) / (baseline - target)
        elif measured <= target:
            value = 1.0
        else:
            value = target / measured
    else:
        start = baseline if baseline and baseline < target else 0.0
        if target == start:
            return 100.0 if target and measured >= target else 0.0
        value = (measured - start) / (target - start)
    return round(max(0.0, min(1.0, value)) * 100.0, 1)


def goal_progress_sql(goal):
    """The same as goal_progress, in SQL on the goal row alias ``goal``."""
    g = SQL.identifier(goal)
    return SQL(
        """round((100.0 * GREATEST(0.0, LEAST(1.0,
            CASE WHEN %(g)s.direction = 'lower' THEN
                CASE WHEN COALESCE(%(g)s.baseline_value, 0) <> 0
                          AND %(g)s.baseline_value > COALESCE(%(g)s.target_value, 0)
                     THEN (%(g)s.baseline_value - COALESCE(%(g)s.measured_value, 0))
                          / (%(g)s.baseline_value - COALESCE(%(g)s.target_value, 0))
                     WHEN COALESCE(%(g)s.measured_value, 0) <= COALESCE(%(g)s.target_value, 0)
                     THEN 1.0
                     ELSE COALESCE(%(g)s.target_value, 0) / %(g)s.measured_value END
            ELSE
                CASE WHEN COALESCE(%(g)s.target_value, 0) = %(start)s
                     THEN CASE WHEN COALESCE(%(g)s.target_value, 0) <> 0
                                    AND COALESCE(%(g)s.measured_value, 0)
                                        >= %(g)s.target_value
                               THEN 1.0 ELSE 0.0 END
                     ELSE (COALESCE(%(g)s.measured_value, 0) - %(start)s)
                          / (COALESCE(%(g)s.target_value, 0) - %(start)s) END
            END)))::numeric, 1)::float""",
        g=g,
        start=SQL(
            """(CASE WHEN COALESCE(%(g)s.baseline_value, 0) <> 0
                      AND %(g)s.baseline_value < COALESCE(%(g)s.target_value, 0)
                 THEN %(g)s.baseline_value ELSE 0.0 END)""",
            g=g,
        ),
    )


class DonProjectGoal(models.Model):
    _inherit = "don.project.goal"

    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    baseline_value = fields.Float(
        string="Baseline", help="The value at the start of the project (the zero measurement)."
    )
    figure = fields.Selection(
        FIGURE_SELECTION,
        string="Measured by",
        required=True,
        default="manual",
        help="A figure of the reports that measures this goal, or a typed value.",
    )
    measure_period = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")],
        string="Per",
        default="quarter",
        required=True,
        help="The period the figure is counted over.",
    )
    measured_suppressed = fields.Integer(
        string="Suppressed cells",
        readonly=True,
        help="Cells of the figure below the small-number threshold: not counted in the "
        "measured value, shown as '<5'.",
    )
    previous_value = fields.Float(string="Previous period", readonly=True)
    trend = fields.Selection(
        [("better", "Better"), ("worse", "Worse"), ("same", "Unchanged")],
        string="Change",
        compute="_compute_trend",
    )
    trend_display = fields.Char(string="Trend", compute="_compute_trend")
    measured_display = fields.Char(string="Measured value", compute="_compute_trend")

    @api.depends("target_value", "measured_value", "direction", "baseline_value")
    def _compute_progress(self):
        for goal in self:
            goal.progress = goal_progress(
                goal.direction, goal.target_value, goal.measured_value, goal.baseline_value
            )

    @api.depends("measured_value", "previous_value", "direction", "figure", "measured_suppressed")
    def _compute_trend(self):
        for goal in self:
            threshold = goal.env["don.report.cube"]._don_threshold()
            if not goal.measured_suppressed:
                goal.measured_display = f"{goal.measured_value:g}"
            elif not goal.measured_value:
                goal.measured_display = f"<{threshold}"
            else:
                value = f"{goal.measured_value:g}"
                goal.measured_display = _(
                    "%(value)s + %(cells)s x <%(threshold)s",
                    value=value,
                    cells=goal.measured_suppressed,
                    threshold=threshold,
                )
            if goal.figure == "manual" or goal.measured_suppressed:
                goal.trend = False
                goal.trend_display = ""
                continue
            change = goal.measured_value - goal.previous_value
            arrow = "▲" if change > 0 else "▼" if change < 0 else "▶"
            goal.trend_display = f"{arrow} {change:+g}"
            if not change:
                goal.trend = "same"
            else:
                goal.trend = "better" if (change > 0) == (goal.direction == "higher") else "worse"

    def _period_bounds(self, day):
        self.ensure_one()
        if self.measure_period == "year":
            start = day.replace(month=1, day=1)
            return start, start + relativedelta(years=1, days=-1), relativedelta(years=1)
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return start, start + relativedelta(months=3, days=-1), relativedelta(months=3)

    def _figure_value(self, date_from, date_to):
        """(published value, suppressed cells) of the goal's figure over the
        period, read from the report cube as the current user."""
        self.ensure_one()
        cube_name, dimension, key = GOAL_FIGURES[self.figure]
        figures = self.env[cube_name]._don_figures(
            self.project_id.company_id or self.env.company, date_from, date_to, dimension
        )
        if key is None:
            pairs = list(figures.values())
        else:
            pairs = [figures.get(key, (0, 0))]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    def action_measure(self, day=None):
        """Take the measured value from the reports: the current period and
        the previous one (for the trend)."""
        day = day or fields.Date.context_today(self)
        for goal in self:
            if goal.figure == "manual":
                continue
            start, end, step = goal._period_bounds(day)
            value, suppressed = goal._figure_value(start, end)
            previous, _prev_suppressed = goal._figure_value(start - step, end - step)
            goal.write(
                {
                    "measured_value": value,
                    "measured_suppressed": suppressed,
                    "previous_value": previous,
                    "measured_on": day,
                }
            )
        return True

    @api.model
    def _cron_measure_goals(self):
        self.search([("figure", "!=", "manual")]).action_measure()
