/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A 1x1 PNG, as a phone's camera would hand it to the file input (a tour
// cannot open the camera; it sets the input's files).
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

function attachPhoto(input) {
    const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "foto.png", {type: "image/png"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

function checkPhoneLayout() {
    const page = document.documentElement;
    if (window.innerWidth > 400) {
        throw new Error(`Expected a phone's width, got ${window.innerWidth}px`);
    }
    if (page.scrollWidth > window.innerWidth + 1) {
        throw new Error(
            `The page is ${page.scrollWidth}px wide in a ${window.innerWidth}px window`
        );
    }
}

registry.category("web_tour.tours").add("don_signalen_quick_tour", {
    url: "/don/snelmelding",
    steps: () => [
        {
            content: "The quick report page is Dutch and fits the phone",
            trigger: "html[lang^=nl] #don_quick_form",
            run: checkPhoneLayout,
        },
        {
            content: "Describe what was seen",
            trigger: "textarea#don_description",
            run: "edit Jongen deelt pakketjes uit bij het winkelcentrum, wordt opgehaald door scooter.",
        },
        {
            content: "Pick the young person",
            trigger: "select#don_youth_id",
            run: "selectByLabel Noah Verbeek",
        },
        {
            content: "Type the place",
            trigger: "#don_location",
            run: "edit Winkelcentrum, achteringang",
        },
        {
            content: "Tick a sign of the signal card",
            trigger: "label:contains(Test often truant)",
            run: "click",
        },
        {
            content: "Take a photo",
            trigger: "input#don_attachments[type=file][accept^=image][capture=environment]",
            run() {
                attachPhoto(this.anchor);
            },
        },
        {
            content: "Send the report",
            trigger: "#don_quick_submit",
            run: "click",
        },
        {
            content: "The reference number is shown",
            trigger: "#don_reference:contains(SIG-)",
            run: checkPhoneLayout,
        },
    ],
});
