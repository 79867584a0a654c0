# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public web intake: happy path and every kind of bad input."""

import re
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import SignalTestCommon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


class IntakeCommon(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The reporting pages are Dutch: load the translations.
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(["don_signalen"], ["nl_NL"], overwrite=True)
        cls.school.action_don_generate_intake_token()
        cls.school.don_intake_channel_id = cls.ch_school
        cls.token = cls.school.don_intake_token

    def _post_values(self, **values):
        base = {
            "name": "Leerling benaderd",
            "description": "Leerling wordt na school opgewacht door oudere jongens in een auto",
            "youth_description": "Jongen, ongeveer 13 jaar, klas 1B",
            "location": "Schoolplein",
            "reporter_name": "Mentor De Vries",
            "reporter_email": "mentor@testcollege.example",
            "indicator_ids": [str(self.indicator.id)],
        }
        base.update(values)
        return base


@tagged("post_install", "-at_install", "don_intake")
class TestWebIntake(HttpCase, IntakeCommon):
    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _submit(self, url, values=None, files=None, csrf=True):
        data = dict(values if values is not None else self._post_values())
        if csrf:
            data["csrf_token"] = self._csrf(url)
        return self.url_open(url, data=data, files=files)

    def _counts(self):
        return (
            self.env["don.signal"].search_count([]),
            self.env["ir.attachment"].search_count([("res_model", "=", "don.signal")]),
        )

    # ------------------------------------------------------------------
    # Happy paths
    # ------------------------------------------------------------------
    def test_form_is_dutch_and_follows_signal_card(self):
        response = self.url_open(f"/don/melden/{self.token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Melding", response.text)
        self.assertIn(self.indicator.name, response.text)
        self.assertIn(self.school.name, response.text)
        self.assertNotIn(self.sig_soc.reference, response.text)

    def test_report_through_personal_link(self):
        url = f"/don/melden/{self.token}"
        response = self._submit(url, files={"attachments": ("verslag.pdf", PDF, "application/pdf")})
        self.assertEqual(response.status_code, 200)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        self.assertIn(signal.reference, response.text)
        self.assertEqual(signal.reporter_partner_id, self.school)
        self.assertEqual(signal.channel_id, self.ch_school)
        self.assertEqual(signal.intake_source, "web")
        self.assertEqual(signal.indicator_ids, self.indicator)
        self.assertEqual(signal.category_id, self.category)
        self.assertEqual(signal.handler_id, self.kt_vei)
        self.assertTrue(signal.feedback_deadline)
        # Visible to the handler through the access relation.
        self.assertTrue(
            self.env["don.signal"].with_user(self.kt_vei).search([("id", "=", signal.id)])
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(attachment.name, "verslag.pdf")
        # The confirmation is prepared by the mail queue's job, not while
        # the reporter waits.
        self.assertTrue(signal.feedback_queued)
        self.env["don.signal"]._cron_don_send_queued_feedback()
        self.assertFalse(signal.feedback_queued)
        mails = self.env["mail.mail"].search(
            [("model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(mails.email_to, "mentor@testcollege.example")
        self.assertNotIn("opgewacht", mails.body_html)
        # The status page lists the organisation's own reports only.
        status = self.url_open(f"/don/melden/{self.token}/status")
        self.assertIn(signal.reference, status.text)
        self.assertNotIn(
            self.sig_soc.reference, status.text, "recorded by hand, not through the link"
        )
        self.assertNotIn("opgewacht", status.text)

    def test_anonymous_report_keeps_no_identifying_data(self):
        response = self._submit(
            "/don/melden",
            self._post_values(reporter_name="Ik", reporter_email="ik@example.com"),
            files={"attachments": ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        self.assertIn(signal.reference, response.text)
        self.assertEqual(signal.reporter_type, "anonymous")
        self.assertEqual(signal.intake_source, "web_anonymous")
        self.assertFalse(
            signal.reporter_name or signal.reporter_email or signal.reporter_partner_id
        )
        self.assertFalse(signal.feedback_deadline)
        # No IP address anywhere: not in the rate limit table, not in the chatter.
        self.env.cr.execute("SELECT key FROM don_signal_intake_log")
        keys = [row[0] for row in self.env.cr.fetchall()]
        self.assertTrue(keys)
        self.assertFalse([k for k in keys if "127.0.0.1" in k])
        root = self.env.ref("base.partner_root")
        messages = signal.message_ids
        self.assertTrue(messages)
        self.assertEqual(messages.author_id, root)
        self.assertFalse([m for m in messages if m.email_from and "ik@example.com" in m.email_from])
        public = self.env.ref("base.public_partner")
        self.assertNotIn(public, signal.message_partner_ids)
        self.assertFalse(
            self.env["mail.mail"].search([("res_id", "=", signal.id), ("model", "=", "don.signal")])
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(attachment.name, "foto.png")

    def test_confirmation_mail_failure_keeps_report(self):
        Template = type(self.env["mail.template"])
        with patch.object(Template, "send_mail", side_effect=RuntimeError("SMTP down")):
            response = self._submit(f"/don/melden/{self.token}")
        self.assertEqual(response.status_code, 200)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        self.assertIn(signal.reference, response.text)
        self.assertEqual(signal.reporter_partner_id, self.school)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_missing_fields(self):
        before = self._counts()
        response = self._submit("/don/melden", self._post_values(name="", description=" "))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Vul in", response.text)
        self.assertEqual(self._counts(), before)

    def test_oversized_text(self):
        before = self._counts()
        response = self._submit("/don/melden", self._post_values(description="x" * 10001))
        self.assertEqual(response.status_code, 400)
        self.assertIn("te lang", response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertEqual(self._counts(), before)

    def test_script_injection_stored_and_shown_safely(self):
        script = "<script>alert('x')</script>"
        # Refused form: the values come back escaped.
        response = self._submit("/don/melden", self._post_values(name="", location=script))
        self.assertEqual(response.status_code, 400)
        self.assertNotIn(script, response.text)
        self.assertIn("&lt;script&gt;", response.text)
        # Accepted: stored as plain text, never as markup.
        response = self._submit("/don/melden", self._post_values(description=script, name=script))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(script, response.text)
        signal = self.env["don.signal"].search([], limit=1, order="id desc")
        self.assertEqual(signal.description, script)
        self.assertEqual(signal._fields["description"].type, "text")

    def test_invalid_token(self):
        response = self.url_open("/don/melden/" + "x" * 32)
        self.assertEqual(response.status_code, 404)
        self.assertIn("niet (meer) geldig", response.text)
        before = self._counts()
        data = dict(self._post_values(), csrf_token=self._csrf("/don/melden"))
        response = self.url_open("/don/melden/" + "x" * 32, data=data)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._counts(), before)
        # A replaced link stops working at once.
        old = self.token
        self.school.action_don_generate_intake_token()
        self.assertEqual(self.url_open(f"/don/melden/{old}").status_code, 404)
        self.assertEqual(self.url_open(f"/don/melden/{old}/status").status_code, 404)

    def test_missing_csrf(self):
        before = self._counts()
        response = self._submit(f"/don/melden/{self.token}", csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertIn("verlopen", response.text)
        self.assertEqual(self._counts(), before)

    def test_rate_limit(self):
        self.env["ir.config_parameter"].set_param("don_signalen.rate_limit_ip", "2")
        for _i in range(2):
            self.assertEqual(self._submit("/don/melden").status_code, 200)
        before = self._counts()
        response = self._submit("/don/melden")
        self.assertEqual(response.status_code, 429)
        self.assertIn("over een uur", response.text)
        self.assertEqual(self._counts(), before)

    def test_rate_limit_per_link(self):
        self.env["ir.config_parameter"].set_param("don_signalen.rate_limit_token", "1")
        url = f"/don/melden/{self.token}"
        self.assertEqual(self._submit(url).status_code, 200)
        self.assertEqual(self._submit(url).status_code, 429)
        # The anonymous form from the same address is still open.
        self.assertEqual(self._submit("/don/melden").status_code, 200)

    def test_large_attachment(self):
        before = self._counts()
        big = b"%PDF-1.4\n" + (b"0" * 1023 + b"\n") * (50 * 1024)
        response = self._submit(
            "/don/melden", files={"attachments": ("groot.pdf", big, "application/pdf")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("te groot", response.text)
        self.assertEqual(self._counts(), before)

    def test_request_above_framework_limit(self):
        # Above 60 MB the framework refuses the request before the form is
        # read: still a Dutch page, nothing stored.
        before = self._counts()
        huge = (b"0" * 1023 + b"\n") * (61 * 1024)
        response = self._submit(
            "/don/melden", files={"attachments": ("enorm.pdf", huge, "application/pdf")}
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("te groot", response.text)
        self.assertEqual(self._counts(), before)

    def test_executable_attachment(self):
        before = self._counts()
        response = self._submit(
            f"/don/melden/{self.token}",
            files={"attachments": ("tool.exe", EXE, "application/octet-stream")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("tool.exe", response.text)
        self.assertIn("PDF, JPG, PNG", response.text)
        self.assertEqual(self._counts(), before)
        # An executable named .pdf is refused on its content.
        response = self._submit(
            f"/don/melden/{self.token}",
            files={"attachments": ("factuur.pdf", EXE, "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._counts(), before)

    def test_cron_forgets_addresses(self):
        self._submit("/don/melden")
        salt = self.env["ir.config_parameter"].get_param("don_signalen.intake_salt")
        self.env.cr.execute("UPDATE don_signal_intake_log SET date = date - interval '2 hours'")
        self.env["don.signal.intake.log"]._cron_purge()
        self.assertFalse(self.env["don.signal.intake.log"].search_count([]))
        self.assertNotEqual(
            self.env["ir.config_parameter"].get_param("don_signalen.intake_salt"), salt
        )


@tagged("post_install", "-at_install", "don_intake")
class TestWebIntakeQueries(IntakeCommon):
    def test_intake_query_count(self):
        public = self.env.ref("base.public_user")
        Intake = self.env(user=public)["don.signal.intake"]
        # As the controller: the partner was found with sudo by its token.
        partner = self.env(user=public, su=True)["res.partner"].browse(self.school.id)
        values = self._post_values()
        Intake._submit(dict(values), [], partner=partner)  # warm up caches
        self.env.invalidate_all()
        # With every DON addon installed (the privacy and network parts of
        # don_core and don_signalen take part in creating a signal; the
        # detection of matches between domains is one query here; the confirmation
        # to the reporter is queued, see test_received_feedback_on_create).
        with self.assertQueryCount(23):
            signal = Intake._submit(dict(values), [], partner=partner)
            self.env.flush_all()
        self.assertTrue(signal.reference)
