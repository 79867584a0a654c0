/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The timeline of a young person, the first thing their file shows. The
 * reader searches the young person by name, opens the file and reads the
 * timeline: what they may see is on it, what they may not see is not.
 * The steps are the same for every reader; what is asserted is passed by
 * the test as the tour's name suffix (Kernteam member, professional).
 */
function timelineSteps(seen, unseen) {
    return [
        {
            content: "Search the young person by name",
            trigger: ".o_searchview_input",
            run: "edit Vera Tijdlijn",
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Vera Tijdlijn'):first",
            run: "click",
        },
        {
            content: "The search is applied",
            trigger: ".o_searchview_facet:contains('Vera Tijdlijn')",
        },
        {
            content: "Open the file of the young person",
            trigger: ".o_kanban_record:contains('Vera Tijdlijn')",
            run: "click",
        },
        {
            content: "The timeline is the first, open tab of the file",
            trigger: ".o_notebook .nav-link.active:contains('Tijdlijn')",
        },
        ...seen.map((title) => ({
            content: `On the timeline: ${title}`,
            trigger: `.o_don_timeline_item:contains('${title}')`,
        })),
        {
            content: "Nothing the reader may not see",
            trigger: `.o_don_timeline_table${unseen
                .map((title) => `:not(:contains('${title}'))`)
                .join("")}`,
        },
        {
            content: "Newest first: the opening of the case is the last line",
            trigger: ".o_don_timeline_item:last-child.o_don_timeline_stage",
        },
    ];
}

registry.category("web_tour.tours").add("don_timeline_kernteam_tour", {
    steps: () =>
        timelineSteps(
            [
                "Zorg: schoolverzuim",
                "Politie: gedeeld met Kernteam",
                "Huisbezoek wijkteam",
                "Bespreking Vera",
            ],
            ["Politie: fouillering", "Alleen voor betrokkenen"]
        ),
});

registry.category("web_tour.tours").add("don_timeline_professional_tour", {
    steps: () =>
        timelineSteps(
            ["Zorg: schoolverzuim", "Alleen voor betrokkenen"],
            ["Politie: fouillering", "Bespreking Vera"]
        ),
});
