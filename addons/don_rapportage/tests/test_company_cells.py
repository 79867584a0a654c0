# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CUBES, DonReportCommon


@tagged("post_install", "-at_install")
class TestCompanyCells(DonReportCommon):
    """A reader's cube is computed for the municipalities the reader may read
    only (``_table_query``): the same rows, ids and figures as the cube of
    every municipality, restricted to theirs."""

    def _rows(self, cube, domain=()):
        fields = ["id", "company_id", "period_start", "dimension", "figure", "suppressed_cells"]
        fields += [column for column, _type in cube._don_cube_keys]
        return sorted(
            tuple(str(row[name]) for name in fields)
            for row in cube.search_read(list(domain), fields)
        )

    def test_a_reader_gets_the_rows_of_their_municipality(self):
        for name in CUBES:
            with self.subTest(cube=name):
                every = self.env[name].sudo()
                # The multi-company rule restricts a reader to company_a;
                # the superuser's cube holds every municipality.
                expected = self._rows(every, [("company_id", "=", self.company_a.id)])
                reader = self.env[name].with_user(self.reporting)
                self.assertEqual(self._rows(reader), expected)
                self.assertLessEqual(reader.search([]).mapped("company_id"), self.company_a)

    def test_the_reader_computes_their_municipality_only(self):
        """What the reader's query runs on: the cells function with the
        reader's municipalities, never all of them (NULL)."""
        cube = self.env["don.report.signal"].with_user(self.reporting)
        query = cube._table_sql.code
        self.assertIn('_cells"(%s::int[])', query)
        self.assertEqual(cube.sudo()._table_query.params, [None])
        self.assertEqual(cube._table_query.params, [cube.env.companies.ids])
        self.assertNotIn(self.company_b, cube.env.companies)
