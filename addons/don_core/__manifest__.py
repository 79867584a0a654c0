# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "DON Kern",
    "summary": "DON approach against jonge aanwas: youth register, case files, "
    "domain-based sharing, access log",
    "version": "18.0.1.0.0",
    "category": "Services/DON",
    "author": "DON for Odoo",
    "license": "AGPL-3",
    "application": True,
    "depends": ["contacts", "project", "mail", "calendar"],
    "data": [
        "security/don_core_security.xml",
        "security/ir.model.access.csv",
        "security/don_core_rules.xml",
        "data/ir_sequence_data.xml",
        "data/don_domain_data.xml",
        "data/don_legal_basis_data.xml",
        "data/don_factor_data.xml",
        "data/don_intervention_type_data.xml",
        "wizards/don_share_wizard_views.xml",
        "views/don_domain_views.xml",
        "views/don_legal_basis_views.xml",
        "views/don_factor_views.xml",
        "views/don_intervention_type_views.xml",
        "views/don_neighbourhood_views.xml",
        "views/don_youth_views.xml",
        "views/don_case_views.xml",
        "views/don_case_note_views.xml",
        "views/don_case_factor_views.xml",
        "views/don_case_relation_views.xml",
        "views/don_intervention_views.xml",
        "views/don_access_log_views.xml",
        "views/res_partner_views.xml",
        "views/don_core_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "don_core/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/don_demo_users.xml",
        "demo/don_demo_data.xml",
    ],
}
