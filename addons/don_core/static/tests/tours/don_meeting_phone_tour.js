/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * On a phone (390 px wide): the project leader opens the meeting, prepares
 * the agenda, reads it as cards (the case reference in full, nothing cut
 * off, no sideways scrolling), runs meeting mode and decides the first item.
 * The form's header buttons live in the cog menu on a phone.
 */
function noSidewaysScroll(selector) {
    return () => {
        for (const element of document.querySelectorAll(selector)) {
            if (element.scrollWidth > element.clientWidth + 1) {
                throw new Error(
                    `${selector} scrolls sideways: ${element.scrollWidth} > ${element.clientWidth}`
                );
            }
            if (element.getBoundingClientRect().right > window.innerWidth + 1) {
                throw new Error(`${selector} is cut off at the right of the screen`);
            }
        }
    };
}

/**
 * Nothing of the page scrolls sideways: neither the document nor the form
 * sheet is wider than the screen (the attendee and guest tags wrap).
 */
function pageFits() {
    return () => {
        const page = document.documentElement;
        if (page.scrollWidth > window.innerWidth) {
            throw new Error(`The page scrolls sideways: ${page.scrollWidth} > ${window.innerWidth}`);
        }
        for (const sheet of document.querySelectorAll(".o_form_sheet")) {
            if (sheet.scrollWidth > sheet.clientWidth + 1) {
                const right = sheet.getBoundingClientRect().right;
                const wide = [...sheet.querySelectorAll("*")]
                    .filter((element) => element.getBoundingClientRect().right > right + 1)
                    .slice(0, 3)
                    .map((element) => `${element.tagName}.${[...element.classList].join(".")}`);
                throw new Error(
                    `The form sheet scrolls sideways: ${sheet.scrollWidth} > ${sheet.clientWidth} (${wide.join(", ")})`
                );
            }
        }
        for (const tag of document.querySelectorAll(".o_field_many2many_tags .o_tag, .o_field_many2many_tags_avatar .o_tag")) {
            if (tag.getBoundingClientRect().right > window.innerWidth + 1) {
                throw new Error(`The tag ${tag.textContent.trim()} is cut off at the right`);
            }
        }
    };
}

function headerButton(name) {
    return [
        {
            content: "Open the form's actions (cog menu on a phone)",
            trigger: ".o_control_panel .o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: `Header button ${name}`,
            trigger: `.o-dropdown--menu button[name='${name}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("don_meeting_phone_tour", {
    url: "/odoo/action-don_core.don_meeting_action",
    steps: () => [
        {
            content: "Open the planned meeting",
            trigger: ".o_data_row:has(td[name='location']:contains('Raadzaal')) td[name='kernteam_id']",
            run: "click",
        },
        {
            content: "The many attendees and guests are tags that wrap on the phone",
            trigger: "div[name='attendee_ids'] .o_tag:contains('Oostenbrugge')",
        },
        {
            content: "The guests from the flexible shell as well",
            trigger: "div[name='guest_partner_ids'] .o_tag:contains('Jongerenwerk')",
        },
        {
            content: "Nothing of the meeting form scrolls sideways",
            trigger: "div[name='attendee_ids'] .o_tag",
            run: pageFits(),
        },
        ...headerButton("action_prepare_agenda"),
        {
            content: "The agenda is a list of cards with the case reference in full",
            trigger: "div[name='agenda_item_ids'] .o_kanban_record:contains('CAS-')",
        },
        {
            content: "The reason is readable on the card",
            trigger: "div[name='agenda_item_ids'] .o_kanban_record:contains('CAS-'):contains('1 x')",
        },
        {
            content: "Nothing of the agenda is cut off: it does not scroll sideways",
            trigger: "div[name='agenda_item_ids'] .o_kanban_record",
            run: noSidewaysScroll("div[name='agenda_item_ids'], div[name='agenda_item_ids'] .o_kanban_record"),
        },
        ...headerButton("action_meeting_mode"),
        {
            content: "Meeting mode: the first item, the case",
            trigger: ".o_don_meeting_mode div[name='mode_name']:contains('CAS-')",
        },
        {
            content: "What was discussed",
            trigger: ".o_don_meeting_mode div[name='mode_discussion'] textarea",
            run: "edit Jongerenwerk ziet hem vaker bij het station",
        },
        {
            content: "The decision",
            trigger: ".o_don_meeting_mode div[name='mode_decision'] textarea",
            run: "edit Gesprek met de ouders",
        },
        {
            content: "Meeting mode fits the phone as well",
            trigger: ".o_don_meeting_mode div[name='mode_decision']",
            run: noSidewaysScroll(".o_don_meeting_mode .o_form_sheet"),
        },
        {
            content: "Meeting mode: the invited and the guests wrap, the page does not scroll sideways",
            trigger: ".o_don_meeting_mode div[name='attendee_ids'] .o_tag:contains('Oostenbrugge')",
            run: pageFits(),
        },
        ...headerButton("action_mode_decide"),
        {
            content: "On to the next item",
            trigger: ".o_don_meeting_mode div[name='mode_name']:contains('Rondvraag')",
        },
    ],
});
