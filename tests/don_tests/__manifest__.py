# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON tests",
    "summary": "Test-only addon: cross-addon, security and browser tests of the DON suite",
    "version": "18.0.1.1.0",
    "category": "Hidden/Tests",
    "author": "DON for Odoo",
    "license": "AGPL-3",
    "depends": ["don_core", "don_signalen", "don_bewustwording", "don_rapportage"],
    # A test-only secured model: the contract of don.secured.mixin.
    "data": ["security/ir.model.access.csv", "security/don_tests_rules.xml"],
}
