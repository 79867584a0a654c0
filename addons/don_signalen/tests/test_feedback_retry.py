# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Feedback mail that fails (SMTP server down) is retried with a limit, and
the handler sees on the signal and in *Overdue feedback* that the reporter
was not reached."""

import ast
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import MagicMock, patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SignalTestCommon

START = datetime(2026, 12, 1, 9, 0, 0)


def smtp_down(*args, **kwargs):
    raise ConnectionRefusedError(111, "Connection refused")


@tagged("post_install", "-at_install")
class TestFeedbackRetry(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mail = cls.env["mail.mail"]
        cls.overdue_action = cls.env.ref("don_signalen.don_signal_action_feedback_overdue")

    def _smtp_down(self):
        """The SMTP server refuses connections (as Odoo's own tests mock it)."""
        return patch.object(type(self.env["ir.mail_server"]), "connect", side_effect=smtp_down)

    @contextmanager
    def _smtp_up(self):
        """The SMTP server accepts the mail."""
        server = type(self.env["ir.mail_server"])
        with (
            patch.object(server, "connect", return_value=MagicMock()),
            patch.object(server, "send_email", side_effect=lambda msg, **kw: msg["Message-Id"]),
        ):
            yield

    def _new_signal(self):
        with freeze_time(START):
            signal = (
                self.env["don.signal"]
                .with_company(self.company_a)
                .create(
                    {
                        "name": "Zorgen over een leerling",
                        "description": "Wordt na school opgehaald door oudere jongens.",
                        "channel_id": self.ch_school.id,
                        "reporter_partner_id": self.school.id,
                        "reporter_email": "mentor@testcollege.example",
                        "domain_id": self.dom_vei.id,
                        "author_id": self.kt_vei.id,
                        "handler_id": self.kt_vei.id,
                        "company_id": self.company_a.id,
                    }
                )
            )
            # The mail queue's job prepares the confirmation right after.
            self.env["don.signal"]._cron_don_send_queued_feedback()
        mail = self.Mail.search([("model", "=", "don.signal"), ("res_id", "=", signal.id)])
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.don_feedback)
        self.assertEqual(mail.state, "outgoing")
        return signal, mail

    def _in_overdue_feedback(self, signal):
        """Whether the handler finds ``signal`` in the *Overdue feedback* menu."""
        domain = ast.literal_eval(self.overdue_action.domain)
        return bool(
            self.env["don.signal"].with_user(self.kt_vei).search([*domain, ("id", "=", signal.id)])
        )

    def _retry_at(self, when, down=True):
        with freeze_time(when):
            if down:
                with self._smtp_down():
                    return self.Mail._cron_don_retry_feedback()
            with self._smtp_up():
                return self.Mail._cron_don_retry_feedback()

    def test_smtp_down_marks_reporter_not_reached(self):
        signal, mail = self._new_signal()
        self.assertFalse(signal.feedback_not_reached)
        self.assertFalse(self._in_overdue_feedback(signal))
        with freeze_time(START), self._smtp_down():
            self.Mail.process_email_queue()
        self.assertEqual(mail.state, "exception")
        # The signal is kept and shows that the reporter was not reached.
        self.assertTrue(signal.exists())
        self.assertTrue(signal.feedback_not_reached)
        self.assertIn("Connection refused", signal.feedback_failure)
        self.assertTrue(self._in_overdue_feedback(signal))
        self.assertEqual(mail.don_retry_date, START + timedelta(minutes=15))

    def test_retries_with_backoff_then_handler_is_told(self):
        signal, mail = self._new_signal()
        with freeze_time(START), self._smtp_down():
            mail.send()
        # Not before its time.
        self.assertEqual(self._retry_at(START + timedelta(minutes=10)), 0)
        self.assertEqual(mail.don_retry_count, 0)
        # Retry 1 after 15 minutes, 2 an hour later, 3 four hours later.
        retry_1 = START + timedelta(minutes=15)
        self.assertEqual(self._retry_at(retry_1), 1)
        self.assertEqual((mail.state, mail.don_retry_count), ("exception", 1))
        self.assertEqual(mail.don_retry_date, retry_1 + timedelta(hours=1))
        retry_2 = retry_1 + timedelta(hours=1)
        self.assertEqual(self._retry_at(retry_2), 1)
        self.assertEqual(mail.don_retry_date, retry_2 + timedelta(hours=4))
        activities_before = signal.activity_ids
        retry_3 = retry_2 + timedelta(hours=4)
        self.assertEqual(self._retry_at(retry_3), 1)
        self.assertEqual((mail.state, mail.don_retry_count), ("exception", 3))
        # Given up: no further retry, the handler gets an activity and a note.
        self.assertFalse(mail.don_retry_date)
        self.assertEqual(self._retry_at(retry_3 + timedelta(days=2)), 0)
        self.assertTrue(signal.feedback_not_reached)
        self.assertTrue(self._in_overdue_feedback(signal))
        activity = signal.activity_ids - activities_before
        self.assertEqual(activity.user_id, self.kt_vei)
        self.assertIn("Reporter not reached", activity.with_context(lang="en_US").summary)
        self.assertTrue(
            signal.message_ids.filtered(lambda m: "not sent again" in (m.body or "")),
            "a note on the signal says the feedback could not be delivered",
        )

    def test_invalid_address_is_not_retried(self):
        """A refused address does not mend by waiting: the handler is told at once."""
        signal, mail = self._new_signal()
        server = type(self.env["ir.mail_server"])
        with (
            patch.object(server, "connect", return_value=MagicMock()),
            patch.object(
                server, "send_email", side_effect=AssertionError(server.NO_VALID_RECIPIENT)
            ),
        ):
            mail.send()
        # Not retried (Odoo deletes such a mail of an auto-delete template).
        self.assertFalse(mail.exists() and mail.don_retry_date)
        self.assertTrue(signal.feedback_not_reached)
        self.assertEqual(signal.activity_ids.user_id, self.kt_vei)

    def test_retry_succeeds_when_smtp_is_back(self):
        signal, mail = self._new_signal()
        with freeze_time(START), self._smtp_down():
            mail.send()
        self.assertTrue(signal.feedback_not_reached)
        self.assertEqual(self._retry_at(START + timedelta(minutes=15), down=False), 1)
        # Sent (and deleted: the templates auto-delete); the reporter is reached.
        self.assertFalse(mail.exists() and mail.state != "sent")
        self.assertFalse(signal.feedback_not_reached)
        self.assertFalse(signal.feedback_failure)
        self.assertFalse(self._in_overdue_feedback(signal))

    def test_bounce_marks_reporter_not_reached(self):
        """The reporter's mail server returns the feedback (address gone)."""
        signal, mail = self._new_signal()
        signal.reporter_email = "oud_adres@testcollege.example"
        with self._smtp_up():
            mail.send()
        self.assertFalse(signal.feedback_not_reached)
        dsn = (
            "From: Mail Delivery System <MAILER-DAEMON@mx.testcollege.example>\r\n"
            "To: bounce@testdorp.example\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Message-ID: <dsn-1@mx.testcollege.example>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
            "\r\n--B\r\nContent-Type: text/plain\r\n\r\nUser unknown.\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.testcollege.example\r\n\r\n"
            "Final-Recipient: rfc822; oud_adres@testcollege.example\r\n"
            "Action: failed\r\nStatus: 5.1.1\r\n"
            "\r\n--B--\r\n"
        )
        look_alike = self.sig_pol.copy({"reporter_email": "oudXadres@testcollege.example"})
        signals_before = self.env["don.signal"].search_count([])
        self.env["mail.thread"].message_process(False, dsn)
        self.assertEqual(self.env["don.signal"].search_count([]), signals_before)
        self.assertTrue(signal.feedback_not_reached)
        self.assertIn("oud_adres@testcollege.example", signal.feedback_failure)
        self.assertTrue(self._in_overdue_feedback(signal))
        # Other reporters, and an address that only looks alike, are untouched.
        self.assertFalse(self.sig_soc.feedback_not_reached)
        self.assertFalse(self.sig_pol.feedback_not_reached)
        self.assertFalse(look_alike.feedback_not_reached)

    def test_feedback_given_another_way_clears_not_reached(self):
        signal, mail = self._new_signal()
        with self._smtp_down():
            mail.send()
        self.assertTrue(signal.feedback_not_reached)
        signal.with_user(self.kt_vei).action_feedback_given()
        self.assertFalse(signal.feedback_not_reached)
        self.assertFalse(self._in_overdue_feedback(signal))

    def test_other_mail_is_not_retried(self):
        """Only DON feedback is retried: other failed mail stays Odoo's."""
        other = self.Mail.create(
            {"subject": "Nieuwsbrief", "email_to": "iemand@example.com", "body_html": "<p>x</p>"}
        )
        with self._smtp_down():
            other.send()
        self.assertEqual(other.state, "exception")
        self.assertFalse(other.don_retry_date)
        self.assertEqual(self._retry_at(datetime.now() + timedelta(days=1)), 0)
        self.assertEqual(other.state, "exception")

    def test_settings_warn_without_alias_domain(self):
        alias = self.env.ref("don_signalen.mail_alias_signals")
        alias.alias_domain_id = False
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.don_signal_alias_missing_domain)
        self.assertFalse(settings.don_signal_alias_email)
        alias.alias_domain_id = self.env["mail.alias.domain"].create({"name": "testdorp.example"})
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.don_signal_alias_missing_domain)
        self.assertEqual(settings.don_signal_alias_email, "signalen@testdorp.example")
