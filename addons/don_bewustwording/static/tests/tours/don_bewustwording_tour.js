/** @odoo-module **/
// Create a phase 2 campaign, plan a training for a football club, register
// attendance and print the club's signal card with its QR code.
// Selectors are language-agnostic (field names, button names, data values).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("don_bewustwording_tour", {
    url: "/odoo/don-campaigns",
    steps: () => [
        {
            trigger: ".o_kanban_renderer",
        },
        {
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour football campaign",
        },
        {
            trigger: ".o_field_widget[name=phase] input[data-value='2']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=target_group] input",
            run: "edit Trainers and coaches",
        },
        {
            trigger: "button[name=action_plan_training]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=don_partner_id] input",
            run: "edit VV Tourclub",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(VV Tourclub)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=don_card_id] input:value(Tour signal card)",
        },
        {
            trigger: "a.nav-link[name=don_training_page]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=registration_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=registration_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Coach Tour",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_field_widget[name=registration_ids] .o_data_row button[name=action_set_done]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=don_held] input:checked",
        },
        {
            trigger: "button[name=action_don_print_signal_card]",
            run: "click",
        },
        {
            trigger: ":iframe .o_don_card",
        },
        {
            // the QR code is in the document itself (no request to the server)
            trigger: ":iframe img.o_don_card_qr[src^='data:image/png;base64,']",
        },
    ],
});
