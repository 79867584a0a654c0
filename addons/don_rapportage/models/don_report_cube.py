# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymised report cubes with small-number protection inside the database.

Every row of a report model is one published cell: a municipality, a period
(month or quarter), a dimension and the key of that dimension, with the number
of source records. The protection holds against every sequence of reads a
role can make (see readme/DEVELOP.md):

* **Existence, ids and order reveal nothing.** Every cell of the grid exists:
  every month of the municipality's reporting years times every key of the
  dimension (every selection value, every record of a key's model, the empty
  key and other values that occur), also when its count is 0. The id of a row
  follows from its key and position in the grid, never from its count.
* **Suppression is decided per month** (municipality, month, dimension): a
  cell of 1 to ``t - 1`` is suppressed, and as many of the smallest cells of
  ``t`` or more as needed so that no suppressed cell can be solved from the
  published figures of its partition and their total, even by someone who
  knows this rule and which suppressed cells are the extra ones (their values
  then lie in [1, t-1] and [t, next published cell]): the suppressed cells
  are at least two, add up to at least ``t``, and leave every suppressed cell
  at least two possible values. A cell of 0 counts nobody and is published,
  unless no choice protects the partition: then all of its cells are
  suppressed.
* **A quarter is the sum of its months**: its figure is the sum of the
  published monthly figures and it counts their suppressed cells. So a change
  of the period grain reveals nothing a month did not, and every cube follows
  the grain at once (it is read at query time, like the threshold).
* **Frozen months stay frozen**: once a period report is generated, the cubes
  show the months it covers from the cell counts frozen with it
  (``don.report.frozen.cell``), with the same suppression, so later live
  figures cannot be set against the report.

* **A year is a cell of its own**: a read that holds every row of a
  calendar year shows the year's true count when knowing it leaves every
  suppressed month undetermined (``_don_years_sql``), so totals above the
  threshold are not hidden behind their small months.

A suppressed cell publishes 0 and counts 1 in ``suppressed_cells``. The real
number of a suppressed cell never leaves PostgreSQL, whatever the channel
(read, search_read, read_group, export, PDF).
"""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

THRESHOLD_PARAM = "don_rapportage.small_number_threshold"
GRAIN_PARAM = "don_rapportage.period_grain"
DEFAULT_THRESHOLD = 5
GRAINS = [("month", "Month"), ("quarter", "Quarter")]
# Upper bound used for "no published cell above": larger than any count.
UNBOUNDED = 1000000000


class DonReportCube(models.AbstractModel):
    _name = "don.report.cube"
    _description = "DON anonymised report cube"
    _order = "period_start desc, dimension, id"

    # Set on each cube: the source SELECT (columns company_id, day and the key
    # columns), the key columns as (column, SQL type), the dimensions as
    # (dimension, filter on the source or None, key columns) and the
    # dimension used when a figure is asked without choosing one.
    _don_cube_keys = ()
    _don_cube_dimensions = ()
    _don_default_dimension = "total"

    company_id = fields.Many2one("res.company", string="Municipality", readonly=True)
    period_start = fields.Date(string="Period", readonly=True)
    figure = fields.Integer(
        string="Number",
        readonly=True,
        aggregator="sum",
        help="Published number; suppressed cells count 0 here.",
    )
    suppressed_cells = fields.Integer(
        string="Suppressed cells",
        readonly=True,
        aggregator="sum",
        help="Number of cells in this figure that are suppressed because they, or a cell "
        "that would reveal them, are below the small-number threshold.",
    )
    extra_cells = fields.Integer(
        string="Suppressed cells of the threshold or more",
        readonly=True,
        aggregator="sum",
        help="Of the suppressed cells, those of the small-number threshold or more: "
        "suppressed only to protect a smaller cell (shown as '≥5', the others as '<5').",
    )

    @api.model
    def _don_cube_source(self):
        raise NotImplementedError

    @api.model
    def _don_grain(self):
        grain = self.env["ir.config_parameter"].sudo().get_param(GRAIN_PARAM, "month")
        return grain if grain in dict(GRAINS) else "month"

    @api.model
    def _don_key_domain_sql(self, column, sql_type):
        """SELECT company_id, v: the possible values of one key column (the
        company NULL when the value is shared by all municipalities). Built
        from the field definitions only, never from the counted records."""
        field = self._fields[column]
        rows = []
        if field.type == "selection" and isinstance(field.selection, list):
            rows = [
                f"SELECT NULL::int AS company_id, '{value}'::{sql_type} AS v"
                for value, _label in field.selection
                if "'" not in value
            ]
        elif field.type == "many2one":
            comodel = self.env[field.comodel_name]
            company = (
                "company_id"
                if "company_id" in comodel._fields and comodel._fields["company_id"].store
                else "NULL::int"
            )
            rows = [f"SELECT {company} AS company_id, id::{sql_type} AS v FROM {comodel._table}"]
        # Values that occur although the field does not list them (the empty
        # key, an old selection value) are cells of their own, in every month
        # of the municipality: never a count is lost, and their existence
        # does not depend on a month's records.
        # Distinct first: the grid joins these values with every month.
        rows.append(f"SELECT DISTINCT company_id, {column}::{sql_type} AS v FROM fact")
        return " UNION ALL ".join(rows)

    @api.model
    def _don_cells_sql(self, companies="companies"):
        """The CTEs up to ``cells``: every cell of the month grid with its
        true count n (live, or frozen with a period report). Never returned
        to a user as such: the view suppresses on top of it, the period
        report freezes it (sudo, into a table no role can read)."""
        keys = [column for column, _type in self._don_cube_keys]
        key_types = dict(self._don_cube_keys)
        live, grid = [], []
        domains = {
            column: self._don_key_domain_sql(column, sql_type)
            for column, sql_type in self._don_cube_keys
        }
        for dim_index, (_dimension, condition, dim_keys) in enumerate(self._don_cube_dimensions):
            key_exprs = ", ".join(
                column if column in dim_keys else f"NULL::{sql_type} AS {column}"
                for column, sql_type in self._don_cube_keys
            )
            group = ", ".join(["1", "2"] + [str(4 + keys.index(column)) for column in dim_keys])
            live.append(
                f"SELECT company_id, date_trunc('month', day)::date AS month, "
                f"{dim_index} AS dim_index, {key_exprs}, count(*) AS n "
                f"FROM fact {'WHERE ' + condition if condition else ''} GROUP BY {group}"
            )
            grid_exprs = ", ".join(
                f"d_{column}.v AS {column}"
                if column in dim_keys
                else f"NULL::{sql_type} AS {column}"
                for column, sql_type in self._don_cube_keys
            )
            joins = " ".join(
                f"JOIN ({domains[column]}) d_{column} ON d_{column}.company_id IS NULL "
                f"OR d_{column}.company_id = m.company_id"
                for column in dim_keys
            )
            grid.append(
                f"SELECT DISTINCT m.company_id, m.month, {dim_index} AS dim_index, {grid_exprs} "
                f"FROM months m {joins}"
            )
        match = " AND ".join(f"l.{column} IS NOT DISTINCT FROM g.{column}" for column in keys)
        frozen_keys = ", ".join(
            f"key_{index + 1}::{key_types[column]} AS {column}" for index, column in enumerate(keys)
        )
        g_keys = ", ".join(f"g.{column}" for column in keys)
        return f"""
            param AS (
                SELECT COALESCE((
                    SELECT CASE WHEN value ~ '^[0-9]{{1,4}}$' THEN value::int END
                      FROM ir_config_parameter WHERE key = '{THRESHOLD_PARAM}'
                ), {DEFAULT_THRESHOLD}) AS t,
                COALESCE((
                    SELECT CASE WHEN value IN ('month', 'quarter') THEN value END
                      FROM ir_config_parameter WHERE key = '{GRAIN_PARAM}'
                ), 'month') AS grain
            ),
            fact AS NOT MATERIALIZED (
                -- Only the municipalities asked for (NULL: all): a cell's
                -- partition is one municipality's month, so the cells of
                -- one do not depend on the others.
                -- (= ANY of an array, not "IS NULL OR": the municipality's
                -- index can serve it.)
                SELECT * FROM ({self._don_cube_source()}) AS source
                 WHERE source.company_id = ANY(
                       COALESCE({companies}, ARRAY(SELECT id FROM res_company)))
            ),
            frozen AS (
                -- Months frozen by several reports hold the same copy: the
                -- first report's is taken.
                SELECT company_id, period_start AS month, dim_index, {frozen_keys}, n
                  FROM don_report_frozen_cell
                 WHERE cube = '{self._name}'
                   AND ({companies} IS NULL OR company_id = ANY({companies}))
                   AND (company_id, period_start, report_id) IN (
                        SELECT company_id, period_start, min(report_id)
                          FROM don_report_frozen_cell WHERE cube = '{self._name}'
                         GROUP BY company_id, period_start)
            ),
            months AS (
                SELECT company_id, generate_series(
                           date_trunc('year', min(day)::date)::timestamp,
                           greatest(date_trunc('month', max(day)::date)::timestamp,
                                    date_trunc('month', current_date)::timestamp),
                           interval '1 month')::date AS month
                  FROM (SELECT company_id, day FROM fact
                        UNION ALL SELECT company_id, month FROM frozen) AS days
                 WHERE company_id IS NOT NULL AND day IS NOT NULL
                 GROUP BY company_id
            ),
            live AS ({" UNION ALL ".join(live)}),
            grid AS ({" UNION ALL ".join(grid)}),
            cells AS (
                SELECT g.company_id, g.month, g.dim_index, {g_keys}, COALESCE(l.n, 0) AS n
                  FROM grid g
                  LEFT JOIN live l ON l.company_id = g.company_id AND l.month = g.month
                       AND l.dim_index = g.dim_index AND {match}
                 WHERE NOT EXISTS (SELECT 1 FROM frozen f
                                    WHERE f.company_id = g.company_id AND f.month = g.month)
                UNION ALL
                SELECT company_id, month, dim_index, {", ".join(keys)}, n FROM frozen
            )
        """

    @api.model
    def _don_dimension_case(self):
        return " ".join(
            f"WHEN {index} THEN '{dimension}'"
            for index, (dimension, _c, _k) in enumerate(self._don_cube_dimensions)
        )

    @api.model
    def _don_marked_sql(self):
        """WITH ... up to ``marked``: every month cell with its true count n,
        whether it is suppressed (sup), and what the rule found on the way
        (t, is_primary, m the highest value of an extra cell, k_min)."""
        keys = [column for column, _type in self._don_cube_keys]
        key_order = ", ".join(f"{column} NULLS FIRST" for column in keys)
        part = "company_id, month, dim_index"
        # Per partition (municipality, month, dimension): np primary cells
        # (0 < n < t) adding up to sp; the cells of t or more in rising order
        # (n, then key) with their rank k, the running sum and the next
        # count. Cells of 0 are published as 0: nobody is counted in them.
        # For each k: is suppressing the k smallest cells of t or more
        # enough? With s = sp + cum the suppressed sum and M = next - 1 the
        # highest value such an extra cell can have (t - 1 < M), a primary
        # lies in [max(1, s - k*M - (np-1)(t-1)), min(t-1, s - k*t - (np-1))]
        # and an extra one in [max(t, s - (k-1)*M - np*(t-1)),
        # min(M, s - (k-1)*t - np)]: both intervals must hold two values or
        # more, whoever knows this rule and which cells are the extra ones.
        # When no k is enough, the whole partition is suppressed, its cells
        # of 0 too (four suppressed cells under a total below 5 would
        # otherwise all be 1).
        return f"""
            WITH {self._don_cells_sql()},
            ranked AS (
                SELECT c.*, p.t, p.grain,
                       c.n > 0 AND c.n < p.t AS is_primary,
                       count(*) FILTER (WHERE c.n > 0 AND c.n < p.t) OVER part AS np,
                       COALESCE(sum(c.n) FILTER (WHERE c.n > 0 AND c.n < p.t) OVER part, 0)
                           AS sp,
                       row_number() OVER ordered AS k,
                       sum(c.n) OVER (ordered ROWS BETWEEN UNBOUNDED PRECEDING
                                      AND CURRENT ROW) AS cum,
                       COALESCE(lead(c.n) OVER ordered - 1, {UNBOUNDED}) AS m,
                       dense_rank() OVER (PARTITION BY c.company_id, c.dim_index
                                          ORDER BY {key_order}) AS grid_index
                  FROM cells c CROSS JOIN param p
                WINDOW part AS (PARTITION BY {part}),
                       ordered AS (PARTITION BY {part}, c.n >= p.t ORDER BY n, {key_order})
            ),
            checked AS (
                SELECT *,
                       CASE WHEN np = 0 THEN 0
                            WHEN np >= 2 AND sp >= t
                                 AND GREATEST(1, sp - (np - 1) * (t - 1))
                                     < LEAST(t - 1, sp - (np - 1))
                            THEN 0 END AS k0,
                       CASE WHEN n >= t AND np + k >= 2 AND sp + cum >= t
                                 AND (np = 0 OR GREATEST(1, sp + cum - k * m - (np - 1) * (t - 1))
                                                < LEAST(t - 1, sp + cum - k * t - (np - 1)))
                                 AND GREATEST(t, sp + cum - (k - 1) * m - np * (t - 1))
                                     < LEAST(m, sp + cum - (k - 1) * t - np)
                            THEN k END AS k_ok
                  FROM ranked
            ),
            chosen AS (
                SELECT *, COALESCE(min(k0) OVER part, min(k_ok) OVER part, {UNBOUNDED}) AS k_min
                  FROM checked
                WINDOW part AS (PARTITION BY {part})
            ),
            marked AS (
                SELECT *, (is_primary OR (n >= t AND k <= k_min)
                           OR k_min = {UNBOUNDED}) AS sup,
                       date_trunc(grain, month)::date AS period_start
                  FROM chosen
            )
        """

    @api.model
    def _don_view_sql(self):
        key_list = ", ".join(column for column, _type in self._don_cube_keys)
        return f"""
            {self._don_marked_sql()}
            SELECT ((company_id::bigint * 100000 + (period_start - DATE '2000-01-01'))
                    * 100 + dim_index) * 100000 + min(grid_index) AS id,
                   company_id, period_start,
                   (CASE dim_index {self._don_dimension_case()} END)::varchar AS dimension,
                   {key_list},
                   sum(CASE WHEN sup THEN 0 ELSE n END)::int AS figure,
                   sum(sup::int)::int AS suppressed_cells,
                   -- The added cells (t or more) the rule chose: published
                   -- as such, since the rule protects every suppressed cell
                   -- from whoever knows which cells they are. A cell of a
                   -- wholly suppressed partition is not one of them: its
                   -- partition's cells all read as below t (knowing that one
                   -- of them is t or more would solve them, e.g. 1 and 5
                   -- under a published 6).
                   sum((sup AND n >= t AND k_min < {UNBOUNDED})::int)::int AS extra_cells
              FROM marked
             GROUP BY company_id, period_start, dim_index, {key_list}
        """

    @api.model
    def _don_parent_index(self, dim_index):
        """The dimension a dimension adds up to: the one with the same
        condition and no keys (itself when it has no keys), or None."""
        _dimension, condition, dim_keys = self._don_cube_dimensions[dim_index]
        if not dim_keys:
            return dim_index
        for index, (_d, other_condition, other_keys) in enumerate(self._don_cube_dimensions):
            if other_condition == condition and not other_keys:
                return index
        return None

    @api.model
    def _don_years_sql(self):
        """The published figure of every year cell (municipality, calendar
        year, dimension, key): the true count of the year when publishing it
        leaves every suppressed figure undetermined, else NULL (the year is
        then only the sum of its published months, as before).

        A year cell is published when
        * its months' suppressed cells keep two possible values each once
          the year's count is known ("col_ok"): each suppressed month lies in
          what the rule lets whoever knows it conclude (a primary cell in
          [1, t-1], an extra cell in [t, m], a cell of a wholly suppressed
          partition in [0, t-1]: its 0 is no more known than its other
          cells); a wholly suppressed cell of t or more makes the year
          partition unpublishable ("unsafe");
        * it is t or more (or 0);
        * in its year partition (municipality, year, dimension) the hidden
          year cells (below t, or not col_ok), whose sum is known from the
          total, keep two possible values each within what their months
          allow ([lo_sum, hi_sum], narrowed to [1, t-1] or [t, ...]). A
          hidden year cell whose value has two possible values a < b within
          its months' bounds leaves each of its suppressed months two values
          too. When a hidden cell would be determined, the whole partition
          falls back to its months;
        * the total its dimension adds up to is published for that year (so
          that the published cells never add up to a hidden total).
        A partition of months may be a quarter's worth at quarter grain:
        n_rows is the number of rows (months or quarters) the year has in
        the view, so that a read can tell whether it covers the whole year;
        n_keys the number of year cells of the partition and parent_figure
        the published figure they add up to (a read of every key of a
        dimension over a whole year shows that total).
        """
        keys = [column for column, _type in self._don_cube_keys]
        key_list = ", ".join(keys)
        parents = ", ".join(
            f"({index}, {parent if parent is not None else 'NULL'})"
            for index, parent in (
                (index, self._don_parent_index(index))
                for index in range(len(self._don_cube_dimensions))
            )
        )
        return f"""
            {self._don_marked_sql()},
            bounded AS (
                SELECT *, date_trunc('year', month)::date AS year,
                       (CASE WHEN NOT sup THEN n
                             WHEN n = 0 THEN 0
                             WHEN is_primary THEN 1
                             WHEN k_min < {UNBOUNDED} THEN t
                             ELSE n END)::numeric AS lo,
                       (CASE WHEN NOT sup THEN n
                             WHEN n = 0 OR is_primary THEN t - 1
                             WHEN k_min < {UNBOUNDED} THEN m
                             ELSE n END)::numeric AS hi,
                       (sup AND n >= t AND k_min = {UNBOUNDED}) AS unsafe
                  FROM marked
            ),
            columns AS (
                SELECT *, sum(n) OVER col AS yn, sum(lo) OVER col AS ylo,
                       sum(hi) OVER col AS yhi
                  FROM bounded
                WINDOW col AS (PARTITION BY company_id, year, dim_index, {key_list})
            ),
            ycell AS (
                SELECT company_id, year, dim_index, {key_list}, min(t) AS t,
                       sum(n) AS n, sum(lo) AS lo_sum, sum(hi) AS hi_sum,
                       count(DISTINCT period_start) AS n_rows, bool_or(unsafe) AS unsafe,
                       bool_and(lo = hi OR GREATEST(lo, yn - (yhi - hi))
                                           < LEAST(hi, yn - (ylo - lo))) AS col_ok
                  FROM columns
                 GROUP BY company_id, year, dim_index, {key_list}
            ),
            hidden AS (
                SELECT *, n > 0 AND n < t AS is_small,
                       (n > 0 AND n < t) OR NOT col_ok AS is_hidden,
                       CASE WHEN n = 0 THEN lo_sum
                            WHEN n < t THEN GREATEST(1, lo_sum)
                            ELSE GREATEST(t, lo_sum) END AS h_lo,
                       CASE WHEN n < t THEN LEAST(t - 1, hi_sum)
                            ELSE hi_sum END AS h_hi
                  FROM ycell
            ),
            hpart AS (
                SELECT *,
                       sum(n) FILTER (WHERE is_hidden) OVER part AS hs,
                       sum(h_lo) FILTER (WHERE is_hidden) OVER part AS hs_lo,
                       sum(h_hi) FILTER (WHERE is_hidden) OVER part AS hs_hi
                  FROM hidden
                WINDOW part AS (PARTITION BY company_id, year, dim_index)
            ),
            part_ok AS (
                SELECT company_id, year, dim_index,
                       NOT bool_or(unsafe)
                       AND bool_and(NOT is_hidden
                                    OR GREATEST(h_lo, hs - (hs_hi - h_hi))
                                       < LEAST(h_hi, hs - (hs_lo - h_lo))) AS ok
                  FROM hpart
                 GROUP BY company_id, year, dim_index
            ),
            parents (dim_index, parent_index) AS (VALUES {parents}),
            child_sum AS (
                -- A dimension with keys whose year partition may publish:
                -- its published years' sum and its hidden years' range.
                SELECT h.company_id, h.year, h.dim_index, d.parent_index,
                       COALESCE(sum(h.n) FILTER (WHERE NOT h.is_hidden), 0) AS pub,
                       COALESCE(sum(h.h_lo) FILTER (WHERE h.is_hidden), 0) AS lo,
                       COALESCE(sum(h.h_hi) FILTER (WHERE h.is_hidden), 0) AS hi
                  FROM hidden h
                  JOIN parents d ON d.dim_index = h.dim_index
                  JOIN part_ok p ON p.company_id = h.company_id AND p.year = h.year
                                AND p.dim_index = h.dim_index
                 WHERE p.ok AND d.parent_index <> h.dim_index
                 GROUP BY h.company_id, h.year, h.dim_index, d.parent_index
            ),
            child_range AS (
                -- A hidden total year, as one such dimension bounds it,
                -- within its own bounds.
                SELECT c.company_id, c.year, c.dim_index, c.parent_index,
                       GREATEST(c.pub + c.lo, pc.h_lo) AS r_lo,
                       LEAST(c.pub + c.hi, pc.h_hi) AS r_hi
                  FROM child_sum c
                  JOIN hidden pc ON pc.company_id = c.company_id AND pc.year = c.year
                                AND pc.dim_index = c.parent_index
                 WHERE pc.is_hidden AND NOT pc.unsafe
            ),
            child_ok AS (
                -- The dimensions whose published years keep the hidden
                -- total two values, and each of its suppressed months too.
                SELECT r.company_id, r.year, r.dim_index, r.parent_index, r.r_lo, r.r_hi
                  FROM child_range r
                  JOIN columns m ON m.company_id = r.company_id AND m.year = r.year
                                AND m.dim_index = r.parent_index
                 GROUP BY r.company_id, r.year, r.dim_index, r.parent_index, r.r_lo, r.r_hi
                HAVING r.r_lo < r.r_hi
                       AND bool_and(m.lo = m.hi
                                    OR GREATEST(m.lo, r.r_lo - (m.yhi - m.hi))
                                       < LEAST(m.hi, r.r_hi - (m.ylo - m.lo)))
            ),
            parent_range AS (
                SELECT company_id, year, parent_index, max(r_lo) AS r_lo, min(r_hi) AS r_hi
                  FROM child_ok
                 GROUP BY company_id, year, parent_index
            ),
            parent_hidden_ok AS (
                -- Those dimensions together (their bounds intersect) keep
                -- them too: then they publish their years, else none does.
                SELECT r.company_id, r.year, r.parent_index AS dim_index,
                       r.r_lo < r.r_hi
                       AND bool_and(m.lo = m.hi
                                    OR GREATEST(m.lo, r.r_lo - (m.yhi - m.hi))
                                       < LEAST(m.hi, r.r_hi - (m.ylo - m.lo))) AS ok
                  FROM parent_range r
                  JOIN columns m ON m.company_id = r.company_id AND m.year = r.year
                                AND m.dim_index = r.parent_index
                 GROUP BY r.company_id, r.year, r.parent_index, r.r_lo, r.r_hi
            )
            SELECT y.company_id, y.year,
                   (CASE y.dim_index {self._don_dimension_case()} END)::varchar AS dimension,
                   {", ".join(f"y.{column}" for column in keys)}, y.n_rows::int AS n_rows,
                   (CASE WHEN NOT y.is_hidden AND p.ok
                              AND (COALESCE(pp.ok, TRUE)
                                   OR (co.dim_index IS NOT NULL AND COALESCE(ph.ok, FALSE)))
                         THEN y.n END)::int AS figure,
                   (count(*) OVER (PARTITION BY y.company_id, y.year, y.dim_index))::int
                       AS n_keys,
                   (CASE WHEN pp.ok AND NOT pc.is_hidden THEN pc.n END)::int AS parent_figure
              FROM hidden y
              JOIN part_ok p ON p.company_id = y.company_id AND p.year = y.year
                            AND p.dim_index = y.dim_index
              JOIN parents d ON d.dim_index = y.dim_index
              LEFT JOIN part_ok pp ON pp.company_id = y.company_id AND pp.year = y.year
                                  AND pp.dim_index = d.parent_index
              LEFT JOIN hidden pc ON pc.company_id = y.company_id AND pc.year = y.year
                                 AND pc.dim_index = d.parent_index
              LEFT JOIN child_ok co ON co.company_id = y.company_id AND co.year = y.year
                                   AND co.dim_index = y.dim_index
              LEFT JOIN parent_hidden_ok ph ON ph.company_id = y.company_id
                                           AND ph.year = y.year
                                           AND ph.dim_index = d.parent_index
        """

    @api.model
    def _don_cube_models(self):
        """The names of every concrete report cube."""
        names, todo = [], list(self.env["don.report.cube"]._inherit_children)
        while todo:
            name = todo.pop(0)
            model = self.env[name]
            if not model._abstract and name not in names:
                names.append(name)
            todo.extend(model._inherit_children)
        return names

    @api.model
    def _don_freeze(self, report):
        """Freeze the true month cells of ``report``'s municipality and
        period into ``don.report.frozen.cell`` for this cube (months frozen
        already by another report are copied from it, so they stay as they
        were). Called by the period report after its access checks; the
        counts go into a table no role reads."""
        keys = [column for column, _type in self._don_cube_keys]
        key_columns = ", ".join(f"key_{index + 1}" for index in range(len(keys)))
        key_values = ", ".join(f"{column}::varchar" for column in keys)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                f"""INSERT INTO don_report_frozen_cell
                        (report_id, cube, company_id, period_start, dim_index,
                         {key_columns}, n, create_uid, create_date, write_uid, write_date)
                    WITH {self._don_cells_sql(companies=f"ARRAY[{int(report.company_id.id)}]")}
                    SELECT %(report)s, %(cube)s, company_id, month, dim_index,
                           {key_values}, n, %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC'
                      FROM cells
                     WHERE company_id = %(company)s AND month BETWEEN %(start)s AND %(end)s""",
                report=report.id,
                cube=self._name,
                company=report.company_id.id,
                start=report.date_from.replace(day=1),
                end=report.date_to,
                uid=self.env.uid,
            )
        )

    def init(self):
        if self._abstract:
            return
        # The cells are computed in a SQL function run without JIT: the
        # planner's estimates for the grid (generate_series, key tables)
        # are far above the real size, and compiling the query would take
        # seconds for a result of milliseconds. The view reads the function.
        function = f"{self._table}_cells"
        columns = ", ".join(
            [
                "id bigint",
                "company_id integer",
                "period_start date",
                "dimension varchar",
                *(f"{column} {sql_type}" for column, sql_type in self._don_cube_keys),
                "figure integer",
                "suppressed_cells integer",
                "extra_cells integer",
            ]
        )
        self.env.cr.execute(
            SQL(
                "DROP VIEW IF EXISTS %s; DROP FUNCTION IF EXISTS %s(); "
                "DROP FUNCTION IF EXISTS %s(int[]); "
                "CREATE FUNCTION %s(companies int[] DEFAULT NULL) RETURNS TABLE (%s) "
                "LANGUAGE sql STABLE SET jit = off AS $don$ %s $don$; "
                "CREATE VIEW %s AS (SELECT * FROM %s())",
                SQL.identifier(self._table),
                SQL.identifier(function),
                SQL.identifier(function),
                SQL.identifier(function),
                SQL(columns),  # built from class constants only
                SQL(self._don_view_sql()),  # built from class constants only
                SQL.identifier(self._table),
                SQL.identifier(function),
            )
        )
        years = f"{self._table}_years"
        year_columns = ", ".join(
            [
                "company_id integer",
                "year date",
                "dimension varchar",
                *(f"{column} {sql_type}" for column, sql_type in self._don_cube_keys),
                "n_rows integer",
                "figure integer",
                "n_keys integer",
                "parent_figure integer",
            ]
        )
        self.env.cr.execute(
            SQL(
                "DROP FUNCTION IF EXISTS %s(); DROP FUNCTION IF EXISTS %s(int[]); "
                "CREATE FUNCTION %s(companies int[] DEFAULT NULL) RETURNS TABLE (%s) "
                "LANGUAGE sql STABLE SET jit = off AS $don$ %s $don$",
                SQL.identifier(years),
                SQL.identifier(years),
                SQL.identifier(years),
                SQL(year_columns),  # built from class constants only
                SQL(self._don_years_sql()),  # built from class constants only
            )
        )

    @property
    def _table_query(self):
        """Reads compute the cells of the municipalities the reader may read
        only (the multi-company rule of every cube is ``company_id in
        company_ids``, i.e. ``env.companies``); the superuser, whom no rule
        limits, gets them all. A municipality's cells do not depend on the
        others', so this changes no figure, only the work: a Rapportage
        user of one municipality in a region of ten no longer computes
        the other nine."""
        if self._abstract:
            return None
        companies = None if self.env.su else self.env.companies.ids
        return SQL("SELECT * FROM %s(%s::int[])", SQL.identifier(f"{self._table}_cells"), companies)

    @api.model
    def _don_with_dimension(self, domain, groupby):
        """A figure is the sum over one dimension: without a dimension in the
        domain or the grouping, the total is taken (not the sum of all
        dimensions, which would count every record once per dimension)."""
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if any(spec.split(":")[0] == "dimension" for spec in groupby):
            return domain
        for leaf in domain or []:
            if isinstance(leaf, (list, tuple)) and leaf and leaf[0] == "dimension":
                return domain
        return expression.AND([domain or [], [("dimension", "=", self._don_default_dimension)]])

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        domain = self._don_with_dimension(domain, groupby)
        result = super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )
        if self._don_year_groups(groupby, aggregates, having):
            groupby, fine_by = list(groupby), self._don_year_grouping(groupby)
            fine = super()._read_group(
                domain,
                fine_by,
                ["__count", "figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
            )
            result = self._don_with_year_figures(fine, fine_by, groupby, list(aggregates), result)
        return result

    @api.model
    def _don_year_grouping(self, groupby):
        """The grouping asked, then down to the year cells."""
        keys = [column for column, _type in self._don_cube_keys]
        fine_by = list(groupby)
        for spec in ["company_id", "period_start:year", "dimension", *keys]:
            if spec not in fine_by:
                fine_by.append(spec)
        return fine_by

    @api.model
    def _don_year_groups(self, groupby, aggregates, having):
        """Whether a grouping can hold whole years: no grouping below the
        year, only the figures as aggregates (a group's other aggregates
        stay sums of rows)."""
        keys = {column for column, _type in self._don_cube_keys}
        for spec in groupby:
            fname, _sep, granularity = spec.partition(":")
            if fname == "period_start":
                if granularity != "year":
                    return False
            elif fname not in keys | {"company_id", "dimension"} or granularity:
                return False
        return not having and any(
            spec in ("figure:sum", "suppressed_cells:sum", "extra_cells:sum") for spec in aggregates
        )

    @api.model
    def _don_with_year_figures(self, fine, fine_by, groupby, aggregates, result):
        """Totals above the threshold are never hidden: a group that holds
        every row of a year cell (municipality, year, dimension, key) shows
        the year's published figure instead of the sum of its months, when
        the year may be published (``_don_years_sql``). Whether a group
        holds the whole year is counted on the rows the domain matched,
        whatever the domain. A group that holds every key of a dimension
        for a whole year shows the published total the keys add up to (the
        column total of a pivot per year). The figure then counts no
        suppressed cell. ``fine`` is the read grouped by ``fine_by`` (the
        grouping asked, then down to the year cells)."""
        keys = [column for column, _type in self._don_cube_keys]
        if not fine:
            return result
        position = {spec: index for index, spec in enumerate(fine_by)}

        def plain(value):
            if isinstance(value, models.BaseModel):
                return value.id or None
            return value or None

        def year_key(row):
            return tuple(
                plain(row[position[spec]])
                for spec in ["company_id", "period_start:year", "dimension", *keys]
            )

        years = self._don_year_table(
            {plain(row[position["company_id"]]) for row in fine} - {None},
            {row[position["period_start:year"]] for row in fine} - {False, None},
        )
        changes = self._don_year_changes(
            [(tuple(row[: len(groupby)]), year_key(row), *row[-4:]) for row in fine], years
        )
        if not changes:
            return result
        figure_at = [i for i, spec in enumerate(aggregates) if spec == "figure:sum"]
        suppressed_at = [i for i, spec in enumerate(aggregates) if spec == "suppressed_cells:sum"]
        extra_at = [i for i, spec in enumerate(aggregates) if spec == "extra_cells:sum"]
        adjusted = []
        for row in result:
            delta = changes.get(tuple(row[: len(groupby)]))
            if delta:
                row = list(row)
                for i in figure_at:
                    row[len(groupby) + i] = (row[len(groupby) + i] or 0) + delta[0]
                for i in suppressed_at:
                    row[len(groupby) + i] = (row[len(groupby) + i] or 0) + delta[1]
                for i in extra_at:
                    row[len(groupby) + i] = (row[len(groupby) + i] or 0) + delta[2]
                row = tuple(row)
            adjusted.append(row)
        return adjusted

    @api.model
    def _don_year_table(self, company_ids, years):
        """{(company, year, dimension, *keys): (n_rows, figure, n_keys,
        parent_figure)} of the year cells of those municipalities and years."""
        keys = [column for column, _type in self._don_cube_keys]
        self.env.cr.execute(
            SQL(
                "SELECT company_id, year, dimension, %s, n_rows, figure, n_keys, parent_figure "
                "FROM %s(%s::int[]) WHERE company_id IN %s AND year IN %s",
                SQL(", ".join(keys)),  # class constants only
                SQL.identifier(f"{self._table}_years"),
                list(company_ids) or [0],
                tuple(company_ids) or (0,),
                tuple(years) or ("2000-01-01",),
            )
        )
        return {
            tuple(value or None for value in row[:-4]): row[-4:] for row in self.env.cr.fetchall()
        }

    @api.model
    def _don_year_changes(self, fine, years):
        """What the year figures change per group: {group: [figure delta,
        suppressed delta, extra delta]}, from the rows (group, year cell
        key, matched rows, published sum, suppressed cells, extra cells) of
        the fine grouping."""
        # Per group and year partition (municipality, year, dimension): the
        # published months, what the year cells change, and whether the
        # group holds every key of the partition for the whole year.
        partitions = {}
        for group, key, count, figure, suppressed, extra in fine:
            n_rows, year_figure, n_keys, parent_figure = years.get(key, (None,) * 4)
            part = partitions.setdefault(
                (group, key[:3]),
                {
                    "figure": 0,
                    "suppressed": 0,
                    "extra": 0,
                    "delta": [0, 0, 0],
                    "whole": 0,
                    "n_keys": n_keys,
                    "parent": parent_figure,
                },
            )
            part["figure"] += figure or 0
            part["suppressed"] += suppressed or 0
            part["extra"] += extra or 0
            if count != n_rows:
                continue
            part["whole"] += 1
            if year_figure is not None:
                part["delta"][0] += year_figure - (figure or 0)
                part["delta"][1] -= suppressed or 0
                part["delta"][2] -= extra or 0
        changes = {}
        for (group, _year), part in partitions.items():
            if part["whole"] == part["n_keys"] and part["parent"] is not None:
                # Every key over the whole year: the total they add up to.
                delta = (part["parent"] - part["figure"], -part["suppressed"], -part["extra"])
            else:
                delta = part["delta"]
            if any(delta):
                change = changes.setdefault(group, [0, 0, 0])
                for index in range(3):
                    change[index] += delta[index]
        return changes

    # Helpers for the dashboard and the period report.

    @api.model
    def _don_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM)
        try:
            return int(value) if value else DEFAULT_THRESHOLD
        except ValueError:
            return DEFAULT_THRESHOLD

    @api.model
    def don_small_number_threshold(self):
        """The threshold, for the pivot and graph views to show a suppressed
        cell as '<5' (the threshold is no secret: every report states it)."""
        self.check_access("read")
        return self._don_threshold()

    @api.model
    def _don_figures(self, company, date_from, date_to, dimension):
        """Published figures of one dimension over a period, per key: a dict
        {key tuple: (published sum, suppressed cells, of which extra cells)}."""
        return self._don_figures_multi(company, date_from, date_to, [dimension])[dimension]

    @api.model
    def _don_figures_multi(self, company, date_from, date_to, dimensions):
        """The same for several dimensions in one query:
        {dimension: {key tuple: (published sum, suppressed cells, extra cells)}}."""
        dim_keys = {dim: keys for dim, _cond, keys in self._don_cube_dimensions}
        columns = [column for column, _type in self._don_cube_keys]
        domain = [
            ("company_id", "=", company.id),
            ("period_start", ">=", date_from),
            ("period_start", "<=", date_to),
            ("dimension", "in", list(dimensions)),
        ]
        rows = self._read_group(
            domain,
            ["dimension", *columns],
            ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"],
        )
        result = {dimension: {} for dimension in dimensions}
        for row in rows:
            values = dict(zip(columns, row[1 : 1 + len(columns)], strict=True))
            key = tuple(
                values[column].id
                if isinstance(values[column], models.BaseModel)
                else values[column]
                for column in dim_keys[row[0]]
            )
            value, suppressed, extra = result[row[0]].get(key, (0, 0, 0))
            result[row[0]][key] = (
                value + (row[-3] or 0),
                suppressed + (row[-2] or 0),
                extra + (row[-1] or 0),
            )
        return result

    @api.model
    def _don_format(self, value, suppressed, extra=0):
        """How a figure is shown (as in the pivot and graph views): '<5' for
        one suppressed cell below the threshold, '≥5' for one suppressed
        only to protect another (of the threshold or more: ``extra``), '3 x
        <5' (with a multiplication sign) for a figure made of three
        suppressed cells only (never '<5': together they may count more),
        '2 x <5 + 1 x ≥5' when both kinds are in it, '≥ n' when suppressed
        cells are part of a published n (true whatever their kind)."""
        threshold = self._don_threshold()
        if suppressed and not value:
            parts = []
            for count, sign in ((suppressed - extra, "<"), (extra, "≥")):
                if count == 1 and suppressed == 1:
                    parts.append(f"{sign}{threshold}")
                elif count:
                    parts.append(f"{count} × {sign}{threshold}")  # noqa: RUF001
            return " + ".join(parts)
        if suppressed:
            return f"≥ {value}"
        return str(value)
