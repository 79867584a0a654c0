/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * A Kernteam member proposes an administrative warning on a case to the mayor.
 */
registry.category("web_tour.tours").add("don_bestuur_propose_tour", {
    steps: () => [
        {
            content: "Open the mayor's measures of the case",
            trigger: ".o_form_view button[name='action_view_gezag_measures']",
            run: "click",
        },
        {
            content: "New measure",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the administrative warning",
            trigger: ".o_field_widget[name='type_id'] input",
            run: "click",
        },
        {
            // The type as named in the user's language.
            trigger:
                ".o-autocomplete--dropdown-item a:contains(Administrative warning), " +
                ".o-autocomplete--dropdown-item a:contains(Bestuurlijke waarschuwing)",
            run: "click",
        },
        {
            content: "The legal ground of the type is proposed",
            trigger: ".o_field_widget[name='legal_ground'] input:value('Art. 172 lid 3 Gemeentewet')",
        },
        {
            content: "Write the reasoning",
            trigger: ".o_field_widget[name='reasoning'] textarea",
            run: "edit Wekelijks gezien bij het dealpand, lichtere interventies ingezet.",
        },
        {
            content: "Choose the mayor",
            trigger: ".o_field_widget[name='mayor_id'] input",
            run: "edit Burgemeester Test",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Burgemeester Testdorp)",
            run: "click",
        },
        {
            content: "The mayor is chosen",
            trigger: ".o_field_widget[name='mayor_id'] input:value(Burgemeester Testdorp)",
        },
        {
            content: "Propose to the mayor",
            trigger: ".o_form_view button[name='action_propose']",
            run: "click",
        },
        {
            content: "The measure is proposed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='proposed']",
        },
    ],
});

/**
 * The mayor opens the measure to decide, reads the proposal and the Kernteam
 * summary, and approves it.
 */
registry.category("web_tour.tours").add("don_bestuur_decide_tour", {
    steps: () => [
        {
            content: "Open the measure to decide",
            trigger: ".o_data_row:first-child td[name='reference']",
            run: "click",
        },
        {
            content: "The reasoning of the Kernteam",
            trigger: ".o_field_widget[name='reasoning']:contains('lichtere interventies')",
        },
        {
            content: "Read the Kernteam summary",
            trigger: ".o_notebook a[name='case_summary']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='case_summary']:contains('Kernteam summary A')",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "The measure is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
