# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Signalen",
    "summary": "DON approach against jonge aanwas: signals in, bundled, fed back and followed up",
    "version": "18.0.1.1.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "license": "AGPL-3",
    "depends": ["don_core", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/don_signalen_rules.xml",
        "security/don_relation_suggestion_rules.xml",
        "data/ir_sequence_data.xml",
        "data/don_signal_channel_data.xml",
        "data/don_indicator_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_alias_data.xml",
        "data/ir_cron_data.xml",
        "views/don_signal_channel_views.xml",
        "views/don_signal_category_views.xml",
        "views/don_indicator_views.xml",
        "views/don_signal_views.xml",
        "views/don_signal_wizard_views.xml",
        "views/don_agenda_item_views.xml",
        "views/don_youth_views.xml",
        "views/don_case_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/don_signal_intake_templates.xml",
        "views/don_signalen_menus.xml",
        "views/don_relation_suggestion_views.xml",
    ],
    "demo": [
        "demo/don_signalen_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "don_signalen/static/tests/tours/**/*",
        ],
    },
}
