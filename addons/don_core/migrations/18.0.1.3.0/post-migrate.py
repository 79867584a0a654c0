# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0 -> 18.0.1.3.0: the access relation copies the date and stage
of cases and the date of contributions (``_don_access_copied``), so that
filtered counts are counted in the relation. The models' ``init`` added the
columns, filled the copies of the existing rows and built the filter index
(don.access._ensure_partition); here the planner gets fresh statistics."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("ANALYZE %s", SQL.identifier("don_access_entry")))
    # Meeting names carry their date as the municipality writes it
    # (1-12-2026), not in ISO form: stored names are computed again.
    env = api.Environment(cr, SUPERUSER_ID, {})
    meetings = env["don.meeting"].with_context(active_test=False).search([])
    env.add_to_compute(meetings._fields["name"], meetings)
    meetings.flush_recordset(["name"])
