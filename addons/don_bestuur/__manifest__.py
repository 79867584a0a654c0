# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Bestuur",
    "summary": "DON approach against jonge aanwas: the mayor's measures (gezag), "
    "the Burgemeester role and the Driehoek",
    "version": "18.0.1.2.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "website": "https://github.com/don-for-odoo/don",
    "maintainers": ["don-for-odoo"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": ["don_rapportage"],
    "data": [
        "security/don_bestuur_security.xml",
        "security/ir.model.access.csv",
        "security/don_bestuur_rules.xml",
        "data/ir_sequence_data.xml",
        "data/don_gezag_measure_type_data.xml",
        "data/ir_cron_data.xml",
        "report/don_gezag_measure_reports.xml",
        "views/don_gezag_measure_type_views.xml",
        "views/don_gezag_measure_views.xml",
        "views/don_case_views.xml",
        "views/don_driehoek_meeting_views.xml",
        "views/don_project_goal_views.xml",
        "views/don_funding_source_views.xml",
        "views/don_budget_line_views.xml",
        "views/don_period_report_views.xml",
        "report/don_period_report_reports.xml",
        "report/don_project_plan_reports.xml",
        "views/don_project_plan_views.xml",
        "views/project_project_views.xml",
        "views/don_evaluation_views.xml",
        "views/don_bestuur_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "don_bestuur/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/don_bestuur_demo.xml",
        "demo/don_project_plan_demo.xml",
    ],
}
