# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quick report of a professional on a phone (/don/snelmelding): in
Chromium at 390 px, as the user (never sudo), and on generated bad input."""

import base64
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from ..models.don_neighbourhood import distance
from ..models.don_signal_quick import parse_coordinate
from .test_intake import IntakeCommon

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
# A quick report with a young person, a sign, a location and a photo, as the
# user, with every DON addon installed (rules, match detection, feedback).
QUICK_QUERIES = 49
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
ODD_NUMBERS = st.one_of(
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "Infinity",
            "1e3",
            "91",
            "-90.0000001",
            "180.5",
            "٥٢",
            "52,37",
            " 52.3",
            "52.3\x00",
            "",
            "0x10",
            "1_0",
            "9" * 400,
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    ANY_TEXT,
)


class QuickCommon(IntakeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env.ref("don_signalen.channel_snelmelding")
        cls.hood.write({"latitude": 52.370216, "longitude": 4.895168})
        cls.hood_far = cls.env["don.neighbourhood"].create(
            {
                "name": "Noorderhaven",
                "company_id": cls.company_a.id,
                "latitude": 52.400000,
                "longitude": 4.900000,
            }
        )

    def _last_signal(self):
        return self.env["don.signal"].search([], limit=1, order="id desc")


@tagged("post_install", "-at_install", "don_intake")
class TestQuickParsers(TransactionCase):
    def test_coordinates_named_cases(self):
        for bad in ("nan", "inf", "-inf", "1e3", "91", "-90.5", "٥٢", "52,3", " 52.3", "52.3\x00"):
            self.assertIsNone(parse_coordinate(bad, 90), repr(bad))
        self.assertIsNone(parse_coordinate("180.1", 180))
        self.assertEqual(parse_coordinate("52.370216", 90), 52.370216)
        self.assertEqual(parse_coordinate("-4.5", 180), -4.5)

    @given(ODD_NUMBERS, st.sampled_from([90, 180]))
    @settings(max_examples=300, deadline=None)
    def test_coordinates_are_finite_and_in_range(self, value, limit):
        number = parse_coordinate(value, limit)
        if number is not None:
            self.assertTrue(math.isfinite(number))
            self.assertLessEqual(abs(number), limit)

    def test_distance(self):
        # Amsterdam Centraal to the Dam: about 700 metres.
        self.assertAlmostEqual(distance(52.3791, 4.9003, 52.3731, 4.8926), 830, delta=80)


@tagged("post_install", "-at_install", "don_intake")
class TestQuickReport(HttpCase, QuickCommon):
    def _open(self, login="t_prof_soc"):
        self.authenticate(login, login)
        response = self.url_open("/don/snelmelding")
        return response

    def _csrf(self, response):
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _send(self, data, files=None, login="t_prof_soc"):
        response = self._open(login)
        self.assertEqual(response.status_code, 200, response.text[:300])
        data = dict(data, csrf_token=self._csrf(response))
        return self.url_open("/don/snelmelding", data=data, files=files)

    def test_signal_is_the_users_and_reaches_the_handler(self):
        response = self._send(
            {
                "description": "Jongen deelt pakketjes uit bij het winkelcentrum",
                "youth_id": str(self.youth_a.id),
                "indicator_ids": [str(self.indicator.id)],
                "latitude": "52.371000",
                "longitude": "4.896000",
            },
            files={"photo": ("foto.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        signal = self._last_signal()
        self.assertIn(signal.reference, response.text)
        self.assertIn("Referentienummer", response.text)
        self.assertEqual(signal.author_id, self.prof_soc)
        self.assertEqual(signal.domain_id, self.dom_soc)
        self.assertEqual(signal.channel_id, self.channel)
        self.assertEqual(signal.reporter_type, "person")
        self.assertEqual(signal.youth_ids, self.youth_a)
        self.assertEqual(signal.indicator_ids, self.indicator)
        self.assertEqual(signal.category_id, self.category)
        # The phone's position is 120 m from Stationskwartier's centre.
        self.assertEqual(signal.neighbourhood_id, self.hood)
        self.assertEqual(signal.handler_id, self.kt_vei)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(attachment.name, "foto.png")
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertEqual(attachment.create_uid, self.prof_soc, "attached by the user")
        # The handler finds it among the signals, as any other.
        self.assertIn(signal, self.env["don.signal"].with_user(self.kt_vei).search([]))
        # A user of another domain who is not involved does not.
        self.assertNotIn(signal, self.env["don.signal"].with_user(self.prof_vei).search([]))

    def test_far_away_location_gives_no_neighbourhood(self):
        response = self._send(
            {"description": "Gezien bij het station", "latitude": "51.0", "longitude": "3.0"}
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        signal = self._last_signal()
        self.assertFalse(signal.neighbourhood_id)
        self.assertIn("51.00000", signal.location)

    def test_only_young_people_the_user_may_see(self):
        visible = self.env["don.youth"].with_user(self.prof_soc).search([])
        hidden = self.env["don.youth"].search([("company_id", "=", self.company_a.id)]) - visible
        response = self._open()
        doc = lxml_html.fromstring(response.content)
        offered = {int(v) for v in doc.xpath("//select[@id='don_youth_id']/option/@value") if v}
        self.assertEqual(offered, set(visible.ids))
        self.assertNotIn(self.youth_z.id, offered)
        target = hidden[:1] or self.youth_z
        before = self._last_signal()
        response = self._send({"description": "Proberen", "youth_id": str(target.id)})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._last_signal(), before)
        self.assertNotIn(target.name, response.text)

    def test_bad_input_is_refused_next_to_the_field_and_kept(self):
        before = self._last_signal()
        response = self._send(
            {
                "description": "  ",
                "youth_description": "Jongen met rode jas",
                "location": "Marktplein",
                "latitude": "nan",
                "longitude": "4.9",
            },
            files={"photo": ("foto.png", b"MZ\x90\x00 not an image", "image/png")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._last_signal(), before)
        doc = lxml_html.fromstring(response.content)
        for name in ("description", "location", "attachments"):
            self.assertTrue(doc.get_element_by_id(f"don_{name}_error").text_content().strip())
        kept = doc.get_element_by_id("don_youth_description").get("value")
        self.assertEqual(kept, "Jongen met rode jas")
        self.assertEqual(doc.get_element_by_id("don_location").get("value"), "Marktplein")
        self.assertIn("Beschrijf wat u zag of hoorde", response.text)

    def test_page_is_accessible_on_a_phone(self):
        doc = lxml_html.fromstring(self._open().content)
        self.assertTrue(doc.get("lang", "").startswith("nl"))
        self.assertTrue(doc.xpath("//meta[@name='viewport']"))
        labels = {label.get("for") for label in doc.iter("label") if label.get("for")}
        controls = [
            el
            for el in doc.xpath("//form//input|//form//textarea|//form//select")
            if el.get("type") != "hidden"
        ]
        for control in controls:
            self.assertIn(control.get("id"), labels, control.get("name"))
        photo = doc.get_element_by_id("don_attachments")
        self.assertEqual(photo.get("accept"), "image/*")
        self.assertEqual(photo.get("capture"), "environment")
        self.assertEqual(doc.get_element_by_id("don_description").get("required"), "required")

    def test_only_photos_are_taken(self):
        before = self._last_signal()
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        response = self._send(
            {"description": "Met bijlage"},
            files={"photo": ("verslag.pdf", pdf, "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._last_signal(), before)
        self.assertIn("is geen foto", response.text)
        self.assertIn("Met bijlage", response.text)

    def test_the_same_form_sent_twice_is_one_report(self):
        """A double tap or a resend on a slow connection: one signal, the
        same reference on both answers; a form refused first keeps its id."""
        response = self._open()
        form_uid = re.search(r'name="form_uid" value="([0-9a-f]{32})"', response.text).group(1)
        data = {"csrf_token": self._csrf(response), "form_uid": form_uid}
        refused = self.url_open("/don/snelmelding", data=dict(data, description=""))
        self.assertEqual(refused.status_code, 400)
        self.assertIn(f'name="form_uid" value="{form_uid}"', refused.text)
        before = self._last_signal()
        data["description"] = "Jongen wordt opgewacht bij de snackbar"
        first = self.url_open("/don/snelmelding", data=data)
        second = self.url_open("/don/snelmelding", data=data)
        self.assertEqual((first.status_code, second.status_code), (200, 200))
        signal = self._last_signal()
        self.assertNotEqual(signal, before)
        self.assertEqual(
            self.env["don.signal"].search_count([("id", ">", before.id)]), 1, "one report"
        )
        self.assertIn(signal.reference, first.text)
        self.assertIn(signal.reference, second.text)
        # Another form is another report.
        self.assertNotEqual(
            re.search(r'name="form_uid" value="([0-9a-f]{32})"', self._open().text).group(1),
            form_uid,
        )

    def test_expired_page_keeps_the_text(self):
        self._open()
        before = self._last_signal()
        response = self.url_open(
            "/don/snelmelding", data={"description": "Mijn tekst", "csrf_token": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._last_signal(), before)
        self.assertIn("Mijn tekst", response.text)

    def test_user_without_rights_gets_a_dutch_refusal(self):
        for login in ("t_plain", "t_reporting"):
            self.authenticate(login, login)
            response = self.url_open("/don/snelmelding")
            self.assertEqual(response.status_code, 403, login)
            self.assertIn("U kunt geen snelmelding", response.text)
            self.assertNotIn("Traceback", response.text)
            response = self.url_open(
                "/don/snelmelding", data={"description": "x", "csrf_token": "x"}
            )
            self.assertEqual(response.status_code, 403, login)

    def test_public_visitor_is_sent_to_login(self):
        response = self.url_open("/don/snelmelding", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    @given(
        fields=st.dictionaries(
            st.sampled_from(
                [
                    "description",
                    "youth_description",
                    "location",
                    "latitude",
                    "longitude",
                    "youth_id",
                    "neighbourhood_id",
                    "csrf_token",
                    "self",
                    "x",
                ]
            ),
            st.one_of(ANY_TEXT, ODD_NUMBERS),
            max_size=8,
        ),
        indicators=st.lists(ODD_NUMBERS, max_size=3),
    )
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def test_generated_posts_never_fail(self, fields, indicators):
        data = dict(fields)
        data.setdefault("csrf_token", self._token)
        data["indicator_ids"] = indicators
        before = self.env["don.signal"].search_count([])
        with mute_logger("odoo.http"):
            response = self.url_open("/don/snelmelding", data=data)
        self.assertIn(response.status_code, (200, 400), response.text[:500])
        self.assertNotIn("Traceback", response.text)
        after = self.env["don.signal"].search_count([])
        if response.status_code == 200:
            self.assertEqual(after, before + 1)
            signal = self._last_signal()
            self.assertEqual(signal.author_id, self.prof_soc)
            self.assertEqual(signal.description, fields["description"].strip())
        else:
            self.assertEqual(after, before, "an invalid report was stored")

    def setUp(self):
        super().setUp()
        if self._testMethodName == "test_generated_posts_never_fail":
            self._token = self._csrf(self._open())


@tagged("post_install", "-at_install", "don_intake")
class TestQuickReportQueries(QuickCommon):
    def test_quick_report_query_count(self):
        Quick = self.env(user=self.prof_soc)["don.signal.quick"].with_company(self.company_a)
        values = {
            "description": "Jongen deelt pakketjes uit",
            "youth_id": str(self.youth_a.id),
            "indicator_ids": [str(self.indicator.id)],
            "latitude": "52.371",
            "longitude": "4.896",
        }
        Quick._submit(dict(values), [("foto.png", PNG)])  # warm up caches
        self.env.invalidate_all()
        with self.assertQueryCount(QUICK_QUERIES):
            signal = Quick._submit(dict(values), [("foto.png", PNG)])
            self.env.flush_all()
        self.assertEqual(signal.neighbourhood_id, self.hood)


@tagged("post_install", "-at_install", "don_intake", "don_ui")
class TestQuickReportTour(HttpCase, QuickCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_quick_report_on_a_phone(self):
        before = self._last_signal()
        self.start_tour("/don/snelmelding", "don_signalen_quick_tour", login="t_prof_soc")
        signal = self._last_signal()
        self.assertNotEqual(signal, before, "the quick report was not stored")
        self.assertEqual(signal.author_id, self.prof_soc)
        self.assertEqual(signal.domain_id, self.dom_soc)
        self.assertEqual(signal.youth_ids, self.youth_a)
        self.assertEqual(signal.indicator_ids, self.indicator)
        self.assertEqual(signal.location, "Winkelcentrum, achteringang")
        self.assertTrue(signal.description.startswith("Jongen deelt pakketjes"))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(attachment.name, "foto.png")
        self.assertIn(signal, self.env["don.signal"].with_user(self.kt_vei).search([]))
