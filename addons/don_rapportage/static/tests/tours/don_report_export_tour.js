/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";

/**
 * The Rapportage user downloads the signal pivot as xlsx ("Download xlsx"):
 * the real client builds the table and posts it to /web/pivot/export_xlsx
 * (test_ui.TestPivotExportTour reads the file the server made). The tour
 * only waits for the download to finish; the request itself is the web
 * client's own.
 */

registry.category("web_tour.tours").add("don_report_pivot_export_tour", {
    steps: () => [
        {
            content: "The signal pivot, a suppressed channel reads <5",
            trigger: ".o_pivot table tbody tr td.o_pivot_cell_value:contains(<5)",
            run() {
                // Mark the end of the real download (the file itself is
                // saved by the browser): the next step waits for it.
                const original = download._download;
                download._download = async (options) => {
                    try {
                        return await original(options);
                    } finally {
                        download._download = original;
                        document.body.classList.add("o_don_export_done");
                    }
                };
            },
        },
        {
            content: "Download xlsx",
            trigger: ".o_pivot_buttons button.o_pivot_download",
            run: "click",
        },
        {
            content: "The file is downloaded",
            trigger: "body.o_don_export_done",
        },
    ],
});
