# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Bewustwording",
    "summary": "DON approach against jonge aanwas: awareness campaigns, signal cards, "
    "trainings, refreshers and reach",
    "version": "18.0.1.1.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "website": "https://github.com/don-for-odoo/don",
    "maintainers": ["don-for-odoo"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": ["don_core", "don_signalen", "event", "mail"],
    "data": [
        "security/don_bewustwording_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "report/don_signal_card_reports.xml",
        "report/don_signal_card_templates.xml",
        "views/don_signal_card_views.xml",
        "views/don_campaign_views.xml",
        "views/event_event_views.xml",
        "views/res_partner_views.xml",
        "views/don_awareness_org_report_views.xml",
        "views/don_campaign_reach_report_views.xml",
        "views/res_config_settings_views.xml",
        "views/don_bewustwording_menus.xml",
    ],
    "demo": [
        "demo/don_bewustwording_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "don_bewustwording/static/tests/tours/*.js",
        ],
    },
}
