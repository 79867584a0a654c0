/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * A professional who is not involved in a case asks for emergency access
 * through the menu: types the case number and the reason, and the case
 * opens.
 */
registry.category("web_tour.tours").add("don_emergency_access_tour", {
    steps: () => [
        {
            content: "The request form asks for the case number",
            trigger: ".modal .o_field_widget[name='case_reference'] input",
            run: "edit CAS-NOOD-0001",
        },
        {
            content: "and the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Acute zorgen gemeld door school, casusregisseur niet bereikbaar",
        },
        {
            content: "Open the case",
            trigger: ".modal button[name='action_open_case']",
            run: "click",
        },
        {
            content: "The case form is open",
            trigger: ".o_form_view .o_field_widget[name='reference']:contains('CAS-NOOD-0001')",
        },
    ],
});
