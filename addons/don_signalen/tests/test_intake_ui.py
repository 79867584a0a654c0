# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public reporting form as a reporter uses it: in Chromium, typing
into every field, at a phone's width, and its accessibility basics."""

import re

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

from .test_intake import IntakeCommon


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class IntakeUiCommon(IntakeCommon):
    def _last_signal(self):
        return self.env["don.signal"].search([], limit=1, order="id desc")

    def _assert_typed_report(self, signal, prefix):
        self.assertEqual(signal.name, f"{prefix}: jongen opgewacht na school")
        self.assertEqual(
            signal.description,
            "Na schooltijd wachten twee oudere jongens in een auto op een leerling.",
        )
        self.assertEqual(signal.youth_description, "Jongen, ongeveer 14 jaar, klas 2B")
        self.assertEqual(signal.location, "Parkeerplaats bij de sporthal")
        self.assertEqual(signal.neighbourhood_id.name, "Stationskwartier")
        self.assertEqual(signal.indicator_ids, self.indicator)
        self.assertEqual(signal.urgency, "1")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(attachment.name, "verslag.pdf")
        self.assertEqual(attachment.mimetype, "application/pdf")


@tagged("post_install", "-at_install", "don_intake", "don_ui")
class TestIntakeTour(HttpCase, IntakeUiCommon):
    def test_anonymous_report_in_the_browser(self):
        before = self._last_signal()
        self.start_tour("/don/melden", "don_signalen_intake_anonymous_tour")
        signal = self._last_signal()
        self.assertNotEqual(signal, before, "the report typed in the browser was not stored")
        self._assert_typed_report(signal, "Anoniem")
        self.assertEqual(signal.intake_source, "web_anonymous")
        self.assertFalse(signal.reporter_name or signal.reporter_email)

    def test_organisation_report_and_status_in_the_browser(self):
        self.start_tour(f"/don/melden/{self.token}", "don_signalen_intake_link_tour")
        signal = self._last_signal()
        self._assert_typed_report(signal, "School")
        self.assertEqual(signal.reporter_partner_id, self.school)
        self.assertEqual(signal.reporter_name, "Mentor De Vries")
        self.assertEqual(signal.reporter_email, "mentor@testcollege.example")
        self.assertEqual(signal.reporter_phone, "0612345678")

    def test_refused_report_keeps_what_was_typed(self):
        self.env["ir.config_parameter"].set_param("don_signalen.rate_limit_ip", "0")
        before = self._last_signal()
        self.start_tour("/don/melden", "don_signalen_intake_kept_tour")
        self.assertEqual(self._last_signal(), before)


@tagged("post_install", "-at_install", "don_intake", "don_ui")
class TestIntakeTourPhone(HttpCase, IntakeUiCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_anonymous_report_on_a_phone(self):
        self.start_tour("/don/melden", "don_signalen_intake_anonymous_tour")
        self._assert_typed_report(self._last_signal(), "Anoniem")


@tagged("post_install", "-at_install", "don_intake")
class TestIntakeAccessibility(HttpCase, IntakeUiCommon):
    """WCAG 2.1 AA basics a municipal site must meet, on the real pages."""

    def _page(self, url, data=None):
        response = self.url_open(url, data=data)
        return response, lxml_html.fromstring(response.content)

    def _assert_accessible_form(self, doc):
        self.assertTrue(doc.get("lang", "").startswith("nl"), "the page must say it is Dutch")
        labels = {label.get("for") for label in doc.iter("label") if label.get("for")}
        controls = [
            el
            for el in doc.xpath("//form//input|//form//textarea|//form//select")
            if el.get("type") != "hidden"
        ]
        self.assertGreater(len(controls), 8)
        for control in controls:
            self.assertIn(
                control.get("id"),
                labels,
                f"field {control.get('name')} has no label tied to it",
            )
        ids = {el.get("id") for el in doc.iter() if el.get("id")}
        for el in doc.xpath("//*[@aria-describedby]"):
            for ref in el.get("aria-describedby").split():
                self.assertIn(ref, ids, f"{el.get('id')} refers to a missing description")
        for name in ("name", "description"):
            field = doc.get_element_by_id(f"don_{name}")
            self.assertEqual(field.get("required"), "required")
        self.assertTrue(doc.xpath("//meta[@name='viewport']"))

    def test_pages_are_accessible(self):
        _response, doc = self._page("/don/melden")
        self._assert_accessible_form(doc)
        _response, doc = self._page(f"/don/melden/{self.token}")
        self._assert_accessible_form(doc)
        self.assertTrue(doc.xpath("//input[@id='don_reporter_email'][@type='email']"))

    def test_errors_are_announced_next_to_the_field(self):
        response = self.url_open("/don/melden")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        data = dict(
            self._post_values(description="  ", reporter_email="x@y@z"),
            csrf_token=csrf,
        )
        response, doc = self._page(f"/don/melden/{self.token}", data=data)
        self.assertEqual(response.status_code, 400)
        self._assert_accessible_form(doc)
        summary = doc.get_element_by_id("don_form_error")
        self.assertEqual(summary.get("role"), "alert")
        for name in ("description", "reporter_email"):
            field = doc.get_element_by_id(f"don_{name}")
            self.assertEqual(field.get("aria-invalid"), "true")
            self.assertIn(f"don_{name}_error", field.get("aria-describedby"))
            self.assertTrue(doc.get_element_by_id(f"don_{name}_error").text_content().strip())
            self.assertTrue(summary.xpath(f".//a[@href='#don_{name}']"))
        # What was valid is still there.
        self.assertEqual(doc.get_element_by_id("don_name").get("value"), "Leerling benaderd")
        self.assertIn("klas 1B", doc.get_element_by_id("don_youth_description").text)
        self.assertEqual(doc.get_element_by_id("don_reporter_email").get("value"), "x@y@z")

    def test_colours_have_enough_contrast(self):
        # The pairs of the page's style sheet (text, hints, errors, links,
        # the button): AA asks 4.5:1 for normal text.
        response = self.url_open("/don/melden")
        style = response.text
        pairs = [
            ("#1d1d1d", "#ffffff"),  # text
            ("#4a4a4a", "#ffffff"),  # hints
            ("#a4161a", "#ffffff"),  # field errors, required mark
            ("#1d1d1d", "#fde8e8"),  # error summary
            ("#1f5f8b", "#ffffff"),  # links, focus ring
            ("#ffffff", "#1f5f8b"),  # button
        ]
        for foreground, background in pairs:
            self.assertIn(foreground, style)
            self.assertGreaterEqual(
                contrast(foreground, background), 4.5, f"{foreground} on {background}"
            )
        self.assertIn(":focus-visible", style)
