/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * The project leader sets a goal on a figure of the reports (cases
 * started per year, higher is better), measures it and sees its trend.
 */
registry.category("web_tour.tours").add("don_goal_tour", {
    url: "/odoo/action-don_core.don_project_goal_action",
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        {
            trigger: ".o_form_view div[name='name'] input, .o_form_view div[name='name'] textarea",
            run: "edit Vroeg in beeld",
        },
        { trigger: "div[name='project_id'] input", run: "edit Doeldorp" },
        { trigger: ".o-autocomplete--dropdown-item:contains('DON Doeldorp')", run: "click" },
        { trigger: "div[name='line'] select", run: "select \"preventie\"" },
        { trigger: "div[name='figure'] select", run: "select \"cases_started\"" },
        { trigger: "div[name='measure_period'] select", run: "select \"year\"" },
        {
            trigger: "div[name='indicator'] input",
            run: "edit Casussen gestart per jaar",
        },
        { trigger: "div[name='target_value'] input", run: "edit 12" },
        { trigger: ".o_form_button_save", run: "click" },
        {
            content: "Measure the goal from the figures",
            trigger: ".o_form_saved button[name='action_measure']",
            run: "click",
        },
        {
            content: "The measured value and the trend as an arrow with the change",
            trigger: "div[name='trend_display']:contains('▲')",
        },
        {
            trigger: "div[name='measured_display']:not(:contains('<'))",
        },
    ],
});
