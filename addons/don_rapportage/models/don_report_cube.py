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
        rows.append(f"SELECT company_id, {column}::{sql_type} AS v FROM fact")
        return " UNION ALL ".join(rows)

    @api.model
    def _don_cells_sql(self):
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
            fact AS NOT MATERIALIZED ({self._don_cube_source()}),
            frozen AS (
                -- Months frozen by several reports hold the same copy: the
                -- first report's is taken.
                SELECT company_id, period_start AS month, dim_index, {frozen_keys}, n
                  FROM don_report_frozen_cell
                 WHERE cube = '{self._name}'
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
    def _don_view_sql(self):
        keys = [column for column, _type in self._don_cube_keys]
        key_order = ", ".join(f"{column} NULLS FIRST" for column in keys)
        key_list = ", ".join(keys)
        dimension_case = " ".join(
            f"WHEN {index} THEN '{dimension}'"
            for index, (dimension, _c, _k) in enumerate(self._don_cube_dimensions)
        )
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
            SELECT ((company_id::bigint * 100000 + (period_start - DATE '2000-01-01'))
                    * 100 + dim_index) * 100000 + min(grid_index) AS id,
                   company_id, period_start,
                   (CASE dim_index {dimension_case} END)::varchar AS dimension, {key_list},
                   sum(CASE WHEN sup THEN 0 ELSE n END)::int AS figure,
                   sum(sup::int)::int AS suppressed_cells
              FROM marked
             GROUP BY company_id, period_start, dim_index, {key_list}
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
                    WITH {self._don_cells_sql()}
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
            ]
        )
        self.env.cr.execute(
            SQL(
                "DROP VIEW IF EXISTS %s; DROP FUNCTION IF EXISTS %s(); "
                "CREATE FUNCTION %s() RETURNS TABLE (%s) LANGUAGE sql STABLE "
                "SET jit = off AS $don$ %s $don$; "
                "CREATE VIEW %s AS (SELECT * FROM %s())",
                SQL.identifier(self._table),
                SQL.identifier(function),
                SQL.identifier(function),
                SQL(columns),  # built from class constants only
                SQL(self._don_view_sql()),  # built from class constants only
                SQL.identifier(self._table),
                SQL.identifier(function),
            )
        )

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
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

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
        {key tuple: (published sum, suppressed cells)}."""
        return self._don_figures_multi(company, date_from, date_to, [dimension])[dimension]

    @api.model
    def _don_figures_multi(self, company, date_from, date_to, dimensions):
        """The same for several dimensions in one query:
        {dimension: {key tuple: (published sum, suppressed cells)}}."""
        dim_keys = {dim: keys for dim, _cond, keys in self._don_cube_dimensions}
        columns = [column for column, _type in self._don_cube_keys]
        domain = [
            ("company_id", "=", company.id),
            ("period_start", ">=", date_from),
            ("period_start", "<=", date_to),
            ("dimension", "in", list(dimensions)),
        ]
        rows = self._read_group(
            domain, ["dimension", *columns], ["figure:sum", "suppressed_cells:sum"]
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
            value, suppressed = result[row[0]].get(key, (0, 0))
            result[row[0]][key] = (value + (row[-2] or 0), suppressed + (row[-1] or 0))
        return result

    @api.model
    def _don_format(self, value, suppressed):
        """How a figure is shown (as in the pivot and graph views): '<5' for
        one suppressed cell, '3 x <5' (with a multiplication sign) for a
        figure made of three suppressed cells only (never '<5': together they
        may count more), '≥ n' when suppressed cells are part of a published
        n."""
        if suppressed and not value:
            if suppressed == 1:
                return f"<{self._don_threshold()}"
            return f"{suppressed} × <{self._don_threshold()}"  # noqa: RUF001
        if suppressed:
            return f"≥ {value}"
        return str(value)
