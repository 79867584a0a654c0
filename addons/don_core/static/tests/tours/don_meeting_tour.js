/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The project leader prepares the agenda from open work, holds the meeting,
 * records a decision with two actions and approves the minutes.
 */
registry.category("web_tour.tours").add("don_meeting_tour", {
    url: "/odoo/action-don_core.don_meeting_action",
    steps: () => [
        {
            content: "Open the planned meeting",
            trigger: ".o_data_row:first-child td[name='kernteam_id']",
            run: "click",
        },
        {
            content: "Prepare the agenda from open work",
            trigger: "button[name='action_prepare_agenda']",
            run: "click",
        },
        {
            content: "The case with new information is proposed",
            trigger: "div[name='agenda_item_ids'] .o_data_row td[name='case_id']:contains('CAS-')",
        },
        {
            content: "The meeting is held",
            trigger: "button[name='action_mark_held']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='held']",
        },
        {
            content: "Record the decision",
            trigger: "div[name='agenda_item_ids'] .o_data_row:first-child td[name='decision']",
            run: "click",
        },
        {
            trigger: "div[name='agenda_item_ids'] .o_selected_row td[name='decision'] textarea, div[name='agenda_item_ids'] .o_selected_row td[name='decision'] input",
            run: "edit Huisbezoek door jongerenwerk en gesprek met school",
        },
        {
            content: "First action",
            trigger: "div[name='agenda_item_ids'] .o_selected_row button[name='action_add_action']",
            run: "click",
        },
        {
            trigger: ".modal div[name='name'] input, .modal div[name='name'] textarea",
            run: "edit Huisbezoek plannen",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Second action",
            trigger:
                "body:not(:has(.modal)) div[name='agenda_item_ids'] .o_data_row:contains('Huisbezoek door jongerenwerk') button[name='action_add_action']",
            run: "click",
        },
        {
            trigger: ".modal div[name='name'] input, .modal div[name='name'] textarea",
            run: "edit Gesprek met mentor op school",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Approve the minutes",
            trigger: "body:not(:has(.modal)) button[name='action_approve_minutes']",
            run: "click",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
