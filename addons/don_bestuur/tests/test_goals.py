# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Goals with a direction and a baseline, measured from the report figures."""

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.don_project_goal import goal_progress, goal_progress_sql
from .common import DonBestuurCommon

values = st.floats(min_value=0, max_value=10_000, allow_nan=False).map(lambda v: round(v, 2))


@tagged("post_install", "-at_install")
class TestGoals(DonBestuurCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )

    def goal(self, **vals):
        values = {
            "project_id": self.project.id,
            "name": "Goal",
            "line": "preventie",
            "indicator": "indicator",
        }
        values.update(vals)
        return self.env["don.project.goal"].create(values)

    def test_lower_is_better(self):
        # The example: 12 days against a target of 14 is reached.
        goal = self.goal(direction="lower", target_value=14, measured_value=12)
        self.assertEqual(goal.progress, 100.0)
        goal.measured_value = 28
        self.assertEqual(goal.progress, 50.0)
        goal.baseline_value = 30
        goal.measured_value = 22
        self.assertEqual(goal.progress, 50.0, "half way from 30 down to 14")
        goal.measured_value = 35
        self.assertEqual(goal.progress, 0.0)

    def test_higher_is_better_with_baseline(self):
        goal = self.goal(target_value=15, measured_value=9)
        self.assertEqual(goal.progress, 60.0)
        goal.baseline_value = 5
        self.assertEqual(goal.progress, 40.0, "from 5 to 15, at 9")
        goal.measured_value = 40
        self.assertEqual(goal.progress, 100.0)

    def test_report_of_goals_uses_the_direction(self):
        goal = self.goal(direction="lower", target_value=14, measured_value=12)
        row = self.env["don.report.goal"].search([("goal_id", "=", goal.id)])
        self.assertEqual(row.progress, 100.0)

    @settings(max_examples=150, deadline=None)
    @given(
        direction=st.sampled_from(["higher", "lower"]),
        target=values,
        measured=values,
        baseline=values,
    )
    def test_sql_progress_equals_python(self, direction, target, measured, baseline):
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM (VALUES (%s, %s::float, %s::float, %s::float))"
                " AS g(direction, target_value, measured_value, baseline_value)",
                goal_progress_sql("g"),
                direction,
                target,
                measured,
                baseline,
            )
        )
        sql_value = self.env.cr.fetchone()[0]
        self.assertAlmostEqual(
            sql_value, goal_progress(direction, target, measured, baseline), delta=0.051
        )

    def test_measured_from_the_cube_with_trend(self):
        # "Today" of the project leader who measures (the date in their time
        # zone, which may differ from the test user's around midnight).
        today = fields.Date.context_today(self.env["don.project.goal"].with_user(self.pl))
        # Four more cases this month in Testdorp: six started, above the
        # threshold.
        for name in ("Sem Bakker", "Daan Smit", "Lucas Visser", "Finn Meijer"):
            youth = self.env["don.youth"].create({"name": name, "company_id": self.company_a.id})
            self.env["don.case"].create({"youth_id": youth.id, "date_start": today})
        goal = self.goal(figure="cases_started", measure_period="year", target_value=12)
        goal.with_user(self.pl).action_measure()
        start = today.replace(month=1, day=1)
        cube = self.env["don.report.case"].with_user(self.reporting)
        [(published, suppressed)] = cube._read_group(
            [
                ("company_id", "=", self.company_a.id),
                ("dimension", "=", "inflow"),
                ("period_start", ">=", start),
                ("period_start", "<=", start + relativedelta(years=1, days=-1)),
            ],
            [],
            ["figure:sum", "suppressed_cells:sum"],
        )
        self.assertEqual(goal.measured_value, published)
        self.assertGreaterEqual(goal.measured_value, 6)
        self.assertEqual(goal.measured_suppressed, suppressed)
        self.assertEqual(goal.measured_on, today)
        self.assertEqual(goal.previous_value, 0)
        self.assertEqual(goal.trend, "better")
        self.assertEqual(goal.trend_display, f"▲ +{published:g}")
        self.assertEqual(goal.progress, round(min(100.0, 100.0 * published / 12), 1))

    def test_small_figure_reads_below_threshold(self):
        # Andersveen has one case: its figure is suppressed, shown as "<5",
        # never as 0, and without a trend.
        project = self.env["project.project"].create(
            {"name": "DON Andersveen", "is_don_project": True, "company_id": self.company_b.id}
        )
        goal = self.goal(project_id=project.id, figure="cases_started", target_value=4)
        goal.action_measure()
        self.assertEqual(goal.measured_value, 0)
        self.assertTrue(goal.measured_suppressed)
        self.assertEqual(goal.measured_display, "<5")
        self.assertFalse(goal.trend_display)

    def test_typed_value_stays_possible(self):
        goal = self.goal(target_value=10, measured_value=7)
        goal.action_measure()
        self.assertEqual(goal.measured_value, 7)
        self.assertEqual(goal.measured_display, "7")
