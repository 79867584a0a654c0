# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.addons.don_rapportage.models.don_report_dashboard import KEY_FIGURES
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CUBES, DonReportCommon

APRIL = [("period_start", ">=", date(2026, 4, 1)), ("period_start", "<=", date(2026, 4, 30))]


@tagged("post_install", "-at_install")
class TestSuppression(DonReportCommon):
    def _channels(self, user, extra=()):
        Cube = self.env["don.report.signal"].with_user(user)
        groups = Cube.read_group(
            [
                *APRIL,
                ("dimension", "=", "channel"),
                ("company_id", "=", self.company_a.id),
                *list(extra),
            ],
            ["figure:sum", "suppressed_cells:sum"],
            ["channel_id"],
        )
        return {
            group["channel_id"][0]: (group["figure"], group["suppressed_cells"]) for group in groups
        }

    def test_primary_and_secondary_suppression(self):
        """3 is below the threshold; 7 is suppressed with it, otherwise the
        total (22) minus 12 minus 7 would reveal the 3."""
        for user in (self.reporting, self.pl):
            channels = self._channels(user)
            self.assertEqual(channels[self.ch_school.id], (12, 0))
            self.assertEqual(channels[self.ch_police.id], (0, 1))
            self.assertEqual(channels[self.ch_anon.id], (0, 1))
            total = (
                self.env["don.report.signal"]
                .with_user(user)
                .read_group([*APRIL, ("company_id", "=", self.company_a.id)], ["figure:sum"], [])
            )
            self.assertEqual(total[0]["figure"], 22, "without a dimension, the total is used")

    def test_an_extra_cell_reads_of_the_threshold_or_more(self):
        """The police's 7, suppressed to protect the 3, is published as an
        extra cell: it reads "≥5", never "<5" (a reader would be told
        something false); the 3 reads "<5"; both together read
        "1 x <5 + 1 x ≥5" with multiplication signs (issue 18)."""
        Cube = self.env["don.report.signal"].with_user(self.reporting)
        base = [*APRIL, ("company_id", "=", self.company_a.id), ("dimension", "=", "channel")]
        groups = Cube.read_group(
            base, ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"], ["channel_id"]
        )
        shown = {
            group["channel_id"][0]: Cube._don_format(
                group["figure"], group["suppressed_cells"], group["extra_cells"]
            )
            for group in groups
        }
        self.assertEqual(shown[self.ch_police.id], "≥5")
        self.assertEqual(shown[self.ch_anon.id], "<5")
        self.assertEqual(shown[self.ch_school.id], "12")
        (both,) = Cube.read_group(
            [*base, ("channel_id", "in", [self.ch_police.id, self.ch_anon.id])],
            ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
            [],
        )
        self.assertEqual(
            Cube._don_format(both["figure"], both["suppressed_cells"], both["extra_cells"]),
            "1 × <5 + 1 × ≥5",  # noqa: RUF001
        )
        # Every row says it too (search_read, the list, export).
        rows = Cube.search_read(base, ["channel_id", "suppressed_cells", "extra_cells"])
        extra = {row["channel_id"][0] for row in rows if row["extra_cells"]}
        self.assertEqual(extra, {self.ch_police.id})
        self.assertTrue(all(row["suppressed_cells"] for row in rows if row["extra_cells"]))
        # With a threshold of 8 the 7 is a primary cell: "<8".
        self.env["ir.config_parameter"].sudo().set_param(
            "don_rapportage.small_number_threshold", "8"
        )
        (police,) = Cube.read_group(
            [*base, ("channel_id", "=", self.ch_police.id)],
            ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
            [],
        )
        self.assertEqual((police["suppressed_cells"], police["extra_cells"]), (1, 0))

    def test_extra_cells_in_the_frozen_report_and_its_pdf(self):
        """The period report freezes the kind of each suppressed cell with
        its figure: its line and the PDF read "≥5" for the police's 7, also
        after later signals (issue 18)."""
        report = self._period_report()
        report.action_generate()
        report.action_approve()
        lines = report.line_ids.filtered(
            lambda line: line.section == "signals" and line.dimension == "channel"
        )
        by_label = {line.key_label: line for line in lines}
        police = by_label["Testkanaal politie"]
        self.assertEqual((police.suppressed_cells, police.extra_cells), (1, 1))
        self.assertEqual(police.display_value, "≥5")
        self.assertEqual(by_label["Testkanaal anoniem"].display_value, "<5")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.reporting)
            ._render_qweb_html("don_rapportage.report_don_period_report", report.ids)[0]
            .decode()
        )
        self.assertRegex(html, r">\s*≥5\s*</td>", "the police's line reads ≥5 in the PDF")
        # The cube, from the frozen cells, after later signals.
        self.env["don.signal"].create(
            [
                self._signal_vals(
                    self.ch_anon, self.nbh_1, datetime(2026, 4, 20, 9), f"LATER {index}"
                )
                for index in range(2)
            ]
        )
        figures = (
            self.env["don.report.signal"]
            .with_user(self.reporting)
            ._don_figures(self.company_a, date(2026, 4, 1), date(2026, 4, 30), "channel")
        )
        self.assertEqual(figures[(self.ch_police.id,)], (0, 1, 1))
        self.assertEqual(figures[(self.ch_anon.id,)], (0, 1, 0))

    def test_threshold_is_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "don_rapportage.small_number_threshold", "8"
        )
        channels = self._channels(self.reporting)
        self.assertEqual(channels[self.ch_police.id], (0, 1), "7 < 8 is suppressed")
        self.assertEqual(channels[self.ch_anon.id], (0, 1))
        self.assertEqual(channels[self.ch_school.id], (12, 0), "3 + 7 >= 8: enough")
        self.env["ir.config_parameter"].sudo().set_param(
            "don_rapportage.small_number_threshold", "3"
        )
        channels = self._channels(self.reporting)
        self.assertEqual(channels[self.ch_anon.id], (3, 0))

    def test_differencing_overlapping_filters(self):
        """All neighbourhoods minus all-but-one never gives the small one."""
        Cube = self.env["don.report.signal"].with_user(self.reporting)
        base = [*APRIL, ("company_id", "=", self.company_a.id)]

        def total(domain):
            return Cube.read_group(base + domain, ["figure:sum"], [])[0]["figure"] or 0

        all_nbh = total([("dimension", "=", "neighbourhood")])
        for nbh in (self.nbh_1, self.nbh_2, self.nbh_3):
            but_one = total(
                [("dimension", "=", "neighbourhood"), ("neighbourhood_id", "!=", nbh.id)]
            )
            self.assertNoSmallFigure([all_nbh - but_one])
        # The total (22) minus all published neighbourhoods is the sum of the
        # suppressed cells: 9 + 3, never 3 alone.
        grand = total([])
        self.assertEqual(grand, 22)
        self.assertGreaterEqual(grand - all_nbh, 5)
        # Across periods: a quarter minus its first two months is March+...
        quarter = (
            Cube.read_group(
                [
                    ("company_id", "=", self.company_a.id),
                    ("dimension", "=", "channel"),
                    ("channel_id", "=", self.ch_anon.id),
                    ("period_start", ">=", date(2026, 4, 1)),
                    ("period_start", "<=", date(2026, 6, 30)),
                ],
                ["figure:sum"],
                [],
            )[0]["figure"]
            or 0
        )
        may_june = (
            Cube.read_group(
                [
                    ("company_id", "=", self.company_a.id),
                    ("dimension", "=", "channel"),
                    ("channel_id", "=", self.ch_anon.id),
                    ("period_start", ">=", date(2026, 5, 1)),
                    ("period_start", "<=", date(2026, 6, 30)),
                ],
                ["figure:sum"],
                [],
            )[0]["figure"]
            or 0
        )
        self.assertEqual(quarter - may_june, 0)

    def test_no_small_figure_in_any_channel(self):
        """search_read, read, read_group (every grouping), web_read_group and
        export of every cube, for every role that can read them."""
        rows = self.assertNoSmallFigureInAnyChannel(CUBES)
        self.assertTrue(rows["don.report.signal"])

    def test_other_municipality_hidden(self):
        Cube = self.env["don.report.signal"].with_user(self.reporting)
        self.assertFalse(Cube.search([("company_id", "=", self.company_b.id)]))
        self.assertEqual(set(Cube.search([]).mapped("company_id")), {self.company_a})

    def test_no_personal_data_in_report_models(self):
        """Report models hold keys and counts only: no text, no link to a
        person, a case, a youth or a signal."""
        forbidden = {
            "res.users",
            "res.partner",
            "don.youth",
            "don.case",
            "don.signal",
            "don.case.note",
            "don.intervention",
        }
        for model in (*CUBES, "don.report.goal"):
            for name, field in self.env[model]._fields.items():
                if name == "display_name":
                    continue
                self.assertNotIn(field.type, ("char", "text", "html", "binary"), f"{model}.{name}")
                if field.type in ("many2one", "one2many", "many2many"):
                    self.assertNotIn(field.comodel_name, forbidden, f"{model}.{name}")
        text = str(self.env["don.report.signal"].with_user(self.reporting).search_read([]))
        for secret in ("SIGNAALGEHEIM", "MELDERNAAM", "Noah", "NAAMGEHEIM"):
            self.assertNotIn(secret, text)

    def test_dashboard_suppressed(self):
        dashboard = (
            self.env["don.report.dashboard"]
            .with_user(self.reporting)
            .create({"company_id": self.company_a.id, "reference_date": date(2026, 5, 15)})
        )
        figures = dashboard._key_figures(self.company_a, date(2026, 5, 15))
        self.assertEqual(figures[0][1], "22")
        self.assertEqual(figures[2][1], "<5", "two cases started: suppressed")
        for _label, current, previous, _trend in figures:
            for shown in (current, previous):
                digits = "".join(ch for ch in shown if ch.isdigit())
                if not shown.startswith("<") and digits:
                    self.assertNoSmallFigure([int(digits)])
        self.assertIn("&lt;5", str(dashboard.summary_html))

    def test_dashboard_reads_each_cube_once(self):
        """The dashboard reads both quarters of a cube in one query (it took
        three reads per cube and quarter: the figures, then the fine grouping
        and the year cells that no quarter holds), and its figures are those
        of the period reads, quarter by quarter."""
        Dashboard = self.env["don.report.dashboard"].with_user(self.reporting)
        Dashboard._key_figures(self.company_a, date(2026, 5, 15))  # warm the caches
        self.env.invalidate_all()
        # 5 cubes, one read each (26 queries before).
        with self.assertQueryCount(5):
            Dashboard._key_figures(self.company_a, date(2026, 5, 15))
        for cube_name in {cube for _l, cube, _d, _k in KEY_FIGURES}:
            cube = self.env[cube_name].with_user(self.reporting)
            dimensions = [dim for dim, _cond, _keys in cube._don_cube_dimensions]
            by_quarter = Dashboard._quarter_figures(
                cube, self.company_a, date(2026, 1, 1), date(2026, 6, 30), dimensions
            )
            for start, end in (
                (date(2026, 1, 1), date(2026, 3, 31)),
                (date(2026, 4, 1), date(2026, 6, 30)),
            ):
                expected = cube._don_figures_multi(self.company_a, start, end, dimensions)
                got = by_quarter.get(start, {})
                for dimension in dimensions:
                    self.assertEqual(
                        got.get(dimension, {}),
                        expected[dimension],
                        f"{cube_name} {dimension} {start}",
                    )

    def test_dashboard_opens_as_new_record(self):
        """The dashboard form computes its figures on a new record (onchange),
        as the web client opens it."""
        Dashboard = self.env["don.report.dashboard"].with_user(self.reporting)
        result = Dashboard.onchange(
            {"company_id": self.company_a.id, "reference_date": "2026-05-15"},
            [],
            {"company_id": {}, "reference_date": {}, "summary_html": {}},
        )
        html = str(result["value"]["summary_html"])
        self.assertIn("22", html)
        self.assertIn("&lt;5", html)
        self.assertNotIn("SIGNAALGEHEIM", html)

    def test_settings(self):
        Settings = self.env["res.config.settings"]
        with self.assertRaises(ValidationError):
            Settings.create({"don_small_number_threshold": 1})
        Settings.create({"don_small_number_threshold": 5, "don_period_grain": "quarter"}).execute()
        Cube = self.env["don.report.signal"].with_user(self.reporting)
        rows = Cube.search_read(
            [("company_id", "=", self.company_a.id), ("dimension", "=", "total")],
            ["period_start", "figure"],
        )
        # Every quarter of the reporting year exists (an empty one shows 0).
        self.assertEqual(
            [
                (row["period_start"], row["figure"])
                for row in rows
                if row["period_start"].year == 2026
            ],
            [
                (date(2026, 10, 1), 0),
                (date(2026, 7, 1), 0),
                (date(2026, 4, 1), 22),
                (date(2026, 1, 1), 0),
            ],
        )
        # The suppression works per quarter as it did per month.
        channels = self._channels(self.reporting)
        self.assertEqual(channels[self.ch_anon.id], (0, 1))
