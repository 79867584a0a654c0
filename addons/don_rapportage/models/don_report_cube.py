# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymised report cubes with small-number protection inside the database.

Every row of a report model is one published cell: a municipality, a period
(month or quarter), a dimension and the key of that dimension, with the number
of source records. Cells below the threshold are suppressed in the SQL view
itself (primary suppression), together with as many of the smallest other
cells of the same municipality, period and dimension as needed so that the
suppressed cells are at least two and add up to at least the threshold
(secondary suppression). A suppressed cell publishes 0 and counts 1 in
``suppressed_cells``. The real number of a suppressed cell never leaves
PostgreSQL, whatever the channel (read, search_read, read_group, export, PDF).

Any figure a user can ask for is a sum of published cells, so the difference
of two overlapping filters is again a sum of published cells: differencing
reveals nothing that is not published. Every dimension of a cube partitions
the same source records (an empty key is a cell of its own) and the dimensions
of one cube share no margin other than the total, so no combination of cells
narrows a suppressed cell down further than the sum of its partition's
suppressed cells, which is at least the threshold. See readme/DEVELOP.md.
"""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

THRESHOLD_PARAM = "don_rapportage.small_number_threshold"
GRAIN_PARAM = "don_rapportage.period_grain"
DEFAULT_THRESHOLD = 5
GRAINS = [("month", "Month"), ("quarter", "Quarter")]


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
    def _don_view_sql(self):
        grain = self._don_grain()
        keys = [column for column, _type in self._don_cube_keys]
        selects = []
        for dim_index, (dimension, condition, dim_keys) in enumerate(self._don_cube_dimensions):
            key_exprs = ", ".join(
                column if column in dim_keys else f"NULL::{sql_type} AS {column}"
                for column, sql_type in self._don_cube_keys
            )
            group = ", ".join(["1", "2"] + [str(5 + keys.index(column)) for column in dim_keys])
            selects.append(
                f"SELECT company_id, date_trunc('{grain}', day)::date AS period_start, "
                f"'{dimension}'::varchar AS dimension, {dim_index} AS dim_index, {key_exprs}, "
                "count(*) AS n "
                f"FROM fact {'WHERE ' + condition if condition else ''} GROUP BY {group}"
            )
        key_order = ", ".join(f"{column} NULLS FIRST" for column in keys)
        key_list = ", ".join(keys)
        return f"""
            WITH param AS (
                SELECT COALESCE((
                    SELECT CASE WHEN value ~ '^[0-9]{{1,4}}$' THEN value::int END
                      FROM ir_config_parameter WHERE key = '{THRESHOLD_PARAM}'
                ), {DEFAULT_THRESHOLD}) AS t
            ),
            fact AS NOT MATERIALIZED ({self._don_cube_source()}),
            cells AS ({" UNION ALL ".join(selects)}),
            ranked AS (
                SELECT c.*, p.t, c.n < p.t AS is_primary,
                       bool_or(c.n < p.t) OVER part AS has_primary,
                       row_number() OVER ordered AS k,
                       COALESCE(sum(c.n) OVER (ordered ROWS BETWEEN UNBOUNDED PRECEDING
                                               AND 1 PRECEDING), 0) AS n_before
                  FROM cells c CROSS JOIN param p
                WINDOW part AS (PARTITION BY company_id, period_start, dimension),
                       ordered AS (PARTITION BY company_id, period_start, dimension
                                   ORDER BY n, {key_order})
            ),
            marked AS (
                SELECT *, (is_primary OR (has_primary AND (k <= 2 OR n_before < t))) AS sup
                  FROM ranked
            )
            SELECT ((company_id::bigint * 100000 + (period_start - DATE '2000-01-01'))
                    * 100 + dim_index) * 100000 + k AS id,
                   company_id, period_start, dimension, {key_list},
                   (CASE WHEN sup THEN 0 ELSE n END)::int AS figure,
                   sup::int AS suppressed_cells
              FROM marked
        """

    def init(self):
        if self._abstract:
            return
        self.env.cr.execute(
            SQL(
                "DROP VIEW IF EXISTS %s; CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL.identifier(self._table),
                SQL(self._don_view_sql()),  # built from class constants only
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
        """How a figure is shown: '<5' when only suppressed cells make it up,
        '≥ n' when suppressed cells are part of it."""
        if suppressed and not value:
            return f"<{self._don_threshold()}"
        if suppressed:
            return f"≥ {value}"
        return str(value)
