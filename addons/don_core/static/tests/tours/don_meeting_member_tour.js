/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// The reason as the reader gets it, in Dutch or in English.
const hidden = (selector) =>
    ["niet zichtbaar voor u", "not visible to you"]
        .map((text) => selector.replaceAll("HIDDEN", text))
        .join(", ");

/**
 * A Kernteam member of another domain opens the prepared agenda: the item of
 * a case is there, its reason tells them only that news exists that they may
 * not see, and the item opens without any of that content.
 */
registry.category("web_tour.tours").add("don_meeting_member_tour", {
    url: "/odoo/action-don_core.don_meeting_action",
    steps: () => [
        {
            content: "Open the planned meeting",
            trigger: ".o_data_row:has(td[name='location']:contains('Raadzaal')) td[name='kernteam_id']",
            run: "click",
        },
        {
            content: "The case is on the agenda, the reason reveals nothing",
            trigger: hidden(
                "div[name='agenda_item_ids'] .o_data_row:has(td[name='subject']:contains('CAS-')) td[name='reason']:contains('HIDDEN')"
            ),
        },
        {
            content: "Open the item",
            trigger: hidden(
                "div[name='agenda_item_ids'] .o_data_row:has(td[name='reason']:contains('HIDDEN')) td[name='subject']"
            ),
            run: "click",
        },
        {
            content: "The item form shows no content of the other domain",
            trigger: hidden(
                ".modal .o_form_view:not(:contains('ZORG-GEHEIM')):not(:contains('schulden')) div[name='reason']:contains('HIDDEN')"
            ),
        },
        {
            trigger: ".modal .o_form_button_cancel, .modal .btn-close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
