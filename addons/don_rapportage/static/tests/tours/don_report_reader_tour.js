/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

/**
 * What a reader of the figures sees (issue 18), on the demo database, in
 * Dutch: the dashboard with trends as arrows, the case graph and pivot with
 * suppressed cells as "<5" (never 0) and their totals shown, and the
 * approved period report with Dutch labels and "<5" for suppressed figures.
 * The Rapportage user goes from the dashboard to the figures and to the
 * period report; the mayor opens the period report from the Bestuur menu
 * (don_report_period_report_reader_tour).
 */

const TREND = /^(?:[▲▼] [+-]\d+|[▲▼]|= 0|≈)$/;
// What a figure may read: a number, "<5", "≥5" (a suppressed cell of 5 or
// more), "3 × <5", "2 × <5 + 1 × ≥5", "2 × ≥5" or "≥ 12".
const FIGURE = /^(?:\d+|[<≥]\d+|\d+ × [<≥]\d+(?: \+ \d+ × ≥\d+)?|≥ \d+)$/;
// Of those, what a figure made of suppressed cells only may read.
const ONLY_SUPPRESSED = /^(?:[<≥]\d+|\d+ × [<≥]\d+(?: \+ \d+ × ≥\d+)?)$/;

function fail(message) {
    throw new Error(message);
}

function text(element) {
    return element.textContent.trim();
}

async function callKw(model, method, args, kwargs = {}) {
    // In the user's language, as the screen.
    kwargs = { ...kwargs, context: { ...user.context, ...(kwargs.context || {}) } };
    return rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs });
}

/**
 * A shown figure against its published value and suppressed cells (and,
 * when known, how many of them are of the threshold or more).
 */
function checkFigure(where, shown, value, suppressed, extra = undefined) {
    if (!FIGURE.test(shown)) {
        fail(`${where}: "${shown}" is not a figure`);
    }
    if (suppressed && shown === "0") {
        fail(`${where}: ${suppressed} suppressed cells shown as 0`);
    }
    if (suppressed && !value && !ONLY_SUPPRESSED.test(shown)) {
        fail(`${where}: only suppressed cells, shown as "${shown}" instead of "<5"`);
    }
    if (extra !== undefined && suppressed && !value) {
        // "≥5" exactly for the cells of the threshold or more.
        const extraShown = /≥\d/.test(shown);
        const primaryShown = shown.includes("<");
        if (Boolean(extra) !== extraShown || Boolean(suppressed - extra) !== primaryShown) {
            fail(`${where}: ${suppressed} suppressed (${extra} of 5 or more) read "${shown}"`);
        }
    }
    if (suppressed && value && !shown.startsWith("≥")) {
        fail(`${where}: suppressed cells in ${value}, shown as "${shown}"`);
    }
    if (!suppressed && shown !== String(value)) {
        fail(`${where}: ${value} shown as "${shown}"`);
    }
}

export function periodReportSteps() {
    return [
        {
            content: "Open the approved period report",
            trigger: ".o_list_view .o_data_row td[name='name']",
            run: "click",
        },
        {
            content: "The report is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        {
            content: "The year without a thousands separator",
            trigger: ".o_form_view .o_field_widget[name='year']",
            run() {
                const year = text(this.anchor);
                if (!/^\d{4}$/.test(year)) {
                    fail(`the year reads "${year}"`);
                }
            },
        },
        {
            content: "The figures, in Dutch",
            trigger: ".o_notebook a[name='figures']:contains(Cijfers)",
            run: "click",
        },
        {
            content: "The figures are listed",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row td[name='display_value']",
        },
        {
            content: "Dutch labels, '<5' for suppressed figures, never 0",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row",
            async run() {
                const rows = [
                    ...document.querySelectorAll(".o_field_widget[name='line_ids'] .o_data_row"),
                ];
                const breakdowns = rows.map((row) =>
                    text(row.querySelector("td[name='dimension_label']"))
                );
                for (const english of ["Total", "Per channel", "Per category", "Per outcome"]) {
                    if (breakdowns.includes(english)) {
                        fail(`English label "${english}" in the period report`);
                    }
                }
                if (!breakdowns.includes("Per kanaal")) {
                    fail(`no Dutch breakdown "Per kanaal" in ${breakdowns.join(", ")}`);
                }
                const reportId = Number(window.location.pathname.split("/").pop());
                const lines = await callKw("don.period.report.line", "search_read", [], {
                    domain: [["report_id", "=", reportId]],
                    fields: [
                        "key_label",
                        "value",
                        "suppressed_cells",
                        "extra_cells",
                        "display_value",
                    ],
                    limit: rows.length,
                });
                let suppressedShown = 0;
                rows.forEach((row, index) => {
                    const line = lines[index];
                    const item = text(row.querySelector("td[name='key_label']"));
                    if (item !== line.key_label) {
                        fail(`row ${index + 1} reads "${item}", expected "${line.key_label}"`);
                    }
                    const shown = text(row.querySelector("td[name='display_value']"));
                    if (line.display_value === false) {
                        return; // a goal line: no figure
                    }
                    checkFigure(
                        `"${item}"`,
                        shown,
                        line.value,
                        line.suppressed_cells,
                        line.extra_cells
                    );
                    if (line.suppressed_cells) {
                        suppressedShown++;
                    }
                });
                if (!suppressedShown || !rows.some((row) => text(row).includes("<5"))) {
                    fail("no suppressed figure shown as <5");
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("don_report_reader_tour", {
    steps: () => [
        {
            content: "The dashboard: key figures of this quarter",
            trigger: ".o_field_widget[name='summary_html'] table.o_don_dashboard tbody tr",
        },
        {
            content: "A read-only page: no 'Nieuw', no save or discard buttons",
            trigger:
                ".o_breadcrumb:not(:contains(Nieuw)):not(:contains(New)) " +
                ".o_last_breadcrumb_item:contains(Kerncijfers K)",
            run() {
                if (
                    document.querySelector(
                        ".o_form_status_indicator_buttons:not(.invisible) .o_form_button_save"
                    )
                ) {
                    fail("the dashboard can be saved");
                }
                const crumb = text(this.anchor);
                if (/\d\.\d{3}/.test(crumb)) {
                    fail(`a year with a thousands separator: "${crumb}"`);
                }
            },
        },
        {
            content: "Every trend is an arrow with the change, never '?'",
            trigger: "table.o_don_dashboard tbody tr td:nth-child(4)",
            run() {
                const trends = [
                    ...document.querySelectorAll("table.o_don_dashboard tbody tr td:nth-child(4)"),
                ].map(text);
                const wrong = trends.filter((trend) => !TREND.test(trend));
                if (wrong.length) {
                    fail(`trends that are not arrows: ${wrong.join(", ")}`);
                }
                if (!trends.some((trend) => /[▲▼]/.test(trend))) {
                    fail(`no trend with a direction: ${trends.join(", ")}`);
                }
                const figures = [
                    ...document.querySelectorAll(
                        "table.o_don_dashboard tbody tr td:nth-child(2), " +
                            "table.o_don_dashboard tbody tr td:nth-child(3)"
                    ),
                ].map(text);
                const odd = figures.filter((figure) => !FIGURE.test(figure));
                if (odd.length) {
                    fail(`dashboard figures that are no figures: ${odd.join(", ")}`);
                }
            },
        },
        {
            content: "Open the case figures",
            trigger: ".o_form_view button[name='action_open_cases']",
            run: "click",
        },
        {
            content: "The case graph is drawn",
            trigger: ".o_graph_view .o_graph_canvas_container canvas",
        },
        {
            content: "The graph is not empty: suppressed cells are drawn as a series",
            trigger: ".o_graph_view .o_graph_canvas_container canvas",
            run() {
                const chart = window.Chart.getChart(this.anchor);
                const values = chart.data.datasets.flatMap((dataset) => dataset.data);
                if (!values.some((value) => value > 0)) {
                    fail("the default case graph is empty");
                }
                const labels = chart.data.datasets.map((dataset) => dataset.label);
                if (!labels.some((label) => label.includes("<5"))) {
                    fail(`no series of suppressed cells in ${labels.join(", ")}`);
                }
            },
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The case pivot",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value",
        },
        {
            content: "No 0 for a suppressed figure, the totals shown",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value",
            async run() {
                const table = document.querySelector(".o_pivot table");
                const cells = [...table.querySelectorAll("td.o_pivot_cell_value")].map(text);
                const odd = cells.filter((cell) => cell && !FIGURE.test(cell));
                if (odd.length) {
                    fail(`pivot cells that are no figures: ${odd.join(", ")}`);
                }
                // The figures as published, per year and in total, read
                // with the filter of the view (one breakdown at a time). A
                // year is a cell of its own: its total is a number when it
                // may be published, also when every stage in it is "<5".
                const domain = [["dimension", "=", "inflow_stage"]];
                const aggregates = ["figure:sum", "suppressed_cells:sum", "extra_cells:sum"];
                const [grand] = await callKw("don.report.case", "read_group", [
                    domain,
                    aggregates,
                    [],
                ]);
                const years = await callKw(
                    "don.report.case",
                    "read_group",
                    [domain, aggregates, ["period_start:year"]],
                    { lazy: false }
                );
                if (!years.some((year) => year.suppressed_cells) && !grand.suppressed_cells) {
                    fail("the demo cases have no suppressed cell: nothing to check");
                }
                const totalRow = table.querySelector("tbody tr");
                const totals = [...totalRow.querySelectorAll("td.o_pivot_cell_value")].map(text);
                checkFigure(
                    "grand total",
                    totals.at(-1),
                    grand.figure,
                    grand.suppressed_cells,
                    grand.extra_cells
                );
                const headers = [...table.querySelectorAll("thead th.o_pivot_header_cell_closed")];
                if (headers.length !== years.length) {
                    fail(`${headers.length} years shown, ${years.length} published`);
                }
                headers.forEach((header, index) => {
                    if (!/^\d{4}$/.test(text(header))) {
                        fail(`the year reads "${text(header)}"`);
                    }
                    const year = years.find((group) => group["period_start:year"] === text(header));
                    if (!year) {
                        fail(`year "${text(header)}" not published`);
                    }
                    checkFigure(
                        `total of ${text(header)}`,
                        totals[index],
                        year.figure,
                        year.suppressed_cells,
                        year.extra_cells
                    );
                });
            },
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            content: "Open the period reports",
            trigger: ".o_form_view button[name='action_open_period_reports']",
            run: "click",
        },
        ...periodReportSteps(),
    ],
});

registry.category("web_tour.tours").add("don_report_period_report_reader_tour", {
    steps: () => periodReportSteps(),
});
