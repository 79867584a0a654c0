/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";

/**
 * A Kernteam member opens the network of a young person, reloads the page
 * (the network stays), goes back in time to see a relation that has ended,
 * and opens the record of a node.
 */
registry.category("web_tour.tours").add("don_network_tour", {
    steps: () => [
        {
            content: "Open the network of the young person",
            trigger: ".o_form_view button[name='action_open_network']",
            run: "click",
        },
        {
            content: "Today: the young person, a family member and a group",
            trigger: ".o_don_network svg.o_don_network_svg[data-node-count='3']",
        },
        {
            trigger: ".o_don_network_node[data-model='don.group']",
        },
        {
            content: "The breadcrumb leads back to the young person",
            trigger: ".o_breadcrumb .o_back_button:contains('Netwerk A'), .o_breadcrumb a:contains('Netwerk A')",
        },
        {
            content: "Reload the page: the network of the same young person comes back",
            trigger: ".o_don_network svg.o_don_network_svg[data-node-count='3']",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            trigger: ".o_don_network svg.o_don_network_svg[data-node-count='3']",
        },
        {
            trigger: ".o_don_network_node[data-model='don.group']",
        },
        {
            content: "Go back to mid-2025",
            trigger: ".o_don_network .o_don_network_date input",
            run() {
                // Typed in the user's own date format (01-06-2025 in Dutch).
                this.anchor.value = formatDate(luxon.DateTime.fromISO("2025-06-01"));
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Then the recruiter relation was there too",
            trigger: ".o_don_network svg.o_don_network_svg[data-node-count='4']",
        },
        {
            trigger: ".o_don_network line.o_don_network_edge[data-type='recruiter']",
        },
        {
            content: "The side panel lists the key figures",
            trigger: ".o_don_network_panel .o_don_network_edge_count:contains('3')",
        },
        {
            content: "Open the recruited young person",
            trigger: ".o_don_network_node[data-node-name='Netwerk C']",
            run: "click",
        },
        {
            content: "Their form opens",
            trigger: ".o_breadcrumb .active:contains('Netwerk C')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input:value('Netwerk C')",
        },
    ],
});
