# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input on the public reporting form: generated (hypothesis) and every
case an outside fuzz run found, each as a named test. A submission is
stored whole or refused with a Dutch page that keeps what was typed; never
a server error."""

import io
import re
import zipfile
from unittest.mock import patch
from urllib.parse import quote

import psycopg2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from ..models.don_signal_intake import (
    EMAIL_RE,
    MAX_LENGTHS,
    DonIntakeError,
    clean_text,
    parse_id,
)
from .test_intake import IntakeCommon

OK_STATUSES = {200, 400, 404, 405, 413, 429}
TEXT_FIELDS = list(MAX_LENGTHS)
# Any character a client can send, NUL and other controls included (lone
# surrogates cannot be encoded in a request).
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
ODD_IDS = st.one_of(
    st.sampled_from(["²", "١٢", "٣", "0", "-1", "1.5", "1e3", " 7", "9" * 5000, "", "\x00"]),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    ANY_TEXT,
)


class FuzzCommon(IntakeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        for key in ("rate_limit_ip", "rate_limit_token", "rate_limit_anonymous"):
            params.set_param(f"don_signalen.{key}", "100000")


@tagged("post_install", "-at_install", "don_intake")
class TestIntakeParsers(TransactionCase):
    """The parsers of the form, on generated input."""

    @given(ANY_TEXT)
    @settings(max_examples=300, deadline=None)
    def test_clean_text_leaves_storable_text(self, value):
        cleaned = clean_text(value)
        self.assertNotIn("\x00", cleaned)
        self.assertFalse(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", cleaned))
        # Everything else is kept as it was.
        self.assertEqual(cleaned, re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value))

    @given(ODD_IDS)
    @settings(max_examples=300, deadline=None)
    def test_parse_id_takes_only_ascii_database_ids(self, value):
        number = parse_id(value)
        if number is not None:
            self.assertTrue(re.fullmatch(r"[0-9]{1,10}", value, re.ASCII))
            self.assertTrue(0 < number <= 2**31 - 1)

    def test_parse_id_named_cases(self):
        for value in ("²", "١٢", "٣", "9" * 5000, "0", "-1", " 7", "7\x00", "2147483648"):
            self.assertIsNone(parse_id(value), repr(value))
        self.assertEqual(parse_id("7"), 7)
        self.assertEqual(parse_id("2147483647"), 2**31 - 1)

    def test_email_addresses(self):
        for bad in ("@b.nl", "a b@c.nl", "x@y@z", "x@y", "a@b.", "a@.nl", "a@b..nl", "a\x00@b.nl"):
            self.assertFalse(EMAIL_RE.fullmatch(bad), bad)
        for good in ("mentor@testcollege.example", "j.de-vries+don@school.nl", "A_B@sub.b-c.org"):
            self.assertTrue(EMAIL_RE.fullmatch(good), good)

    @given(st.dictionaries(st.sampled_from([*TEXT_FIELDS, "urgent", "x"]), ANY_TEXT))
    @settings(max_examples=300, deadline=None)
    def test_check_values_refuses_cleanly(self, post):
        Intake = self.env["don.signal.intake"]
        try:
            values = Intake._check_values(post)
        except DonIntakeError as error:
            self.assertTrue(error.field_errors)
            self.assertTrue(set(error.field_errors) <= set(TEXT_FIELDS))
            return
        for key, value in values.items():
            self.assertLessEqual(len(value), MAX_LENGTHS[key])
            self.assertEqual(value, clean_text(value))
        self.assertTrue(values["name"] and values["description"])


@tagged("post_install", "-at_install", "don_intake")
class TestIntakeFuzz(HttpCase, FuzzCommon):
    def _csrf(self, url="/don/melden"):
        response = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _count(self):
        return self.env["don.signal"].search_count([])

    def _assert_refused_and_kept(self, response, typed, before):
        self.assertIn(response.status_code, (400, 429), response.text[:500])
        self.assertEqual(self._count(), before, "a refused report was stored")
        doc = lxml_html.fromstring(response.content)
        self.assertTrue(doc.xpath("//*[@role='alert']"), "no message for the reporter")
        self.assertNotIn("Traceback", response.text)
        for name, value in typed.items():
            field = doc.get_element_by_id(f"don_{name}")
            shown = field.text if field.tag == "textarea" else field.get("value")
            self.assertEqual((shown or "").strip(), clean_text(value).strip(), name)
        return doc

    # ------------------------------------------------------------------
    # Generated requests
    # ------------------------------------------------------------------
    @given(
        fields=st.dictionaries(st.sampled_from(TEXT_FIELDS), ANY_TEXT, max_size=7),
        extra=st.dictionaries(
            st.sampled_from(["self", "token", "csrf_token", "urgent", "cr", "env", "kw", "x"]),
            ANY_TEXT,
            max_size=3,
        ),
        indicators=st.lists(ODD_IDS, max_size=3),
        neighbourhood=ODD_IDS,
        link=st.booleans(),
    )
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def test_generated_submissions_never_fail(self, fields, extra, indicators, neighbourhood, link):
        url = f"/don/melden/{self.token}" if link else "/don/melden"
        data = dict(extra)
        data.update(fields)
        if "csrf_token" not in extra:
            data["csrf_token"] = self._csrf_token
        data["indicator_ids"] = indicators
        data["neighbourhood_id"] = neighbourhood
        before = self._count()
        with mute_logger("odoo.http", "odoo.addons.don_signalen.models.ir_http"):
            response = self.url_open(url, data=data)
        self.assertIn(response.status_code, OK_STATUSES, response.text[:500])
        self.assertNotIn("Traceback", response.text)
        if response.status_code == 200:
            self.assertEqual(self._count(), before + 1)
            signal = self.env["don.signal"].search([], limit=1, order="id desc")
            self.assertIn(signal.reference, response.text)
            self.assertEqual(signal.name, fields.get("name", "").strip())
        else:
            self.assertEqual(self._count(), before)

    @given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
    @settings(max_examples=30, deadline=None)
    def test_generated_link_keys_never_fail(self, key):
        quoted = quote(key, safe="")
        for path in (f"/don/melden/{quoted}", f"/don/melden/{quoted}/status"):
            response = self.url_open(path)
            self.assertIn(response.status_code, OK_STATUSES, response.text[:300])

    def setUp(self):
        super().setUp()
        self._csrf_token = self._csrf()

    # ------------------------------------------------------------------
    # Named cases of the fuzz run
    # ------------------------------------------------------------------
    def test_nul_byte_in_a_text_field(self):
        before = self._count()
        typed = {"name": "a\x00b", "description": "Gezien bij de school"}
        response = self.url_open(
            "/don/melden", data=dict(self._post_values(**typed), csrf_token=self._csrf_token)
        )
        doc = self._assert_refused_and_kept(response, typed, before)
        self.assertIn("teken", doc.get_element_by_id("don_name_error").text_content())
        # Sent again as shown (without the NUL): stored.
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(name="ab"), csrf_token=self._csrf_token),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._count(), before + 1)

    def test_nul_byte_in_the_link_key(self):
        key = "A" * 24 + "%00"
        self.assertEqual(self.url_open(f"/don/melden/{key}").status_code, 404)
        self.assertEqual(self.url_open(f"/don/melden/{key}/status").status_code, 404)
        before = self._count()
        response = self.url_open(
            f"/don/melden/{key}", data=dict(self._post_values(), csrf_token=self._csrf_token)
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._count(), before)

    def test_non_ascii_csrf_token(self):
        before = self._count()
        typed = {"description": "Leerling wordt opgewacht"}
        response = self.url_open(
            "/don/melden", data=dict(self._post_values(**typed), csrf_token="ééé" * 20)
        )
        doc = self._assert_refused_and_kept(response, typed, before)
        self.assertIn("verlopen", doc.get_element_by_id("don_form_error").text_content())
        # The form that came back carries a fresh token: sending works.
        csrf = doc.xpath("//input[@name='csrf_token']")[0].get("value")
        response = self.url_open("/don/melden", data=dict(self._post_values(), csrf_token=csrf))
        self.assertEqual(response.status_code, 200)

    def test_odd_digits_as_ids(self):
        for field, value in (
            ("indicator_ids", "²"),
            ("neighbourhood_id", "²"),
            ("indicator_ids", "9" * 5000),
            ("neighbourhood_id", "9" * 5000),
            ("indicator_ids", "١٢"),
            ("neighbourhood_id", "٣"),
        ):
            before = self._count()
            data = dict(self._post_values(), csrf_token=self._csrf_token)
            data[field] = value
            response = self.url_open("/don/melden", data=data)
            self.assertEqual(response.status_code, 400, (field, value))
            self.assertEqual(self._count(), before, (field, value))
            doc = lxml_html.fromstring(response.content)
            self.assertTrue(doc.get_element_by_id(f"don_{field}_error").text_content().strip())

    def test_neighbourhood_of_another_municipality(self):
        other = self.env["don.neighbourhood"].create(
            {"name": "Elders", "company_id": self.company_b.id}
        )
        before = self._count()
        data = dict(
            self._post_values(), csrf_token=self._csrf_token, neighbourhood_id=str(other.id)
        )
        response = self.url_open(f"/don/melden/{self.token}", data=data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), before)

    def test_form_field_named_self_or_token(self):
        other = self.env["res.partner"].create({"name": "Andere school", "is_company": True})
        other.action_don_generate_intake_token()
        data = dict(
            self._post_values(), csrf_token=self._csrf_token, self="1", token=other.don_intake_token
        )
        response = self.url_open("/don/melden", data=data)
        self.assertEqual(response.status_code, 200)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        # The form field did not turn the anonymous form into another's link.
        self.assertEqual(signal.intake_source, "web_anonymous")
        self.assertFalse(signal.reporter_partner_id)

    def test_options_with_a_form_body_stores_nothing(self):
        before = self._count()
        for url in (f"/don/melden/{self.token}", "/don/melden"):
            response = self.opener.options(
                self.base_url() + url,
                data=dict(self._post_values(), csrf_token=self._csrf_token),
                timeout=30,
            )
            self.assertNotEqual(response.status_code, 500)
        self.assertEqual(self._count(), before)

    def test_other_methods_get_a_dutch_answer_and_store_nothing(self):
        before = self._count()
        for method in ("PUT", "PATCH", "DELETE", "TRACE", "FOO"):
            for url in (
                f"/don/melden/{self.token}",
                "/don/melden",
                f"/don/melden/{self.token}/status",
            ):
                response = self.opener.request(
                    method,
                    self.base_url() + url,
                    data=dict(self._post_values(), csrf_token=self._csrf_token),
                    timeout=30,
                )
                self.assertEqual(response.status_code, 405, (method, url))
                self.assertEqual(response.headers.get("Allow"), "GET, POST")
                self.assertIn('lang="nl-NL"', response.text)
                self.assertIn("Open de meldpagina opnieuw", response.text)
                self.assertNotIn("Method Not Allowed", response.text)
        self.assertEqual(self._count(), before)

    def test_invalid_reporter_addresses(self):
        for address in ("@b.nl", "a b@c.nl", "x@y@z"):
            before = self._count()
            typed = {"reporter_email": address}
            response = self.url_open(
                f"/don/melden/{self.token}",
                data=dict(self._post_values(**typed), csrf_token=self._csrf_token),
            )
            doc = self._assert_refused_and_kept(response, typed, before)
            self.assertTrue(doc.get_element_by_id("don_reporter_email_error").text_content())

    def test_anonymous_form_ignores_reporter_fields(self):
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(reporter_email="x@y@z"), csrf_token=self._csrf_token),
        )
        self.assertEqual(response.status_code, 200)

    def test_the_same_form_sent_twice_is_stored_once(self):
        response = self.url_open("/don/melden")
        form_uid = re.search(r'name="form_uid" value="([0-9a-f]{32})"', response.text).group(1)
        data = dict(self._post_values(), csrf_token=self._csrf_token, form_uid=form_uid)
        before = self._count()
        first = self.url_open("/don/melden", data=data)
        again = self.url_open("/don/melden", data=data)
        self.assertEqual(self._count(), before + 1)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        self.assertIn(signal.reference, first.text)
        self.assertIn(signal.reference, again.text)

    def test_a_form_that_did_not_arrive(self):
        # A broken-off upload: werkzeug reads no field at all.
        before = self._count()
        response = self.url_open(
            "/don/melden",
            data=b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nab',
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("niet volledig aangekomen", response.text)
        self.assertNotIn("verlopen", response.text)
        self.assertEqual(self._count(), before)

    def test_only_real_word_files_are_taken_as_docx(self):
        def docx(names):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for name in names:
                    archive.writestr(name, "<x/>")
            return buffer.getvalue()

        for data in (b"MZ\x90\x00" + b"\x00" * 64, docx(["a.txt"]), bytes(range(256)) * 10):
            before = self._count()
            response = self.url_open(
                "/don/melden",
                data=dict(self._post_values(), csrf_token=self._csrf_token),
                files={"attachments": ("verslag.docx", data, "application/octet-stream")},
            )
            self.assertEqual(response.status_code, 400)
            self.assertEqual(self._count(), before)
        word = docx(["[Content_Types].xml", "word/document.xml"])
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(), csrf_token=self._csrf_token),
            files={"attachments": ("verslag.docx", word, "application/octet-stream")},
        )
        self.assertEqual(response.status_code, 200)

    def test_fill_in_reads_without_a_typo(self):
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(description=""), csrf_token=self._csrf_token),
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Vul in: Wat heeft u gezien of gehoord?", response.text)
        self.assertNotIn("gehoord?.", response.text)

    def test_first_use_salt_is_made_once(self):
        Log = self.env["don.signal.intake.log"]
        self.env.cr.execute(
            "DELETE FROM ir_config_parameter WHERE key = 'don_signalen.intake_salt'"
        )
        first = Log._salt()
        self.assertTrue(first)
        self.assertEqual(Log._salt(), first)
        # A salt another worker stored meanwhile is taken, not overwritten
        # (the insert does nothing on conflict instead of failing).
        self.env.cr.execute(
            "UPDATE ir_config_parameter SET value = 'andere' WHERE key = 'don_signalen.intake_salt'"
        )
        self.assertEqual(Log._salt(), "andere")

    def test_database_lost_mid_request_keeps_the_text(self):
        Intake = type(self.env["don.signal.intake"])
        before = self._count()
        typed = {"description": "Auto met oudere jongens bij de school"}
        lost = psycopg2.OperationalError("server closed the connection unexpectedly")
        with (
            patch.object(Intake, "_submit", side_effect=lost),
            mute_logger("odoo.addons.don_signalen.controllers.main"),
        ):
            response = self.url_open(
                "/don/melden", data=dict(self._post_values(**typed), csrf_token=self._csrf_token)
            )
        self.assertEqual(response.status_code, 503)
        self.assertIn("niet opgeslagen", response.text)
        self.assertIn("Auto met oudere jongens bij de school", response.text)
        self.assertIn('lang="nl', response.text)
        self.assertEqual(self._count(), before)

    def test_unexpected_fault_keeps_the_text(self):
        Intake = type(self.env["don.signal.intake"])
        typed = {"description": "Jongen krijgt geld van onbekenden"}
        with (
            patch.object(Intake, "_submit", side_effect=RuntimeError("bug")),
            mute_logger("odoo.addons.don_signalen.models.ir_http", "odoo.http"),
        ):
            response = self.url_open(
                "/don/melden", data=dict(self._post_values(**typed), csrf_token=self._csrf_token)
            )
        self.assertEqual(response.status_code, 503)
        self.assertIn("Jongen krijgt geld van onbekenden", response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertNotIn("Internal Server Error", response.text)


@tagged("post_install", "-at_install", "don_intake")
class TestIntakeRateLimit(HttpCase, IntakeCommon):
    def _csrf(self, url="/don/melden"):
        response = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def test_a_school_link_is_not_held_by_the_address_limit(self):
        params = self.env["ir.config_parameter"]
        params.set_param("don_signalen.rate_limit_ip", "10")
        params.set_param("don_signalen.rate_limit_token", "30")
        csrf = self._csrf()
        url = f"/don/melden/{self.token}"
        statuses = [
            self.url_open(url, data=dict(self._post_values(), csrf_token=csrf)).status_code
            for _i in range(20)
        ]
        self.assertEqual(statuses, [200] * 20, "genuine reports of a school were refused")
        # The anonymous form from the same address has its own count.
        response = self.url_open("/don/melden", data=dict(self._post_values(), csrf_token=csrf))
        self.assertEqual(response.status_code, 200)

    def test_anonymous_total_caps_many_addresses(self):
        params = self.env["ir.config_parameter"]
        params.set_param("don_signalen.rate_limit_ip", "100")
        params.set_param("don_signalen.rate_limit_anonymous", "2")
        csrf = self._csrf()
        for forwarded in ("203.0.113.1", "203.0.113.2"):
            response = self.url_open(
                "/don/melden",
                data=dict(self._post_values(), csrf_token=csrf),
                headers={"X-Forwarded-For": forwarded},
            )
            self.assertEqual(response.status_code, 200)
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(), csrf_token=csrf),
            headers={"X-Forwarded-For": "203.0.113.3"},
        )
        self.assertEqual(response.status_code, 429)
        self.assertIn("over een uur", response.text)

    def test_behind_an_undeclared_proxy_reporters_are_told_apart(self):
        # Odoo without proxy_mode behind a proxy on this machine: reporters
        # do not share the proxy's address.
        params = self.env["ir.config_parameter"]
        params.set_param("don_signalen.rate_limit_ip", "1")
        csrf = self._csrf()
        for forwarded in ("198.51.100.7", "203.0.113.8"):
            response = self.url_open(
                "/don/melden",
                data=dict(self._post_values(), csrf_token=csrf),
                headers={"X-Forwarded-For": forwarded},
            )
            self.assertEqual(response.status_code, 200, forwarded)
        # Another address of the same /24 network counts with the first.
        response = self.url_open(
            "/don/melden",
            data=dict(self._post_values(), csrf_token=csrf),
            headers={"X-Forwarded-For": "198.51.100.9"},
        )
        self.assertEqual(response.status_code, 429)

    def test_check_takes_a_lock_until_the_report_is_stored(self):
        Log = self.env["don.signal.intake.log"]
        self.env["ir.config_parameter"].set_param("don_signalen.rate_limit_ip", "1")
        self.assertTrue(Log._reserve("192.0.2.1").allowed)
        self.env.cr.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        )
        self.assertGreaterEqual(self.env.cr.fetchone()[0], 2)
        # Counted: the next one from that network does not fit any more.
        self.assertFalse(Log._reserve("192.0.2.99").allowed)

    def test_a_form_stored_meanwhile_is_answered_with_its_reference(self):
        # Two requests with the same form at once: the second waits for the
        # form's lock and then finds the first one's reference (in a READ
        # COMMITTED transaction of its own outside tests); it is not counted.
        Log = self.env["don.signal.intake.log"]
        form_uid = "a" * 32
        self.assertEqual(Log._reserve("192.0.2.1", form_uid=form_uid).sent_reference, None)
        Log._record_form(form_uid, "SIG-2026-00042")
        self.env.cr.execute("SELECT count(*) FROM don_signal_intake_log")
        before = self.env.cr.fetchone()[0]
        reservation = Log._reserve("192.0.2.1", form_uid=form_uid)
        self.assertEqual(reservation.sent_reference, "SIG-2026-00042")
        self.assertFalse(reservation.allowed)
        self.env.cr.execute("SELECT count(*) FROM don_signal_intake_log")
        self.assertEqual(self.env.cr.fetchone()[0], before)

    def test_addresses_count_per_network_and_keep_no_address(self):
        Log = self.env["don.signal.intake.log"]
        self.assertEqual(Log._key_ip("198.51.100.7"), Log._key_ip("198.51.100.200"))
        self.assertNotEqual(Log._key_ip("198.51.100.7"), Log._key_ip("198.51.101.7"))
        self.assertEqual(Log._key_ip("2001:db8:1:2::1"), Log._key_ip("2001:db8:1:2:ffff::9"))
        self.assertNotIn("198.51", Log._key_ip("198.51.100.7"))

    def test_hourly_purge_keeps_the_salt_of_the_day(self):
        Log = self.env["don.signal.intake.log"]
        params = self.env["ir.config_parameter"]
        Log._cron_purge()
        salt = params.get_param("don_signalen.intake_salt")
        Log._cron_purge()
        self.assertEqual(params.get_param("don_signalen.intake_salt"), salt)
        params.set_param("don_signalen.intake_salt_day", "2000-01-01")
        Log._cron_purge()
        self.assertNotEqual(params.get_param("don_signalen.intake_salt"), salt)

    def test_client_address(self):
        Log = self.env["don.signal.intake.log"]

        class Req:
            def __init__(self, remote, forwarded=None):
                self.remote_addr = remote
                self.headers = {"X-Forwarded-For": forwarded} if forwarded else {}

        self.assertEqual(Log._client_address(Req("93.184.216.34")), "93.184.216.34")
        # A public address is the reporter itself, whatever it claims.
        self.assertEqual(Log._client_address(Req("93.184.216.34", "198.51.100.7")), "93.184.216.34")
        # From a proxy on this machine or network: the address it saw.
        self.assertEqual(
            Log._client_address(Req("127.0.0.1", "10.0.0.9, 198.51.100.7")), "198.51.100.7"
        )
        self.assertEqual(Log._client_address(Req("10.1.2.3", "nonsense")), "10.1.2.3")
