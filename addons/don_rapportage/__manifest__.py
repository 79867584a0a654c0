# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Rapportage",
    "summary": "DON approach against jonge aanwas: rapportage",
    "version": "18.0.0.1.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "license": "AGPL-3",
    "depends": ["don_signalen", "don_bewustwording"],
}
