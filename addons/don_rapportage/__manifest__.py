# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Rapportage",
    "summary": "DON approach against jonge aanwas: anonymised management reporting, "
    "period reports for Driehoek, college and raad, evaluations",
    "version": "18.0.1.4.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "website": "https://github.com/don-for-odoo/don",
    "maintainers": ["don-for-odoo"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": ["don_core", "don_signalen", "don_bewustwording"],
    # The users of the Rapportage role land on the dashboard from now on.
    "post_init_hook": "post_init_hook",
    "data": [
        "security/ir.model.access.csv",
        "security/don_rapportage_rules.xml",
        "views/don_report_signal_views.xml",
        "views/don_report_case_views.xml",
        "views/don_report_intervention_views.xml",
        "views/don_report_training_views.xml",
        "views/don_report_trained_views.xml",
        "views/don_report_goal_views.xml",
        "views/don_report_dashboard_views.xml",
        "views/don_period_report_views.xml",
        "views/don_evaluation_views.xml",
        "views/res_config_settings_views.xml",
        "report/don_period_report_reports.xml",
        "views/don_rapportage_menus.xml",
    ],
    "assets": {
        "web.assets_backend_lazy": [
            "don_rapportage/static/src/views/*.js",
        ],
        "web.assets_tests": [
            "don_rapportage/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/don_rapportage_demo.xml",
    ],
}
