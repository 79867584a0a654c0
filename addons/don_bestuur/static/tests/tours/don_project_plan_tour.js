/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";

/** A day typed in the user's own date format (30-06-2027 in Dutch). */
function typed(iso) {
    return formatDate(luxon.DateTime.fromISO(iso));
}

/**
 * The project leader opens the project plan in force (version 1, the
 * pilot), makes a new version of it, writes the aims, the target group and
 * the extended pilot period, adopts it (version 1 is superseded) and prints
 * it.
 */
registry.category("web_tour.tours").add("don_project_plan_tour", {
    url: "/odoo/action-don_bestuur.don_project_plan_action",
    steps: () => [
        {
            content: "Open version 1, the plan in force",
            trigger: ".o_data_row:first-child td[name='name']",
            run: "click",
        },
        {
            content: "An adopted version is read-only: make a new version",
            trigger: ".o_form_view button[name='action_new_version']",
            run: "click",
        },
        {
            content: "The new version is a concept, numbered 2",
            trigger: ".o_form_view:has(button[name='action_adopt']) .o_field_widget[name='version']:contains('2')",
        },
        {
            content: "Write the aims of the prevention line",
            trigger: ".o_field_widget[name='aim_preventie'] .odoo-editor-editable",
            run: "editor Voorlichting op alle scholen en bij alle sportverenigingen met een jeugdafdeling.",
        },
        {
            content: "The target group",
            trigger: ".o_notebook a[name='target_group']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='target_group'] input",
            run: "edit Jongeren van 10 tot 23 jaar in heel Testdorp",
        },
        {
            content: "The pilot is extended",
            trigger: ".o_notebook a[name='pilot']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='pilot_date_start'] input",
            run: `edit ${typed("2026-01-01")} && press Enter`,
        },
        {
            trigger: ".o_field_widget[name='pilot_date_end'] input",
            run: `edit ${typed("2027-06-30")} && press Enter`,
        },
        {
            trigger: `.o_field_widget[name='pilot_date_end'] input:value(${typed("2027-06-30")})`,
        },
        {
            trigger: ".o_field_widget[name='pilot_scope'] .odoo-editor-editable",
            run: "editor Anderhalf jaar, alle wijken.",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Adopt the new version",
            trigger: ".o_form_saved button[name='action_adopt']",
            run: "click",
        },
        {
            content: "Confirm the adoption",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The version is adopted and read-only",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='adopted']",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_adopt']))",
        },
        {
            content: "Print",
            trigger: ".o_form_view button[name='action_print']",
            run: "click",
        },
        {
            content: "The printed plan",
            trigger: ".o_action iframe",
        },
    ],
});
