# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agenda items proposed before 18.0.1.2.0 keep their one reason."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE don_agenda_item SET reason_keys = source"
        " WHERE reason_keys IS NULL AND source != 'manual'"
    )
