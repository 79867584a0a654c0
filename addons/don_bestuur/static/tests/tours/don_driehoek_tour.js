/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * A member of the Driehoek (the police chief) opens a Driehoek meeting, which
 * they may read but not change, and records a decision of it.
 */
registry.category("web_tour.tours").add("don_driehoek_decision_tour", {
    steps: () => [
        {
            content: "Open the Driehoek meeting",
            trigger: ".o_list_view .o_data_row td[name='name']:contains(Driehoek najaar)",
            run: "click",
        },
        {
            content: "The meeting is read-only for the Driehoek member",
            trigger: ".o_form_view .o_form_readonly, .o_form_view .o_form_editable",
            run() {
                if (document.querySelector(".o_form_view .o_form_editable")) {
                    throw new Error("the Driehoek member may edit the meeting");
                }
            },
        },
        {
            content: "Record a decision",
            trigger: ".o_form_view .o_form_statusbar button[name='action_add_decision']",
            run: "click",
        },
        {
            content: "The decision",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Extra inzet wijkagenten rond het station",
        },
        {
            content: "The responsible office",
            trigger: ".modal .o_field_widget[name='owner'] input",
            run: "edit Politie basisteam",
        },
        {
            content: "Save",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The decisions of the meeting",
            trigger: ".o_form_view:not(:has(.modal)) .o_notebook a[name='decisions']",
            run: "click",
        },
        {
            content: "The new decision is listed",
            trigger:
                ".o_field_widget[name='decision_ids'] .o_data_row:contains(Extra inzet wijkagenten rond het station)",
        },
    ],
});
