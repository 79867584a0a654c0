/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The pivot's comparison mode (issue 18): the Rapportage user compares the
 * second quarter with the previous one. A suppressed cell publishes 0, so a
 * variation computed from it would be false: where either side has
 * suppressed cells ("<5", "≥5", "≥ n"), the variation reads "—"; where
 * neither has, it is a percentage as usual (test_ui.TestPivotCompareTour).
 */

function fail(message) {
    throw new Error(message);
}

function text(element) {
    return element.textContent.trim();
}

registry.category("web_tour.tours").add("don_report_pivot_compare_tour", {
    steps: () => [
        {
            content: "The signal pivot, a suppressed channel reads <5",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value:contains(<5)",
        },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "The period filter",
            trigger: ".o_filter_menu .o_accordion_toggle:contains(Period)",
            run: "click",
        },
        {
            content: "The second quarter (of this year, 2026)",
            trigger: ".o_filter_menu .o_item_option:contains(Q2)",
            run: "click",
        },
        {
            content: "The period is filtered",
            trigger: ".o_searchview_facet:contains(Q2)",
        },
        {
            content: "Compare with the previous period (the first comparison)",
            trigger: ".o_comparison_menu .o_menu_item:first",
            run: "click",
        },
        {
            content: "The variations are shown",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value .o_variation",
        },
        {
            content: "No variation where either period has suppressed cells",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value .o_variation",
            run() {
                let hidden = 0;
                let computed = 0;
                for (const row of document.querySelectorAll(".o_pivot table tbody tr")) {
                    const cells = [...row.querySelectorAll("td.o_pivot_cell_value")];
                    cells.forEach((cell, index) => {
                        const variation = cell.querySelector(".o_variation");
                        if (!variation) {
                            return;
                        }
                        // A variation follows the two figures it compares.
                        const figures = cells.slice(index - 2, index).map(text);
                        const suppressed = figures.some((figure) => /[<≥]/.test(figure));
                        const shown = text(variation);
                        if (suppressed && shown !== "—") {
                            fail(`a variation of ${figures.join(" / ")} reads "${shown}"`);
                        }
                        if (!suppressed && !/%$/.test(shown) && shown !== "-") {
                            fail(`a variation of ${figures.join(" / ")} reads "${shown}"`);
                        }
                        if (suppressed) {
                            hidden++;
                        } else if (/%$/.test(shown)) {
                            computed++;
                        }
                    });
                }
                if (!hidden) {
                    fail("no variation over suppressed cells to check");
                }
                if (!computed) {
                    fail("no variation is computed at all");
                }
                document.body.classList.add("o_don_compare_checked");
            },
        },
        {
            content: "Checked",
            trigger: "body.o_don_compare_checked",
        },
    ],
});
