/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A PDF of a few bytes, attached as a reporter would pick it in the file
// dialog (a tour cannot open the dialog; it sets the input's files).
function attachPdf(input, name) {
    const transfer = new DataTransfer();
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    transfer.items.add(new File([pdf], name, {type: "application/pdf"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

// At a phone's width nothing of the page sticks out sideways.
function checkNoSidewaysScroll() {
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth + 1) {
        throw new Error(
            `The page is ${page.scrollWidth}px wide in a ${window.innerWidth}px window`
        );
    }
}

function typeReport(prefix) {
    return [
        {
            content: "The page is Dutch",
            trigger: "html[lang^=nl] #don_intake_form",
            run: checkNoSidewaysScroll,
        },
        {
            content: "Type a short summary",
            trigger: "#don_name",
            run: `edit ${prefix}: jongen opgewacht na school`,
        },
        {
            content: "Describe what was seen",
            trigger: "textarea#don_description",
            run: "edit Na schooltijd wachten twee oudere jongens in een auto op een leerling.",
        },
        {
            content: "Say who it is about",
            trigger: "textarea#don_youth_description",
            run: "edit Jongen, ongeveer 14 jaar, klas 2B",
        },
        {
            content: "Give the location",
            trigger: "#don_location",
            run: "edit Parkeerplaats bij de sporthal",
        },
        {
            content: "Choose the neighbourhood",
            trigger: "#don_neighbourhood_id",
            run: "selectByLabel Stationskwartier",
        },
        {
            content: "Tick a sign of the signal card",
            trigger: "label:contains(Test often truant)",
            run: "click",
        },
        {
            content: "The sign is ticked",
            trigger: "input[name=indicator_ids]:checked",
        },
        {
            content: "Mark it urgent",
            trigger: "#don_urgent",
            run: "check",
        },
    ];
}

function attachAndSend() {
    return [
        {
            content: "Attach a file",
            trigger: "#don_attachments",
            run() {
                attachPdf(this.anchor, "verslag.pdf");
            },
        },
        {
            content: "Send the report",
            trigger: "#don_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reference number is shown",
            trigger: "#don_reference:contains(/^SIG-/)",
            run: checkNoSidewaysScroll,
        },
    ];
}

registry.category("web_tour.tours").add("don_signalen_intake_anonymous_tour", {
    steps: () => [...typeReport("Anoniem"), ...attachAndSend()],
});

registry.category("web_tour.tours").add("don_signalen_intake_link_tour", {
    steps: () => [
        {
            content: "The organisation is named on its own page",
            trigger: "p:contains(Testcollege)",
        },
        ...typeReport("School"),
        {
            content: "Type your name",
            trigger: "#don_reporter_name",
            run: "edit Mentor De Vries",
        },
        {
            content: "Type your e-mail address",
            trigger: "#don_reporter_email",
            run: "edit mentor@testcollege.example",
        },
        {
            content: "Type your phone number",
            trigger: "#don_reporter_phone",
            run: "edit 0612345678",
        },
        ...attachAndSend(),
        {
            content: "Open the status of the organisation's reports",
            trigger: "#don_status_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report just sent is listed as received, with a Dutch date",
            trigger: "#don_status_table td:contains(/^\\d{2}-\\d{2}-\\d{4}$/)",
        },
        {
            content: "Its status is Ontvangen",
            trigger: "#don_status_table td:contains(Ontvangen)",
        },
    ],
});

// Refused (the hourly limit is reached): the same form comes back with a
// Dutch message and everything the reporter typed.
registry.category("web_tour.tours").add("don_signalen_intake_kept_tour", {
    steps: () => [
        ...typeReport("Limiet"),
        {
            content: "Send the report",
            trigger: "#don_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A Dutch message says it was not sent",
            trigger: "#don_form_error:contains(nog niet verstuurd)",
        },
        {
            content: "The description is still there",
            trigger: "textarea#don_description:value(/oudere jongens in een auto/)",
        },
        {
            content: "The summary is still there",
            trigger: "#don_name:value(/Limiet: jongen opgewacht/)",
        },
        {
            content: "The sign is still ticked",
            trigger: "input[name=indicator_ids]:checked",
        },
    ],
});
