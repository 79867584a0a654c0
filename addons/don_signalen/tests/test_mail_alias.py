# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signals from e-mail: the alias turns a mail into a signal for the handler."""

from odoo.tests import tagged

from .common import SignalTestCommon

RAW = """Return-Path: <jongerenwerker@welzijn.example>
To: signalen@testdorp.example
From: Jongerenwerker Kees <jongerenwerker@welzijn.example>
Subject: Zorgen over jongen bij het winkelcentrum
Message-ID: <signal-test-1@welzijn.example>
Date: Fri, 27 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Noah Verbeek hangt elke avond bij het winkelcentrum met oudere jongens.
"""


@tagged("post_install", "-at_install")
class TestSignalMailAlias(SignalTestCommon):
    def test_mail_becomes_signal(self):
        alias = self.env.ref("don_signalen.mail_alias_signals")
        domain = self.env["mail.alias.domain"].create({"name": "testdorp.example"})
        alias.alias_domain_id = domain
        # Received by the municipality whose handler is configured (company A).
        before = self.env["don.signal"].search([])
        thread_id = self.env["mail.thread"].message_process(False, RAW)
        signal = self.env["don.signal"].browse(thread_id)
        self.assertNotIn(signal, before)
        self.assertEqual(signal.name, "Zorgen over jongen bij het winkelcentrum")
        self.assertIn("winkelcentrum met oudere jongens", signal.description)
        self.assertEqual(signal.channel_id, self.env.ref("don_signalen.channel_email"))
        self.assertEqual(signal.intake_source, "email")
        self.assertEqual(signal.reporter_email, "jongerenwerker@welzijn.example")
        self.assertEqual(signal.reporter_name, "Jongerenwerker Kees")
        self.assertEqual(signal.handler_id, self.kt_vei)
        self.assertEqual(signal.domain_id, self.dom_vei)
        self.assertEqual(signal.company_id, self.company_a)
        # No automatic matching of the sender or the text to young people.
        self.assertFalse(signal.youth_ids)
        self.assertFalse(signal.reporter_partner_id)
        # The handler sees it; others of another domain do not.
        self.assertTrue(
            self.env["don.signal"].with_user(self.kt_vei).search([("id", "=", signal.id)])
        )
        self.assertFalse(
            self.env["don.signal"].with_user(self.prof_soc).search([("id", "=", signal.id)])
        )
        # The sender gets the "received" confirmation (from the mail queue's job).
        self.env["don.signal"]._cron_don_send_queued_feedback()
        mail = self.env["mail.mail"].search(
            [("model", "=", "don.signal"), ("res_id", "=", signal.id)]
        )
        self.assertEqual(mail.email_to, "jongerenwerker@welzijn.example")
