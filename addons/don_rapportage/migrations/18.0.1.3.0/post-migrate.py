# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The frozen labels of period reports generated while this addon was being
installed (its demo report) were frozen before Odoo loaded the addon's
translations: "Per channel" for a Dutch reader. They are frozen again in
every installed language; names of records stay as frozen in each
language, and labels that were right stay as they are."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["don.period.report.line"].search([])._don_translate_frozen_labels()
