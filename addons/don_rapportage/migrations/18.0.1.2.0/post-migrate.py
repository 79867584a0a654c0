# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two repairs of period reports stored before 18.0.1.2.0:

- their texts are sanitised like the other html fields of DON (inline
  styles only for harmless properties): narratives stored before keep a
  ``position:fixed`` overlay until they are sanitised again. Approved
  reports cannot be written through the ORM, so the stored values are
  rewritten in SQL; the reports that changed are logged;
- their frozen labels get every installed language: the reports generated
  before were frozen in their generator's language only."""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, html_sanitize

_logger = logging.getLogger(__name__)
FIELDS = ("narrative", "dark_number_note", "evaluation_summary")


def _sanitise_texts(cr):
    changed = []
    cr.execute("SELECT id, narrative, dark_number_note, evaluation_summary FROM don_period_report")
    for report_id, *values in cr.fetchall():
        updates = {}
        for field, value in zip(FIELDS, values, strict=True):
            if not value:
                continue
            clean = html_sanitize(value, sanitize_style=True)
            if clean != value:
                updates[field] = clean
        for field, clean in updates.items():
            cr.execute(
                SQL(
                    "UPDATE don_period_report SET %s = %s WHERE id = %s",
                    SQL.identifier(field),
                    clean,
                    report_id,
                )
            )
        if updates:
            changed.append(report_id)
    if changed:
        _logger.warning("DON: period report texts sanitised again (ids %s)", changed)


def migrate(cr, version):
    _sanitise_texts(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["don.period.report.line"].search([])._don_translate_frozen_labels()
