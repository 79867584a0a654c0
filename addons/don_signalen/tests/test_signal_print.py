# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.don_core.tests.common import pdf_text
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import SignalLogCommon, SignalTestCommon

REPORT = "don_signalen.action_report_don_signal"


@tagged("post_install", "-at_install", "don_privacy")
class TestSignalPrint(SignalLogCommon):
    """A professional handling a signal prints it for the Kernteam file:
    the real PDF, one "print" entry in the access log; a user who may not
    see the signal cannot print it and leaves no entry."""

    def test_handler_prints_the_signal_once_logged(self):
        text = pdf_text(self, REPORT, self.sig_soc, self.kt_soc)
        for shown in (
            self.sig_soc.reference,
            "School: verzuim",
            "ZORG-SIGNAAL leerling verzuimt vaak",
            self.ch_school.name,
            self.youth_b.name,
            # The reporter, as the form shows them to the handler.
            "Testcollege",
            "mentor@testcollege.example",
            "CONFIDENTIAL",
        ):
            self.assertIn(shown, text)
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.action, log.res_model, log.res_id, log.user_id),
            ("print", "don.signal", self.sig_soc.id, self.kt_soc),
        )
        self.assertEqual(log.youth_id, self.youth_b)
        self.assertEqual(log.reason, "Signal")

    def test_anonymous_signal_prints_no_reporter(self):
        signal = (
            self.env["don.signal"]
            .with_company(self.company_a)
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "Anoniem: handel bij speeltuin",
                    "description": "Anonieme melding over handel bij de speeltuin",
                    "channel_id": self.ch_anon.id,
                    "reporter_type": "anonymous",
                    "reporter_name": "Buurvrouw Jansen",
                    "domain_id": self.dom_soc.id,
                    "handler_id": self.kt_soc.id,
                    "company_id": self.company_a.id,
                }
            )
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.kt_soc)
            ._render_qweb_html(REPORT, signal.ids)[0]
            .decode()
        )
        self.assertIn("Anonieme melding over handel", html)
        self.assertNotIn("Jansen", html)
        self.assertNotIn("o_don_signal_reporter", html)
        self.assertEqual(self.new_logs().mapped("action"), ["print"])

    def test_outsider_cannot_print(self):
        for user, signal in ((self.prof_vei, self.sig_pol), (self.plain, self.sig_soc)):
            Report = self.env["ir.actions.report"].with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                Report._render_qweb_html(REPORT, signal.ids)
            with self.assertRaises(AccessError, msg=user.login):
                Report.with_context(force_report_rendering=True)._render_qweb_pdf(
                    REPORT, signal.ids
                )
        self.assertFalse(self.new_logs())


@tagged("post_install", "-at_install", "don_ui", "don_privacy")
class TestSignalPrintTour(HttpCase, SignalTestCommon):
    def test_handler_prints_from_the_form(self):
        """The handler clicks Print on the signal's form and sees the
        printed signal: one "print" entry in the access log (besides the
        opening of the form)."""
        self.kt_soc.password = "t_kt_soc_pw"
        Log = self.env["don.access.log"]
        last = Log.search([], limit=1).id or 0
        # The web client shows the printed document in the page when there
        # is no wkhtmltopdf, and downloads a file otherwise (which a tour
        # cannot look into): the tour runs as without it; the PDF file itself
        # is read in TestSignalPrint.
        with patch.object(
            self.registry["ir.actions.report"], "get_wkhtmltopdf_state", lambda self: "install"
        ):
            self.start_tour(
                f"/odoo/action-don_signalen.don_signal_action/{self.sig_soc.id}",
                "don_signalen_print_tour",
                login="t_kt_soc",
            )
        logs = Log.search([("id", ">", last), ("res_model", "=", "don.signal")])
        prints = logs.filtered(lambda log: log.action == "print")
        self.assertEqual(len(prints), 1, logs.mapped("action"))
        self.assertEqual((prints.res_id, prints.user_id), (self.sig_soc.id, self.kt_soc))
