# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Totals above the threshold are never hidden: a year of small months.

At the size of a small municipality every month is below the threshold, so
a year read as the sum of its months shows only suppressed cells while eight
cases started.
The year is a cell of its own: its true count is published whenever that
leaves every suppressed month undetermined (test_differencing solves for
them with the year figures among the observations).
"""

from datetime import date, datetime

from odoo.tests import tagged

from .common import DonReportCommon

YEAR = [("period_start", ">=", date(2026, 1, 1)), ("period_start", "<=", date(2026, 12, 31))]


@tagged("post_install", "-at_install", "don_reporting")
class TestYearTotals(DonReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Cases of Testdorp started in 2026: one in January, two in February,
        # three in March (the two of the common data in April): every month
        # below 5, the year 8 or more.
        Case = cls.env["don.case"]
        others = Case.search(
            [("company_id", "=", cls.company_a.id), ("id", "not in", (cls.case_a | cls.case_b).ids)]
        )
        others.write({"date_start": date(2025, 6, 1)})
        starts = [date(2026, 1, 10), date(2026, 2, 3), date(2026, 2, 17)] + [
            date(2026, 3, day) for day in (2, 9, 16)
        ]
        cls.new_cases = Case.create(
            [
                {
                    "youth_id": cls.youth_a.id,
                    "company_id": cls.company_a.id,
                    "lead_domain_id": cls.dom_soc.id,
                    "date_start": start,
                }
                for start in starts
            ]
        )
        cls.true_2026 = Case.search_count(
            [
                ("company_id", "=", cls.company_a.id),
                ("date_start", ">=", date(2026, 1, 1)),
                ("date_start", "<=", date(2026, 12, 31)),
            ]
        )

    def _cases(self, domain, groupby=()):
        return (
            self.env["don.report.case"]
            .with_user(self.reporting)
            .read_group(
                [("company_id", "=", self.company_a.id), ("dimension", "=", "inflow"), *domain],
                ["figure:sum", "suppressed_cells:sum"],
                list(groupby),
                lazy=False,
            )
        )

    def test_a_year_of_small_months_shows_its_total(self):
        months = self._cases(YEAR, ["period_start:month"])
        self.assertTrue(months)
        for month in months:
            self.assertFalse(
                0 < month["figure"] < 5, "no month of 2026 is published below the threshold"
            )
        small_months = [month for month in months if month["suppressed_cells"]]
        self.assertGreaterEqual(len(small_months), 3, "January, February, March (April) are <5")
        self.assertGreaterEqual(self.true_2026, 8)
        # The pivot's grand total over 2026, and 2026 as a row of a grouping
        # per year: the number of cases, no suppressed cell.
        (total,) = self._cases(YEAR)
        self.assertEqual((total["figure"], total["suppressed_cells"]), (self.true_2026, 0))
        per_year = {
            group["period_start:year"]: group for group in self._cases([], ["period_start:year"])
        }
        self.assertEqual(per_year["2026"]["figure"], self.true_2026)
        self.assertEqual(per_year["2026"]["suppressed_cells"], 0)
        Cube = self.env["don.report.case"]
        self.assertEqual(
            Cube._don_format(total["figure"], total["suppressed_cells"]), str(self.true_2026)
        )

    def test_the_year_figure_reaches_the_period_report(self):
        """A yearly report (evaluation) prints the year's figure, frozen."""
        report = (
            self.env["don.period.report"]
            .with_user(self.pl)
            .create({"company_id": self.company_a.id, "period_type": "year", "year": 2026})
        )
        report.action_generate()
        line = report.line_ids.filtered(
            lambda line: line.section == "cases_in" and not line.suppressed_cells
        )
        self.assertIn(self.true_2026, line.mapped("value"), report.line_ids.mapped("display_value"))

    def test_part_of_a_year_stays_the_sum_of_its_months(self):
        """January to March is no year: the difference with the year would
        be April (the months stay suppressed)."""
        (first_quarter,) = self._cases(
            [("period_start", ">=", date(2026, 1, 1)), ("period_start", "<=", date(2026, 3, 31))]
        )
        self.assertEqual(first_quarter["figure"], 0)
        self.assertEqual(first_quarter["suppressed_cells"], 3)
        # A filter on the figure itself leaves out rows of the year: no year.
        (filtered,) = self._cases([*YEAR, ("suppressed_cells", "=", 1)])
        self.assertEqual(filtered["figure"], 0)

    def test_a_year_with_one_small_month_keeps_it_hidden(self):
        """The year minus its published months would be that month: the
        year is then '≥ n', not its count."""
        Signal = self.env["don.report.signal"].with_user(self.reporting)
        domain = [("company_id", "=", self.company_a.id), *YEAR]
        (before,) = Signal.read_group(domain, ["figure:sum", "suppressed_cells:sum"], [])
        self.assertEqual((before["figure"], before["suppressed_cells"]), (22, 0), "April only")
        self.env["don.signal"].create(
            [
                self._signal_vals(
                    self.ch_school, self.nbh_1, datetime(2026, 2, day, 10), f"FEB {day}"
                )
                for day in (3, 4)
            ]
        )
        (one_small,) = Signal.read_group(domain, ["figure:sum", "suppressed_cells:sum"], [])
        self.assertEqual((one_small["figure"], one_small["suppressed_cells"]), (22, 1))
        self.assertEqual(Signal._don_format(22, 1), "≥ 22")
        # A second small month: February (2) and March (3) can each be
        # several values, the year (27) is published.
        self.env["don.signal"].create(
            [
                self._signal_vals(
                    self.ch_school, self.nbh_1, datetime(2026, 3, day, 10), f"MRT {day}"
                )
                for day in (3, 4, 5)
            ]
        )
        (two_small,) = Signal.read_group(domain, ["figure:sum", "suppressed_cells:sum"], [])
        self.assertEqual((two_small["figure"], two_small["suppressed_cells"]), (27, 0))
        # Per channel: the school's year (12 + 2 + 3) and the police's (the
        # 7 suppressed in April with the 3 beside it: the year leaves April
        # between 5 and 7, the cells of February and March being unknown)
        # are published; the anonymous channel's 3 stays hidden, among the
        # channels without signals (each of them 0 or more).
        channels = {
            group["channel_id"][0]: (group["figure"], group["suppressed_cells"])
            for group in Signal.read_group(
                [*domain, ("dimension", "=", "channel")],
                ["figure:sum", "suppressed_cells:sum"],
                ["channel_id"],
            )
        }
        self.assertEqual(channels[self.ch_school.id], (17, 0))
        self.assertEqual(channels[self.ch_police.id], (7, 0))
        figure, suppressed = channels[self.ch_anon.id]
        self.assertEqual(figure, 0)
        self.assertGreater(suppressed, 0)
        april_police = Signal.read_group(
            [
                *domain,
                ("dimension", "=", "channel"),
                ("channel_id", "=", self.ch_police.id),
                ("period_start", "=", date(2026, 4, 1)),
            ],
            ["figure:sum", "suppressed_cells:sum"],
            [],
        )[0]
        self.assertEqual((april_police["figure"], april_police["suppressed_cells"]), (0, 1))

    def _signal_years(self, domain=(), groupby=()):
        Signal = self.env["don.report.signal"].with_user(self.reporting)
        groups = Signal.read_group(
            [("company_id", "=", self.company_a.id), *YEAR, *domain],
            ["figure:sum", "suppressed_cells:sum"],
            list(groupby),
        )
        return groups

    def test_a_channel_year_is_shown_when_the_total_year_is_hidden(self):
        """February's two signals are the only suppressed month of the
        total: the year's total stays '≥ 22' (it would be February). The
        police channel's year (7 in April, suppressed beside the 3, and 0
        in February, suppressed with all of February) leaves April between
        5 and 7 and February between 0 and 2, and the total undetermined:
        it is published, not hidden with its total."""
        self.env["don.signal"].create(
            [
                self._signal_vals(
                    self.ch_school, self.nbh_1, datetime(2026, 2, day, 10), f"FEB {day}"
                )
                for day in (3, 4)
            ]
        )
        (total,) = self._signal_years()
        self.assertEqual((total["figure"], total["suppressed_cells"]), (22, 1), "≥ 22")
        channels = {
            group["channel_id"][0]: (group["figure"], group["suppressed_cells"])
            for group in self._signal_years([("dimension", "=", "channel")], ["channel_id"])
        }
        self.assertEqual(channels[self.ch_police.id], (7, 0))
        # The school's year (12 + February) and the anonymous channel's (3)
        # stay hidden: the one would give February, the other is small.
        self.assertEqual(channels[self.ch_school.id][0], 12)
        self.assertGreater(channels[self.ch_school.id][1], 0)
        self.assertEqual(channels[self.ch_anon.id][0], 0)
        # Every channel together: still the total's "≥ 22", never 24.
        (every,) = self._signal_years([("dimension", "=", "channel")])
        self.assertGreater(every["suppressed_cells"], 0)
        self.assertLess(every["figure"], 24)

    def test_years_together_stay_their_published_parts(self):
        """2025 holds two cases, of June 2025: a small year, hidden. 2025
        and 2026 read together are 2026's published figure and 2025's
        suppressed month ('≥ n'), not their sum: the sum minus 2026 would
        be 2025. (With several hidden years, ranges of the reader's choosing,
        {a, b}, {b, c}, {a, c}, would solve each of
        them: a sum of years is only ever the sum of what they publish.)"""
        Case = self.env["don.case"]
        Case.create(
            [
                {
                    "youth_id": self.youth_a.id,
                    "company_id": self.company_a.id,
                    "lead_domain_id": self.dom_soc.id,
                    "date_start": date(2025, 6, day),
                }
                for day in (2, 9)
            ]
        )
        true_2025 = Case.search_count(
            [
                ("company_id", "=", self.company_a.id),
                ("date_start", ">=", date(2025, 1, 1)),
                ("date_start", "<=", date(2025, 12, 31)),
            ]
        )
        self.assertEqual(true_2025, 2)
        per_year = {
            group["period_start:year"]: (group["figure"], group["suppressed_cells"])
            for group in self._cases([], ["period_start:year"])
        }
        self.assertEqual(per_year["2026"], (self.true_2026, 0))
        self.assertEqual(per_year["2025"][0], 0, "2025 is suppressed")
        self.assertGreater(per_year["2025"][1], 0)
        (both,) = self._cases(
            [("period_start", ">=", date(2025, 1, 1)), ("period_start", "<=", date(2026, 12, 31))]
        )
        self.assertEqual((both["figure"], both["suppressed_cells"]), (self.true_2026, 1))
        self.assertEqual(
            self.env["don.report.case"]._don_format(both["figure"], both["suppressed_cells"]),
            f"≥ {self.true_2026}",
        )
