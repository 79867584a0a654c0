/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * A Kernteam member of the Sociaal domein opens a case, is told that other
 * domains hold information they cannot see, records a contribution and
 * shares it with the Kernteam with a legal basis.
 */
registry.category("web_tour.tours").add("don_case_tour", {
    url: "/odoo/action-don_core.don_case_action",
    steps: () => [
        {
            content: "Open the case of the young person",
            trigger: ".o_kanban_record:contains('Tessa Tourjongere')",
            run: "click",
        },
        {
            content: "The form says more exists, without revealing it",
            trigger: ".o_form_view div[role='alert'].alert-info:not(.d-none)",
        },
        {
            content: "The police contribution is not listed",
            trigger: ".o_form_view:not(:contains('Politie-tourgeheim'))",
        },
        {
            content: "Open the contributions of this case",
            trigger: "button[name='action_view_notes']",
            run: "click",
        },
        {
            content: "New contribution",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Schoolverzuim neemt toe",
        },
        {
            trigger: ".o_form_view div[name='body'] textarea",
            run: "edit Leerplicht meldt 30 uur ongeoorloofd verzuim dit kwartaal.",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Share wider",
            trigger: ".o_form_view .o_form_saved button[name='action_open_share_wizard']",
            run: "click",
        },
        {
            trigger: ".modal div[name='legal_basis_id'] input",
            run: "edit Tourconvenant",
        },
        {
            trigger: ".ui-autocomplete a:contains('Tourconvenant')",
            run: "click",
        },
        {
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Nodig voor de analyse in het Kernteam",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The contribution is now shared with the Kernteam",
            trigger: ".o_form_view:not(:has(.modal)) div[name='sharing_level']:contains('Kernteam')",
        },
        {
            content: "Back to the contributions of the case",
            trigger: ".o_breadcrumb .breadcrumb-item:last-child a",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Schoolverzuim neemt toe')",
        },
    ],
});
