/** @odoo-module **/
// Copyright 2026 DON for Odoo
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

/**
 * A case with six photos, opened as a professional does: the form, its
 * chatter (the message with the photos as thumbnails, the files counted in
 * the chatter's header). The test counts the access log entries this
 * writes: one, the opening.
 */
registry.category("web_tour.tours").add("don_case_photos_tour", {
    steps: () => [
        {
            content: "The form of the case is open",
            trigger: ".o_form_view .o_form_sheet",
        },
        {
            content: "The chatter's data is loaded: six files",
            trigger: ".o-mail-Chatter",
            async run() {
                // The counter of the chatter's header (its files, from
                // /mail/thread/data), whether or not the layout shows it.
                for (let i = 0; i < 100; i++) {
                    const counter = this.anchor.querySelector(".o-mail-Chatter-attachFiles sup");
                    if (counter?.textContent.trim() === "6") {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                throw new Error(
                    `The chatter's data did not list the six photos: ${this.anchor.innerText}`
                );
            },
        },
        {
            content: "The message shows the six photos as thumbnails",
            trigger: ".o-mail-Message .o-mail-AttachmentImage:nth-child(6) img",
        },
        {
            content: "Every thumbnail is loaded from the server",
            trigger: ".o-mail-Message .o-mail-AttachmentImage img",
            async run() {
                const images = [
                    ...document.querySelectorAll(".o-mail-Message .o-mail-AttachmentImage img"),
                ];
                await Promise.all(
                    images.map((img) =>
                        img.complete
                            ? null
                            : new Promise((resolve) => {
                                  img.addEventListener("load", resolve);
                                  img.addEventListener("error", resolve);
                              })
                    )
                );
                if (images.length !== 6 || images.some((img) => !img.naturalWidth)) {
                    throw new Error("Not every photo of the case is shown");
                }
            },
        },
    ],
});
