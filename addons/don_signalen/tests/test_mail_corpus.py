# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mail intake under real and bad mail: through the real gateway
(``mail.thread.message_process``) every mail to the signal alias becomes
exactly one signal, or is refused cleanly (auto-replies, bounces); none is
lost by an exception, and no robot gets a confirmation."""

import base64
import itertools
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common import SignalTestCommon

ALIAS = "signalen@testdorp.example"
SENDER = "mentor@school.example"
_counter = itertools.count(1)


def raw_mail(
    headers=None,
    body="Een leerling wordt na school opgehaald door oudere jongens.",
    content_type='text/plain; charset="utf-8"',
    encoding="8bit",
    sender=f"Mentor Jansen <{SENDER}>",
    subject="Zorgen over een leerling",
):
    """A raw mail (bytes) to the signal alias; ``body`` may be bytes."""
    number = next(_counter)
    lines = [
        f"From: {sender}",
        f"To: {ALIAS}",
        f"Subject: {subject}",
        f"Message-ID: <corpus-{number}@school.example>",
        "Date: Tue, 01 Dec 2026 10:00:00 +0100",
        "MIME-Version: 1.0",
    ]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    if encoding:
        lines.append(f"Content-Transfer-Encoding: {encoding}")
    lines += list(headers or [])
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    if isinstance(body, str):
        body = body.encode("utf-8")
    return head + body + b"\r\n"


def multipart(parts, subtype="mixed", boundary="==DON-BOUNDARY=="):
    """Body and content type of a multipart mail; ``parts`` are (headers, body bytes)."""
    chunks = []
    for headers, body in parts:
        chunks.append(b"--" + boundary.encode() + b"\r\n")
        chunks.append(("\r\n".join(headers) + "\r\n\r\n").encode("utf-8"))
        chunks.append(body + b"\r\n")
    chunks.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(chunks), f'multipart/{subtype}; boundary="{boundary}"'


TEXT_PART = (
    ['Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: 8bit"],
    b"Zie de bijlage: hij heeft steeds nieuwe spullen.",
)
HTML_PART = (
    ['Content-Type: text/html; charset="utf-8"'],
    b"<p>Zie de <b>bijlage</b>: hij heeft steeds nieuwe spullen.</p>",
)


def attachment_part(filename, data=b"%PDF-1.4 test", content_type="application/pdf"):
    return (
        [
            f'Content-Type: {content_type}; name="{filename}"',
            f'Content-Disposition: attachment; filename="{filename}"',
            "Content-Transfer-Encoding: base64",
        ],
        base64.encodebytes(data),
    )


def corpus():
    """(name, raw mail, expect_signal) for every kind of mail the alias gets."""
    mixed_body, mixed_type = multipart([TEXT_PART, attachment_part("verslag.pdf")])
    alt_body, alt_type = multipart([TEXT_PART, HTML_PART], subtype="alternative")
    nul_att_body, nul_att_type = multipart([TEXT_PART, attachment_part("ver\x00slag.pdf")])
    bogus_att_body, bogus_att_type = multipart(
        [
            TEXT_PART,
            (
                ['Content-Type: text/plain; charset="x-bogus-charset"; name="notitie.txt"'],
                "notitie met é".encode("latin-1"),
            ),
        ]
    )
    report_body, report_type = multipart(
        [
            (["Content-Type: text/plain"], b"Delivery to the following recipient failed."),
            (
                ["Content-Type: message/delivery-status"],
                b"Reporting-MTA: dns; mx.example\r\n\r\n"
                b"Final-Recipient: rfc822; nobody@school.example\r\nAction: failed\r\n",
            ),
        ],
        subtype='report; report-type="delivery-status"',
    )
    return [
        ("plain", raw_mail(), True),
        ("html", raw_mail(body=HTML_PART[1], content_type='text/html; charset="utf-8"'), True),
        ("alternative", raw_mail(body=alt_body, content_type=alt_type), True),
        ("attachment", raw_mail(body=mixed_body, content_type=mixed_type), True),
        (
            "broken_mime_no_end",
            raw_mail(body=mixed_body[:-30], content_type=mixed_type),
            True,
        ),
        (
            "broken_mime_no_boundary",
            raw_mail(body=mixed_body, content_type="multipart/mixed"),
            True,
        ),
        ("broken_base64", raw_mail(body=b"@@@ niet base64 !!!", encoding="base64"), True),
        ("no_content_type", raw_mail(content_type=None, encoding=None), True),
        (
            "bogus_charset",
            raw_mail(
                body="caf\xe9".encode("latin-1"), content_type="text/plain; charset=x-bogus-charset"
            ),
            True,
        ),
        (
            "unknown_8bit",
            raw_mail(body=b"\xff\xfe vreemd", content_type="text/plain; charset=unknown-8bit"),
            True,
        ),
        (
            "bogus_charset_attachment",
            raw_mail(body=bogus_att_body, content_type=bogus_att_type),
            True,
        ),
        ("bogus_charset_subject", raw_mail(subject="=?x-bogus?Q?Zorgen_caf=E9?="), True),
        (
            "latin1",
            raw_mail(
                body="één café".encode("latin-1"), content_type="text/plain; charset=iso-8859-1"
            ),
            True,
        ),
        ("undeclared_8bit", raw_mail(body="één café".encode(), content_type="text/plain"), True),
        ("nul_subject", raw_mail(subject="Zorgen\x00over"), True),
        ("nul_from", raw_mail(sender=f"Men\x00tor <{SENDER}>"), True),
        ("nul_body", raw_mail(body="tekst\x00met nul"), True),
        ("nul_attachment_name", raw_mail(body=nul_att_body, content_type=nul_att_type), True),
        ("empty", raw_mail(body=b"", subject=""), True),
        ("huge", raw_mail(body=("Lange tekst over wat er gebeurde. " * 60000)), True),
        ("auto_submitted_no", raw_mail(headers=["Auto-Submitted: no"]), True),
        ("auto_replied", raw_mail(headers=["Auto-Submitted: auto-replied"]), False),
        ("auto_generated", raw_mail(headers=["Auto-Submitted: auto-generated"]), False),
        ("x_autoreply", raw_mail(headers=["X-Autoreply: yes"]), False),
        ("x_autorespond", raw_mail(headers=["X-Autorespond: Afwezig"]), False),
        ("precedence_bulk", raw_mail(headers=["Precedence: bulk"]), False),
        ("precedence_junk", raw_mail(headers=["Precedence: junk"]), False),
        ("precedence_list", raw_mail(headers=["Precedence: list"]), False),
        ("precedence_auto_reply", raw_mail(headers=["Precedence: auto_reply"]), False),
        ("null_return_path", raw_mail(headers=["Return-Path: <>"]), False),
        (
            "mailer_daemon",
            raw_mail(sender="Mail Delivery System <MAILER-DAEMON@mx.example>"),
            False,
        ),
        ("postmaster", raw_mail(sender="postmaster@mx.example"), False),
        ("delivery_report", raw_mail(body=report_body, content_type=report_type), False),
    ]


@tagged("post_install", "-at_install")
class TestMailCorpus(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias_domain = cls.env["mail.alias.domain"].create({"name": "testdorp.example"})
        cls.env.ref("don_signalen.mail_alias_signals").alias_domain_id = alias_domain
        cls.Signal = cls.env["don.signal"]

    def _process(self, raw):
        """Process ``raw`` through the gateway: (new signals, confirmations)."""
        before = self.Signal.search([]).ids
        mails_before = self.env["mail.mail"].search([]).ids
        self.env["mail.thread"].message_process(False, raw)
        signals = self.Signal.search([("id", "not in", before)])
        # The confirmation is prepared by the mail queue's job right after.
        self.Signal._cron_don_send_queued_feedback()
        confirmations = self.env["mail.mail"].search(
            [
                ("id", "not in", mails_before),
                ("model", "=", "don.signal"),
                ("is_notification", "=", False),
            ]
        )
        return signals, confirmations

    def test_corpus_one_signal_or_clean_refusal(self):
        results = {}
        for name, raw, expect_signal in corpus():
            with self.subTest(mail=name):
                signals, confirmations = self._process(raw)
                results[name] = len(signals)
                if expect_signal:
                    self.assertEqual(len(signals), 1, f"{name}: one signal")
                    self.assertEqual(signals.intake_source, "email")
                    self.assertTrue(signals.name and signals.description)
                    self.assertEqual(confirmations.email_to, SENDER, f"{name}: confirmation")
                else:
                    self.assertFalse(signals, f"{name}: a robot mail makes no signal")
                    self.assertFalse(confirmations, f"{name}: a robot gets no confirmation")
        # Zero lost: every mail is accounted for.
        self.assertEqual(len(results), len(corpus()))

    def _signal_of(self, raw):
        signals, _confirmations = self._process(raw)
        self.assertEqual(len(signals), 1)
        return signals

    def test_gateway_query_count(self):
        """The DON hooks add a fixed number of queries per mail, whatever it
        holds (no query per header, part or attachment)."""
        Thread = self.env["mail.thread"]
        body, content_type = multipart(
            [TEXT_PART, attachment_part("a.pdf"), attachment_part("b.pdf")]
        )
        # Warm up the caches with the same kinds of mail.
        Thread.message_process(False, raw_mail(body=body, content_type=content_type))
        Thread.message_process(False, raw_mail(headers=["Auto-Submitted: auto-replied"]))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=43):
            Thread.message_process(False, raw_mail(body=body, content_type=content_type))
            self.env.flush_all()
        self.env.invalidate_all()
        # An auto-reply is refused before anything is created.
        with self.assertQueryCount(__system__=20):
            Thread.message_process(False, raw_mail(headers=["Auto-Submitted: auto-replied"]))
            self.env.flush_all()

    def test_bogus_charset_keeps_text_and_raw_message(self):
        signal = self._signal_of(
            raw_mail(
                body=b"Hij draagt dure kleding en heeft veel geld.",
                content_type="text/plain; charset=x-bogus-charset",
            )
        )
        self.assertIn("dure kleding", signal.description)
        self.assertIn("could not be read", signal.with_context(lang="en_US").description)
        original = signal.message_ids.attachment_ids.filtered(
            lambda a: a.name == "original_email.eml"
        )
        self.assertEqual(len(original), 1)
        self.assertIn(b"x-bogus-charset", original.raw)

    def test_unparseable_mail_keeps_text_and_raw_message(self):
        """Even when Odoo's parser fails after the repair, the text is kept."""
        thread = type(self.env["mail.thread"])
        with patch.object(
            thread, "_message_parse_extract_payload", side_effect=ValueError("kapot")
        ):
            signal = self._signal_of(raw_mail(body="Hij heeft een mes bij zich."))
        self.assertIn("een mes bij zich", signal.description)
        self.assertEqual(signal.reporter_email, SENDER)
        self.assertIn("original_email.eml", signal.message_ids.attachment_ids.mapped("name"))

    def test_unknown_8bit_keeps_text(self):
        signal = self._signal_of(
            raw_mail(
                body="Hij is pas 14 en één keer".encode("latin-1"),
                content_type="text/plain; charset=unknown-8bit",
            )
        )
        self.assertIn("Hij is pas 14", signal.description)

    def test_nul_in_subject_and_from(self):
        signal = self._signal_of(
            raw_mail(subject="Zorgen\x00 over Noah", sender=f"Mentor\x00 Jansen <{SENDER}>")
        )
        self.assertEqual(signal.name, "Zorgen over Noah")
        self.assertEqual(signal.reporter_email, SENDER)
        self.assertNotIn("\x00", signal.reporter_name)

    def test_nul_in_attachment_name_keeps_attachment(self):
        body, content_type = multipart([TEXT_PART, attachment_part("ver\x00slag.pdf")])
        signal = self._signal_of(raw_mail(body=body, content_type=content_type))
        names = signal.message_ids.attachment_ids.mapped("name")
        self.assertIn("verslag.pdf", names)

    def test_huge_mail_is_shortened_but_whole_in_chatter(self):
        text = "Lange tekst over wat er gebeurde. " * 60000
        signal = self._signal_of(raw_mail(body=text))
        self.assertLess(len(signal.description), 51000)
        self.assertIn("Shortened", signal.with_context(lang="en_US").description)
        message = signal.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertGreater(len(message.body), len(text))

    def test_auto_reply_to_alias_makes_no_signal(self):
        for header in ("Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk"):
            with self.subTest(header=header):
                signals, confirmations = self._process(raw_mail(headers=[header]))
                self.assertFalse(signals)
                self.assertFalse(confirmations)

    def test_bounce_makes_no_signal(self):
        signals, confirmations = self._process(
            raw_mail(
                sender="MAILER-DAEMON@mx.example", subject="Undelivered Mail Returned to Sender"
            )
        )
        self.assertFalse(signals)
        self.assertFalse(confirmations)

    def test_other_mail_is_left_to_odoo(self):
        """Mail that is not for the signal alias keeps Odoo's own handling."""
        raw = raw_mail(content_type="text/plain; charset=x-bogus-charset").replace(
            ALIAS.encode(), b"iemand@elders.example"
        )
        # Odoo's own parser fails on the charset: the DON repair stays out.
        with self.assertRaises(LookupError):
            self.env["mail.thread"].message_process(False, raw)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        subject=st.text(max_size=80),
        sender_name=st.text(max_size=40),
        body=st.binary(max_size=400),
        charset=st.sampled_from(
            ["utf-8", "iso-8859-1", "x-bogus-charset", "unknown-8bit", "utf-16", "", "us-ascii"]
        ),
        encoding=st.sampled_from(["8bit", "7bit", "base64", "quoted-printable", "x-weird", None]),
        subtype=st.sampled_from(["plain", "html", "mixed"]),
        robot=st.sampled_from([None, "Auto-Submitted: auto-replied", "Precedence: junk"]),
    )
    def test_fuzz_gateway_never_loses_mail(
        self, subject, sender_name, body, charset, encoding, subtype, robot
    ):
        if subtype == "mixed":
            body, content_type = multipart(
                [(["Content-Type: text/plain; charset=%s" % (charset or "utf-8")], body)]
            )
        else:
            content_type = f"text/{subtype}" + (f"; charset={charset}" if charset else "")
        # Header values on one line: a new line would end the header block.
        subject = subject.replace("\r", " ").replace("\n", " ")
        sender_name = sender_name.replace("\r", " ").replace("\n", " ").replace('"', "")
        raw = raw_mail(
            headers=[robot] if robot else [],
            body=body,
            content_type=content_type,
            encoding=encoding,
            sender=f'"{sender_name}" <{SENDER}>',
            subject=subject,
        )
        signals, confirmations = self._process(raw)
        if robot:
            self.assertFalse(signals)
            self.assertFalse(confirmations)
        else:
            self.assertEqual(len(signals), 1)
            self.assertNotIn("\x00", signals.name + signals.description)
