/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The handler of a signal prints it for the Kernteam file.
registry.category("web_tour.tours").add("don_signalen_print_tour", {
    steps: () => [
        {
            content: "The signal is open",
            // Editable (a textarea) or read-only (text) for the handler.
            trigger:
                ".o_form_view .o_field_widget[name=description] textarea:value(/ZORG-SIGNAAL/), " +
                ".o_form_view .o_field_widget[name=description]:contains(ZORG-SIGNAAL)",
        },
        {
            content: "Print the signal",
            trigger: ".o_form_view .o_form_statusbar button[name=action_print]",
            run: "click",
        },
        {
            content: "The printed signal is shown",
            trigger: ".o_action iframe",
        },
        {
            content: "It holds the signal's description",
            trigger: ":iframe .o_don_signal_print:contains(ZORG-SIGNAAL)",
        },
    ],
});
