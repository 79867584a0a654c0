/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The project leader creates the report of the current quarter, freezes the
 * figures, writes the narrative and approves it.
 */
registry.category("web_tour.tours").add("don_period_report_prepare_tour", {
    url: "/odoo/action-don_rapportage.don_period_report_action",
    steps: () => [
        {
            content: "New period report",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Freeze the figures of the quarter",
            trigger: ".o_form_view button[name='action_generate']",
            run: "click",
        },
        {
            content: "The figures are frozen, small numbers suppressed",
            trigger: ".o_form_view .o_field_widget[name='generated_on']:not(:empty)",
        },
        {
            content: "Open the narrative",
            trigger: ".o_notebook a[name='narrative']",
            run: "click",
        },
        {
            content: "Write the narrative",
            trigger: ".o_field_widget[name='narrative'] .odoo-editor-editable",
            run: "editor Meer signalen uit het onderwijs na de voorlichting op scholen.",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The report is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});

/**
 * A Rapportage user (the mayor's office) opens the approved report and
 * prints it.
 */
registry.category("web_tour.tours").add("don_period_report_print_tour", {
    url: "/odoo/action-don_rapportage.don_period_report_action",
    steps: () => [
        {
            content: "Open the approved report",
            trigger: ".o_data_row:first-child td[name='name']",
            run: "click",
        },
        {
            content: "The narrative is there",
            trigger: ".o_field_widget[name='narrative']:contains('voorlichting op scholen')",
        },
        {
            content: "Print",
            trigger: ".o_form_view button[name='action_print']",
            run: "click",
        },
        {
            content: "The printed report",
            trigger: ".o_action iframe",
        },
    ],
});

/**
 * The Rapportage user opens the dashboard: key figures of this quarter
 * against the previous one, small numbers shown as <5.
 */
registry.category("web_tour.tours").add("don_report_dashboard_tour", {
    url: "/odoo/action-don_rapportage.don_report_dashboard_action_open",
    steps: () => [
        {
            content: "Key figures are shown",
            trigger: ".o_field_widget[name='summary_html'] table.o_don_dashboard tbody tr",
        },
        {
            content: "A page, not a new record",
            trigger: ".o_breadcrumb:not(:contains(New)):not(:contains(Nieuw))",
        },
        {
            content: "No save or discard buttons",
            trigger: ".o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible)))",
        },
        {
            content: "Open the signal figures",
            trigger: ".o_form_view button[name='action_open_signals']",
            run: "click",
        },
        {
            content: "The anonymised signal figures",
            trigger: ".o_graph_view, .o_pivot_view",
        },
    ],
});
