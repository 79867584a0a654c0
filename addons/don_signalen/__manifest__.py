# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Signalen",
    "summary": "DON approach against jonge aanwas: signals in, bundled, fed back and followed up",
    "version": "18.0.1.0.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "license": "AGPL-3",
    "depends": ["don_core"],
    "data": [
        "security/ir.model.access.csv",
        "security/don_signalen_rules.xml",
        "data/ir_sequence_data.xml",
        "data/don_signal_channel_data.xml",
        "data/don_indicator_data.xml",
        "views/don_signal_channel_views.xml",
        "views/don_signal_category_views.xml",
        "views/don_indicator_views.xml",
        "views/don_signal_views.xml",
        "views/res_partner_views.xml",
        "views/don_signalen_menus.xml",
    ],
}
