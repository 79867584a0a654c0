/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The handler turns a signal about a young person not yet in the register
// into a new case: the name, school and neighbourhood come from the signal,
// the handler only adds the involved professional and the reason.
registry.category("web_tour.tours").add("don_signalen_new_case_tour", {
    steps: () => [
        {
            content: "Handle the signal",
            trigger: ".o_form_view button[name=action_open_handle_wizard]",
            run: "click",
        },
        {
            content: "Choose a new case",
            trigger: ".modal .o_field_widget[name=outcome] input[data-value=new_case]",
            run: "click",
        },
        {
            content: "The name in the signal is carried over",
            trigger: ".modal .o_field_widget[name=youth_name] input:value(Daan)",
        },
        {
            content: "The reporting school is carried over",
            trigger: ".modal .o_field_widget[name=youth_school_id] input:value(Testcollege)",
        },
        {
            content: "The handler is proposed as case director",
            trigger: ".modal .o_field_widget[name=director_id] input:value(t_kt_soc)",
        },
        {
            content: "Add the youth consultant as involved professional",
            trigger: ".modal .o_field_widget[name=involved_user_ids] input",
            run: "edit t_prof_soc",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(t_prof_soc)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=involved_user_ids] .o_tag:contains(t_prof_soc)",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Nieuwe jongere, zorgen van school en politie",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The new case is opened",
            trigger: ".o_form_view .o_field_widget[name=stage]",
        },
        {
            content: "It is the case of Daan",
            trigger: ".o_form_view .o_field_widget[name=youth_id] input:value(Daan)",
        },
    ],
});
