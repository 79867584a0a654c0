/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The project leader prepares the agenda from open work, runs the meeting in
 * meeting mode (discussion, decision, an action on the spot, one item moved
 * to the next meeting, one left open) and approves the minutes after the
 * confirmation that lists the undecided item.
 */
registry.category("web_tour.tours").add("don_meeting_tour", {
    url: "/odoo/action-don_core.don_meeting_action",
    steps: () => [
        {
            content: "Open the planned meeting",
            trigger: ".o_data_row:has(td[name='location']:contains('Raadzaal')) td[name='kernteam_id']",
            run: "click",
        },
        {
            content: "Prepare the agenda from open work",
            trigger: "button[name='action_prepare_agenda']",
            run: "click",
        },
        {
            content: "The case with new information is proposed, its reference in full",
            trigger: "div[name='agenda_item_ids'] .o_data_row td[name='subject']:contains('CAS-')",
        },
        {
            content: "The reason says kinds and numbers",
            trigger: "div[name='agenda_item_ids'] .o_data_row td[name='reason']:contains('1 x')",
        },
        {
            content: "Start meeting mode",
            trigger: "button[name='action_meeting_mode']",
            run: "click",
        },
        {
            content: "The first item: the case",
            trigger: ".o_don_meeting_mode div[name='mode_name']:contains('CAS-')",
        },
        {
            trigger: ".o_don_meeting_mode div[name='mode_position']:contains('1')",
        },
        {
            content: "What was discussed",
            trigger: ".o_don_meeting_mode div[name='mode_discussion'] textarea",
            run: "edit School en jongerenwerk delen hun zorgen",
        },
        {
            content: "The decision",
            trigger: ".o_don_meeting_mode div[name='mode_decision'] textarea",
            run: "edit Huisbezoek door jongerenwerk en gesprek met school",
        },
        {
            content: "Add an action on the spot",
            trigger: ".o_don_meeting_mode button[name='action_mode_add_action']",
            run: "click",
        },
        {
            content: "The DON action form, not the project task form",
            trigger: ".modal div[name='don_line']",
        },
        {
            trigger: ".modal:not(:has(div[name='milestone_id'])):not(:has(div[name='tag_ids'])) div[name='name'] input, .modal:not(:has(div[name='milestone_id'])) div[name='name'] textarea",
            run: "edit Huisbezoek plannen",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The action shows on the item",
            trigger: "body:not(:has(.modal)) .o_don_meeting_mode div[name='mode_action_ids'] .o_data_row:contains('Huisbezoek plannen')",
        },
        {
            content: "Decided: on to the next item",
            trigger: ".o_don_meeting_mode button[name='action_mode_decide']",
            run: "click",
        },
        {
            trigger: ".o_don_meeting_mode div[name='mode_name']:contains('Werkafspraken met Halt')",
        },
        {
            content: "Move this item to the next meeting",
            trigger: ".o_don_meeting_mode button[name='action_mode_postpone']",
            run: "click",
        },
        {
            content: "The last item stays open",
            trigger: ".o_don_meeting_mode div[name='mode_name']:contains('Rondvraag')",
        },
        {
            content: "Back to the meeting",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Kernteam Tourdorp')",
            run: "click",
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
            content: "Approve the minutes",
            trigger: "button[name='action_open_approve_wizard']",
            run: "click",
        },
        {
            content: "The confirmation lists the item without a decision",
            trigger: ".modal div[name='undecided_item_ids'] .o_data_row:contains('Rondvraag')",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
