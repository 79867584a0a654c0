/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";
import { periodReportSteps } from "@don_rapportage/../tests/tours/don_report_reader_tour";

/**
 * The mayor (no Rapportage role) opens the approved period report for the
 * Driehoek from the Bestuur menu: Dutch labels, '<5' for suppressed figures,
 * no drafts.
 */
registry.category("web_tour.tours").add("don_bestuur_mayor_period_report_tour", {
    steps: () => [
        {
            content: "The Bestuur menu",
            trigger: ".o_menu_sections [data-menu-xmlid='don_bestuur.menu_don_bestuur']:contains(Bestuur)",
            run: "click",
        },
        {
            content: "Period reports",
            trigger:
                ".dropdown-item[data-menu-xmlid='don_bestuur.menu_don_period_report_mayor']:contains(Perioderapportages)",
            run: "click",
        },
        {
            content: "Approved reports only, no drafts",
            trigger:
                ".o_list_view .o_data_row td[name='state']:contains(Vastgesteld)",
            run() {
                const states = [
                    ...document.querySelectorAll(".o_list_view .o_data_row td[name='state']"),
                ].map((cell) => cell.textContent.trim());
                if (states.some((state) => state !== "Vastgesteld")) {
                    throw new Error(`the mayor sees reports that are not approved: ${states}`);
                }
            },
        },
        ...periodReportSteps(),
    ],
});
