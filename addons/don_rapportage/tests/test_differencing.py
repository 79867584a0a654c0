# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The differencing attack on the report cubes, as the Rapportage user.

Small groups are planted in April-June 2026. Every cube is read through every
channel the role has: search_read (ids, order, existence), read_group
grouped and ungrouped, per dimension, per period, over ranges, the frozen
period report and the live cubes after it, the dashboard, at month and at
quarter grain. Every read becomes what an attacker knows about the true
month cells:

* a figure without suppressed cells is the exact sum of its cells;
* a figure with suppressed cells is at least its published part plus one per
  suppressed cell below the threshold and the threshold per extra cell (the
  cubes publish which suppressed cells are of the threshold or more,
  ``extra_cells``): a primary cell is at most ``t - 1``, an extra cell at
  most the smallest published cell of ``t`` or more of its partition;
* every dimension of a month adds up to the same total (they partition the
  same records), and a published 0 is 0.

Then an exact solver (integer programming, scipy's HiGHS) looks for the
lowest and the highest value of every suppressed cell under all of these
constraints; and, for every month partition, a brute force tries every
value of its suppressed cells under the suppression rule itself (whoever
knows the rule knows that cells it would have published are not among the
suppressed). The test fails when any suppressed cell has only one possible
value.
"""

import itertools
import math
from collections import defaultdict
from datetime import date, datetime

from odoo.tests import tagged

from .common import DonReportCommon

try:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
except ImportError:  # pragma: no cover - scipy is in requirements-dev.txt
    milp = None

THRESHOLD = 5
CUBES = (
    "don.report.signal",
    "don.report.case",
    "don.report.intervention",
    "don.report.training",
    "don.report.trained",
)
# The dimension every other dimension of a cube adds up to.
TOTALS = {"inflow_stage": "inflow", "outflow_reason": "outflow"}
MONTHS = [date(2026, month, 1) for month in range(1, 13)]


def rule(values, t=THRESHOLD):
    """The suppression rule of don.report.cube (models/don_report_cube.py),
    for one partition: the indexes (in key order) of the suppressed cells."""
    return rule_with_extras(values, t)[0]


def rule_with_extras(values, t=THRESHOLD):
    """The suppressed cells and, of them, the extra cells the rule added
    (published as ``extra_cells``; none when the whole partition is
    suppressed)."""
    big = 10**9
    primary = [i for i, n in enumerate(values) if 0 < n < t]
    if not primary:
        return set(), set()
    np_, sp = len(primary), sum(values[i] for i in primary)
    if np_ >= 2 and sp >= t and max(1, sp - (np_ - 1) * (t - 1)) < min(t - 1, sp - (np_ - 1)):
        return set(primary), set()
    others = sorted((i for i, n in enumerate(values) if n >= t), key=lambda i: (values[i], i))
    for k in range(1, len(others) + 1):
        s = sp + sum(values[i] for i in others[:k])
        m = values[others[k]] - 1 if k < len(others) else big
        if (
            np_ + k >= 2
            and s >= t
            and max(1, s - k * m - (np_ - 1) * (t - 1)) < min(t - 1, s - k * t - (np_ - 1))
            and max(t, s - (k - 1) * m - np_ * (t - 1)) < min(m, s - (k - 1) * t - np_)
        ):
            return set(primary) | set(others[:k]), set(others[:k])
    return set(range(len(values))), set()


def splits(total, parts, low):
    """Every way to write ``total`` as ``parts`` integers of at least ``low``."""
    if parts == 0:
        if total == 0:
            yield ()
        return
    shifted = total - low * parts
    if shifted < 0:
        return
    for cut in itertools.combinations(range(shifted + parts - 1), parts - 1):
        bounds = (-1, *cut, shifted + parts - 1)
        yield tuple(b - a - 1 + low for a, b in itertools.pairwise(bounds))


def count_splits(total, parts, low):
    shifted = total - low * parts
    return math.comb(shifted + parts - 1, parts - 1) if shifted >= 0 and parts else 0


@tagged("post_install", "-at_install", "don_reporting")
class TestDifferencing(DonReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # May: 6 / 4 / 1 per channel; June: 5 / 5 / 4 (a small cell next to
        # two cells of exactly the threshold); a few cases and interventions.
        # February and March are small months (2 and 3 signals, cases 1, 2
        # and 3 from January to March), as in a small municipality: the
        # year's figures are then published over suppressed months.
        vals = []
        plan = {2: (2, 0, 0), 3: (0, 2, 1), 5: (6, 4, 1), 6: (5, 5, 4)}
        for month, counts in plan.items():
            day = 0
            for channel, count in zip(
                (cls.ch_school, cls.ch_police, cls.ch_anon), counts, strict=True
            ):
                for _i in range(count):
                    day += 1
                    nbh = (cls.nbh_1, cls.nbh_2, cls.nbh_3, False)[day % 4]
                    vals.append(
                        cls._signal_vals(
                            channel, nbh, datetime(2026, month, day, 10), f"SIGNAALGEHEIM {day}"
                        )
                    )
        cls.env["don.signal"].create(vals)
        (cls.case_a | cls.case_b).write({"date_start": date(2026, 5, 4)})
        cls.env["don.case"].create(
            [
                {
                    "youth_id": cls.youth_a.id,
                    "company_id": cls.company_a.id,
                    "lead_domain_id": cls.dom_soc.id,
                    "date_start": start,
                }
                for start in (
                    date(2026, 1, 12),
                    date(2026, 2, 2),
                    date(2026, 2, 23),
                    *(date(2026, 3, day) for day in (3, 10, 17)),
                )
            ]
        )
        Partner = cls.env["res.partner"]
        school = Partner.create(
            {"name": "SCHOOLNAAM", "is_company": True, "don_org_type": "school"}
        )
        for day, attendees in ((3, 6), (4, 2), (12, 9)):
            event = cls.env["event.event"].create(
                {
                    "name": f"Training {day}",
                    "don_is_training": True,
                    "don_partner_id": school.id,
                    "don_phase": "2" if day < 10 else "3",
                    "date_begin": f"2026-05-{day:02d} 15:00:00",
                    "date_end": f"2026-05-{day:02d} 17:00:00",
                    "company_id": cls.company_a.id,
                }
            )
            cls.env["event.registration"].create(
                [{"event_id": event.id, "name": f"DEELNEMER {i}"} for i in range(attendees)]
            ).action_set_done()

    # ------------------------------------------------------------------
    # Reading as the Rapportage user, recording what the attacker learns
    # ------------------------------------------------------------------
    def _rows(self, model):
        Cube = self.env[model].with_user(self.reporting)
        keys = [column for column, _type in Cube._don_cube_keys]
        rows = Cube.search_read(
            [("company_id", "=", self.company_a.id)],
            ["period_start", "dimension", *keys, "figure", "suppressed_cells", "extra_cells"],
        )
        for row in rows:
            for key in keys:
                if isinstance(row[key], (list, tuple)):
                    row[key] = row[key][0]
        return rows, keys

    def _cell_key(self, model, row, keys, dim_keys):
        return (model, row["dimension"], tuple(row[key] or None for key in dim_keys))

    def _observe(self, knowledge, grain):
        """Every channel, at the current grain: adds (cells, figure,
        suppressed, extra) observations to ``knowledge``."""
        for model in CUBES:
            Cube = self.env[model].with_user(self.reporting)
            dims = {dim: dim_keys for dim, _c, dim_keys in Cube._don_cube_dimensions}
            rows, keys = self._rows(model)
            # search_read: every row is one cell (month) or the sum of the
            # cells of its months (quarter).
            for row in rows:
                months = self._months(row["period_start"], grain)
                cell = self._cell_key(model, row, keys, dims[row["dimension"]])
                knowledge["obs"].append(
                    (
                        {(cell, month) for month in months},
                        row["figure"],
                        row["suppressed_cells"],
                        row["extra_cells"],
                    )
                )
                if grain == "month":
                    knowledge["month_rows"][(cell, row["period_start"])] = row
            # read_group per dimension and key, per period and over ranges
            # (the report's quarter, the year), and ungrouped (the default
            # dimension). Each is a sum of rows; read to be sure of it.
            starts = sorted({row["period_start"] for row in rows})
            ranges = [(date(2026, 4, 1), date(2026, 6, 30)), (date(2026, 1, 1), date(2026, 12, 31))]
            for first, last in ranges:
                domain = [
                    ("company_id", "=", self.company_a.id),
                    ("period_start", ">=", first),
                    ("period_start", "<=", last),
                ]
                months = [
                    m
                    for start in starts
                    if first <= start <= last
                    for m in self._months(start, grain)
                ]
                for dim, dim_keys in dims.items():
                    groups = Cube._read_group(
                        [*domain, ("dimension", "=", dim)],
                        list(dim_keys),
                        ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
                    )
                    for group in groups:
                        key = tuple(
                            (value.id or None) if hasattr(value, "_name") else (value or None)
                            for value in group[: len(dim_keys)]
                        )
                        cells = {((model, dim, key), month) for month in months}
                        knowledge["obs"].append(
                            (cells, group[-3] or 0, group[-2] or 0, group[-1] or 0)
                        )
                default = Cube._don_default_dimension
                (total,) = Cube.read_group(
                    domain, ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"], []
                )
                cells = {((model, default, ()), month) for month in months}
                knowledge["obs"].append(
                    (
                        cells,
                        total["figure"] or 0,
                        total["suppressed_cells"] or 0,
                        total["extra_cells"] or 0,
                    )
                )
            # Grouped per period by the ORM (period_start:quarter), per dimension.
            for group in Cube.read_group(
                [("company_id", "=", self.company_a.id)],
                ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
                ["period_start:quarter", "dimension"],
                lazy=False,
            ):
                first = group["__range"]["period_start:quarter"]["from"]
                quarter = self._months(date.fromisoformat(first[:10]), "quarter")
                dim = group["dimension"]
                cells = {
                    (cell, month)
                    for cell, month in knowledge["month_rows"]
                    if cell[0] == model and cell[1] == dim and month in quarter
                }
                if cells:
                    knowledge["obs"].append(
                        (
                            cells,
                            group["figure"] or 0,
                            group["suppressed_cells"] or 0,
                            group["extra_cells"] or 0,
                        )
                    )
        # The dashboard's key figures (current and previous quarter).
        dashboard = (
            self.env["don.report.dashboard"]
            .with_user(self.reporting)
            .create({"company_id": self.company_a.id, "reference_date": date(2026, 5, 15)})
        )
        self.assertTrue(dashboard.summary_html)

    @staticmethod
    def _months(start, grain):
        if grain == "month":
            return [start]
        return [date(start.year, start.month + offset, 1) for offset in range(3)]

    def _observe_report(self, knowledge, report):
        """The approved period report's frozen lines, as the Rapportage user
        reads them."""
        report = report.with_user(self.reporting)
        months = [m for m in MONTHS if report.date_from <= m <= report.date_to]
        sections = {
            "signals": "don.report.signal",
            "cases_in": "don.report.case",
            "cases_out": "don.report.case",
            "interventions": "don.report.intervention",
            "awareness_trainings": "don.report.training",
            "awareness_people": "don.report.trained",
        }
        labels = {}
        for model in set(sections.values()):
            Cube = self.env[model]
            rows, _keys = self._rows(model)
            for dim, _c, dim_keys in Cube._don_cube_dimensions:
                dim_rows = [row for row in rows if row["dimension"] == dim]
                grid = {tuple(row[key] or None for key in dim_keys) for row in dim_rows}
                for key, label in report.sudo()._key_labels(Cube, dim, dict.fromkeys(grid)).items():
                    labels[(model, dim, label)] = key
        for line in report.line_ids.filtered(lambda line: line.section in sections):
            model = sections[line.section]
            key = labels[(model, line.dimension, line.key_label)]
            cells = {((model, line.dimension, key), month) for month in months}
            knowledge["obs"].append((cells, line.value, line.suppressed_cells, line.extra_cells))

    # ------------------------------------------------------------------
    # Solving
    # ------------------------------------------------------------------
    def _structure(self, knowledge):
        """Every dimension of a month adds up to its total."""
        by_month = defaultdict(lambda: defaultdict(set))
        for cell, month in knowledge["month_rows"]:
            model, dim, _key = cell
            by_month[(model, month)][dim].add((cell, month))
        equations = []
        for dims in by_month.values():
            for dim, cells in dims.items():
                total = TOTALS.get(dim, "total" if dim not in TOTALS.values() else None)
                if total and total != dim and total in dims:
                    equations.append((cells, dims[total]))
        return equations

    @staticmethod
    def _cell_bounds(knowledge):
        """What the reader knows of each month cell on its own: a published
        cell is its figure; a suppressed cell is at least 1 (0 when its whole
        partition may be suppressed: every cell suppressed and none extra),
        at most t - 1 when it is no extra cell of a partition that is not
        wholly suppressed, and an extra cell is at least t and at most the
        smallest published cell of t or more of its partition."""
        partitions = defaultdict(list)
        for (cell, month), row in knowledge["month_rows"].items():
            partitions[(cell[0], cell[1], month)].append(row)
        low_of, high_of = {}, {}
        for var, row in knowledge["month_rows"].items():
            rows = partitions[(var[0][0], var[0][1], var[1])]
            if not row["suppressed_cells"]:
                low_of[var] = 0
                high_of[var] = 10**6
                continue
            maybe_whole = all(r["suppressed_cells"] for r in rows) and not any(
                r["extra_cells"] for r in rows
            )
            if row["extra_cells"]:
                above = [
                    r["figure"]
                    for r in rows
                    if not r["suppressed_cells"] and r["figure"] >= THRESHOLD
                ]
                low_of[var] = THRESHOLD
                high_of[var] = min(above, default=10**6)
            elif maybe_whole:
                low_of[var], high_of[var] = 0, 10**6
            else:
                low_of[var], high_of[var] = 1, THRESHOLD - 1
        return low_of, high_of

    def _determined_by_solver(self, knowledge):
        variables = sorted(knowledge["month_rows"], key=str)
        index = {var: i for i, var in enumerate(variables)}
        rows, lower, upper = [], [], []

        def add(coefficients, low, high):
            row = np.zeros(len(variables))
            for var, coefficient in coefficients.items():
                row[index[var]] += coefficient
            rows.append(row)
            lower.append(low)
            upper.append(high)

        low_of, high_of = self._cell_bounds(knowledge)
        low_bounds = np.array([low_of[var] for var in variables])
        month_rows = knowledge["month_rows"]
        for cells, figure, suppressed, extra in knowledge["obs"]:
            known = [cell for cell in cells if cell in index]
            if not known:
                continue
            if suppressed and len(known) == len(cells):
                # The extra cells a read counts are those of its months.
                self.assertEqual(
                    extra,
                    sum(month_rows[cell]["extra_cells"] for cell in known),
                    "a read's extra cells are its months' extra cells",
                )
            cells = known
            if suppressed:
                # The published part, and at least the lower bound of each
                # suppressed cell in it.
                low = figure + sum(
                    low_of[cell]
                    for cell in cells
                    if knowledge["month_rows"][cell]["suppressed_cells"]
                )
                add(dict.fromkeys(cells, 1), low, np.inf)
            else:
                add(dict.fromkeys(cells, 1), figure, figure)
        for part, total in self._structure(knowledge):
            coefficients = dict.fromkeys(part, 1)
            for cell in total:
                coefficients[cell] = coefficients.get(cell, 0) - 1
            add(coefficients, 0, 0)
        constraints = LinearConstraint(np.array(rows), lower, upper)
        bounds = Bounds(low_bounds, np.array([high_of[var] for var in variables]))
        integrality = np.ones(len(variables))
        determined = {}
        for var in variables:
            if not knowledge["month_rows"][var]["suppressed_cells"]:
                continue
            found = []
            for sign in (1, -1):
                cost = np.zeros(len(variables))
                cost[index[var]] = sign
                result = milp(cost, constraints=constraints, bounds=bounds, integrality=integrality)
                self.assertTrue(result.success, f"the attacker's system is infeasible: {result}")
                found.append(round(result.x[index[var]]))
            if found[0] == found[1]:
                determined[var] = found[0]
        return determined

    def _determined_by_rule(self, knowledge):
        """Per month partition: every value of the suppressed cells that the
        published figures and the rule allow."""
        partitions = defaultdict(list)
        for (cell, month), row in knowledge["month_rows"].items():
            model, dim, _key = cell
            partitions[(model, month, dim)].append(row)
        determined = {}
        for (model, month, dim), rows in partitions.items():
            rows.sort(key=lambda row: row["id"])
            suppressed = [i for i, row in enumerate(rows) if row["suppressed_cells"]]
            if not suppressed:
                continue
            total_dim = TOTALS.get(dim, "total" if dim not in TOTALS.values() else dim)
            total_rows = partitions.get((model, month, total_dim), [])
            published = sum(row["figure"] for row in rows)
            if total_dim == dim:
                sums = range(1, THRESHOLD)  # a total is suppressed only below t
            elif not total_rows[0]["suppressed_cells"]:
                sums = [total_rows[0]["figure"] - published]
            else:
                sums = range(1, THRESHOLD)
            # Zeros are published unless the whole partition is suppressed.
            low = 0 if len(suppressed) == len(rows) else 1
            # Which suppressed cells are extra (of t or more) is published.
            extras = {i for i in suppressed if rows[i]["extra_cells"]}
            possible = defaultdict(set)
            for s in sums:
                if count_splits(s, len(suppressed), low) > 300000:
                    possible = None  # too many to try: at least that many solutions
                    break
                for parts in splits(s, len(suppressed), low):
                    values = [row["figure"] for row in rows]
                    for i, value in zip(suppressed, parts, strict=True):
                        values[i] = value
                    if rule_with_extras(values) == (set(suppressed), extras):
                        for i, value in zip(suppressed, parts, strict=True):
                            possible[i].add(value)
            if possible is None:
                continue
            for i in suppressed:
                if len(possible[i]) <= 1:
                    determined[(model, month, dim, rows[i]["id"])] = possible[i]
        return determined

    @staticmethod
    def _exact_over_suppressed(knowledge):
        """The exact figures (no suppressed cell) that cover suppressed
        months: the published year figures."""
        rows = knowledge["month_rows"]
        return [
            (cells, figure)
            for cells, figure, suppressed, _extra in knowledge["obs"]
            if not suppressed
            and any(rows[cell]["suppressed_cells"] for cell in cells if cell in rows)
        ]

    def _assert_nothing_determined(self, knowledge):
        self.assertFalse(self._determined_by_solver(knowledge), "solved from the published sums")
        self.assertFalse(self._determined_by_rule(knowledge), "solved with the rule")

    # ------------------------------------------------------------------
    def test_rows_reveal_nothing_by_existence_ids_or_order(self):
        """The same rows, ids and order whatever the counts: a row exists for
        every cell of the grid, and its id follows its key, not its rank."""
        before = {model: self._rows(model)[0] for model in CUBES}
        self.env["don.signal"].create(
            [
                self._signal_vals(self.ch_anon, self.nbh_3, datetime(2026, 4, 20, 9), f"EXTRA {i}")
                for i in range(11)
            ]
        )
        self.case_a.write({"date_start": date(2026, 6, 2)})
        for model in CUBES:
            after = self._rows(model)[0]
            shape = [
                [(row["id"], row["period_start"], row["dimension"]) for row in rows]
                for rows in (before[model], after)
            ]
            self.assertEqual(shape[0], shape[1], model)
        rows = before["don.report.signal"]
        channels = [row for row in rows if row["dimension"] == "channel"]
        months = {row["period_start"] for row in channels}
        self.assertEqual(months, set(MONTHS), "every month of the year has its cells")
        grid = {row["channel_id"] for row in channels}
        self.assertTrue({self.ch_school.id, self.ch_police.id, self.ch_anon.id} < grid)
        for month in months:
            self.assertEqual(
                {row["channel_id"] for row in channels if row["period_start"] == month}, grid
            )

    def test_no_suppressed_cell_can_be_solved(self):
        """Every channel, live and frozen, at month and quarter grain."""
        if milp is None:
            self.skipTest("scipy is not installed (requirements-dev.txt)")
        Params = self.env["ir.config_parameter"].sudo()
        knowledge = {"obs": [], "month_rows": {}}
        self._observe(knowledge, "month")
        self.assertTrue(
            any(row["suppressed_cells"] for row in knowledge["month_rows"].values()),
            "the planted small groups are suppressed",
        )
        # June's channels (5 / 5 / 4): both 5s are extra cells, published as
        # such (the solver and the rule below are given that knowledge).
        june = {
            channel: knowledge["month_rows"][
                (("don.report.signal", "channel", (channel.id,)), date(2026, 6, 1))
            ]
            for channel in (self.ch_school, self.ch_police, self.ch_anon)
        }
        self.assertEqual(
            [(row["suppressed_cells"], row["extra_cells"]) for row in june.values()],
            [(1, 1), (1, 1), (1, 0)],
            "June's 5s are extra cells, its 4 a primary one",
        )
        self.assertTrue(
            self._exact_over_suppressed(knowledge),
            "year figures over suppressed months are published (and observed)",
        )
        self._assert_nothing_determined(knowledge)
        # The project leader freezes Q2; the Rapportage user reads it, and
        # the live cubes after two more signals in a frozen month.
        report = self._period_report()
        report.action_generate()
        report.action_approve()
        self._observe_report(knowledge, report)
        frozen_rows = {model: self._rows(model)[0] for model in CUBES}
        self.env["don.signal"].create(
            [
                self._signal_vals(self.ch_anon, self.nbh_3, datetime(2026, 5, 25, 9), f"LATER {i}")
                for i in range(2)
            ]
        )
        for model in CUBES:
            self.assertEqual(self._rows(model)[0], frozen_rows[model], "frozen months stay")
        self._observe(knowledge, "month")
        self._assert_nothing_determined(knowledge)
        # A change of grain: every cube, the awareness cubes too, at once.
        self.env["res.config.settings"].create(
            {"don_small_number_threshold": THRESHOLD, "don_period_grain": "quarter"}
        ).execute()
        self.assertEqual(Params.get_param("don_rapportage.period_grain"), "quarter")
        for model in CUBES:
            starts = {row["period_start"] for row in self._rows(model)[0]}
            self.assertEqual(starts, {m for m in MONTHS if m.month in (1, 4, 7, 10)}, model)
        self._observe(knowledge, "quarter")
        self._assert_nothing_determined(knowledge)

    def test_child_years_over_a_hidden_total_reveal_nothing(self):
        """March's signals move to April: February (2) is then the only
        suppressed month of the signals' total, whose year stays hidden
        (it would give February). The years per channel, neighbourhood,
        category ... that keep it undetermined are published all the same;
        read with everything else, they solve no suppressed cell."""
        if milp is None:
            self.skipTest("scipy is not installed (requirements-dev.txt)")
        march = self.env["don.signal"].search(
            [
                ("company_id", "=", self.company_a.id),
                ("date_received", ">=", datetime(2026, 3, 1)),
                ("date_received", "<", datetime(2026, 4, 1)),
            ]
        )
        self.assertEqual(len(march), 3)
        for day, signal in enumerate(march, start=25):
            signal.date_received = datetime(2026, 4, day, 10)
        Signal = self.env["don.report.signal"].with_user(self.reporting)
        (year,) = Signal.read_group(
            [
                ("company_id", "=", self.company_a.id),
                ("period_start", ">=", date(2026, 1, 1)),
                ("period_start", "<=", date(2026, 12, 31)),
            ],
            ["figure:sum", "suppressed_cells:sum"],
            [],
        )
        self.assertEqual(year["suppressed_cells"], 1, "the total year is hidden: February")
        # The month grain first (its rows are the attacker's unknowns), then
        # the quarters, read into the same knowledge.
        knowledge = {"obs": [], "month_rows": {}}
        for grain in ("month", "quarter"):
            self.env["res.config.settings"].create(
                {"don_small_number_threshold": THRESHOLD, "don_period_grain": grain}
            ).execute()
            # A new request at the other grain: the rows of the quarters
            # have the ids of their first months, not their figures.
            self.env.invalidate_all()
            self._observe(knowledge, grain)
            rows = knowledge["month_rows"]
            if grain == "month":
                children = [
                    cells
                    for cells, _figure in self._exact_over_suppressed(knowledge)
                    if {cell[0][:2] for cell in cells} == {("don.report.signal", "channel")}
                    and any(rows[cell]["suppressed_cells"] for cell in cells if cell in rows)
                ]
                self.assertTrue(children, "a channel's year over suppressed months is published")
            self._assert_nothing_determined(knowledge)

    def test_the_rule_protects_every_small_partition(self):
        """The rule on its own, for every partition of up to four cells with
        counts up to 12: no suppressed cell has a single possible value to
        whoever knows the rule and the partition's total."""
        for size in (2, 3, 4):
            for values in itertools.product(range(0, 13), repeat=size):
                suppressed = sorted(rule(list(values)))
                if not suppressed:
                    continue
                # The total is known when it is published (t or more).
                if sum(values) >= THRESHOLD:
                    sums = [sum(values[i] for i in suppressed)]
                else:
                    sums = range(1, THRESHOLD)
                low = 0 if len(suppressed) == size else 1
                possible = defaultdict(set)
                for s in sums:
                    for parts in splits(s, len(suppressed), low):
                        trial = list(values)
                        for i, value in zip(suppressed, parts, strict=True):
                            trial[i] = value
                        if sorted(rule(trial)) == suppressed:
                            for i, value in zip(suppressed, parts, strict=True):
                                possible[i].add(value)
                for i in suppressed:
                    self.assertGreater(len(possible[i]), 1, (values, i, possible[i]))

    def test_no_extra_cell_in_a_wholly_suppressed_partition(self):
        """Why a cell of t or more in a wholly suppressed partition is not
        published as an extra cell: 1 and 5 under a published total of 6
        (no choice of extra cells protects the 1, so both are suppressed).
        Were the 5 marked "t or more", the total would solve both."""
        self.assertEqual(rule_with_extras([1, 5]), ({0, 1}, set()))
        marked = [
            parts
            for parts in splits(6, 2, 0)
            if rule(list(parts)) == {0, 1} and parts[0] < THRESHOLD <= parts[1]
        ]
        self.assertEqual(marked, [(1, 5)], "marking the 5 would determine both cells")
        # As published (both read below the threshold), two values each.
        unmarked = [parts for parts in splits(6, 2, 0) if rule(list(parts)) == {0, 1}]
        self.assertGreater(len({parts[0] for parts in unmarked}), 1)
        # And so the cubes publish it: August, school 1 and police 5.
        self.env["don.signal"].create(
            [
                self._signal_vals(channel, self.nbh_1, datetime(2026, 8, 3 + i, 9), f"AUG {i}")
                for i, channel in enumerate([self.ch_school] + [self.ch_police] * 5)
            ]
        )
        rows, _keys = self._rows("don.report.signal")
        august = {
            row["channel_id"]: (row["figure"], row["suppressed_cells"], row["extra_cells"])
            for row in rows
            if row["dimension"] == "channel" and row["period_start"] == date(2026, 8, 1)
        }
        self.assertEqual(august[self.ch_school.id], (0, 1, 0))
        self.assertEqual(august[self.ch_police.id], (0, 1, 0), "the 5 is not marked")
