# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Frozen labels of period reports in every installed language: the reports
generated before were frozen in their generator's language only."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["don.period.report.line"].search([])._don_translate_frozen_labels()
