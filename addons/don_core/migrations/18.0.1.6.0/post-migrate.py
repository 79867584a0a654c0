# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.5.0 -> 18.0.1.6.0: the filter index of a partition of the access
relation also orders a user's rows by id within a date, so that a page of a
list ordered by date and id (the contributions, newest first) is read from
it and stops after the page (don.access._page_query). The copies themselves
do not change: only the indexes are built again."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    access = env["don.access"]
    for model_name in access._secured_models():
        model = env[model_name]
        if not access._copied_fields(model):
            continue
        partition = access._partition_name(model)
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(f"{partition}_filter_idx")))
        access._create_filter_index(model)
        cr.execute(SQL("ANALYZE %s", SQL.identifier(partition)))
