/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The handler opens a new signal, sees the duplicate proposal, bundles it and
// handles the signal by linking it to the existing case.
registry.category("web_tour.tours").add("don_signalen_handler_tour", {
    steps: () => [
        {
            content: "The duplicate proposal is shown on the new signal",
            trigger: ".o_form_view .o_don_signal_duplicates .o_tag",
        },
        {
            content: "Bundle the duplicates",
            trigger: ".o_don_signal_duplicates button[name=action_open_bundle_wizard]",
            run: "click",
        },
        {
            content: "The duplicate is proposed for bundling",
            trigger: ".modal .o_field_widget[name=signal_ids] .o_tag",
        },
        {
            content: "Confirm the bundle",
            trigger: ".modal button[name=action_bundle]",
            run: "click",
        },
        {
            content: "The bundled signal is listed",
            trigger: ".o_form_view:not(.modal .o_form_view) .o_notebook a[name=bundled]",
        },
        {
            content: "Handle the signal",
            trigger: ".o_form_view button[name=action_open_handle_wizard]",
            run: "click",
        },
        {
            content: "The case of the young person is proposed",
            trigger: ".modal .o_field_widget[name=case_id] input:value(/\\w/)",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Zelfde jongere als in de lopende casus",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The signal is handled",
            trigger: ".o_form_view button[name=action_reopen]",
        },
    ],
});
