# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Handling a signal: triage, Kernteam agenda, outcome, bundling, feedback."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.don_signal import FEEDBACK_BATCH_SECONDS
from .common import SignalTestCommon


@tagged("post_install", "-at_install")
class TestSignalWorkflow(SignalTestCommon):
    def _mails(self, signals):
        return self.env["mail.mail"].search(
            [("model", "=", "don.signal"), ("res_id", "in", signals.ids)]
        )

    def test_feedback_deadline_working_days(self):
        Signal = self.env["don.signal"].with_company(self.company_a)
        # Friday 2026-11-27 + 5 working days = Friday 2026-12-04.
        self.assertEqual(
            Signal._don_feedback_deadline(datetime(2026, 11, 27, 10), self.company_a),
            date(2026, 12, 4),
        )
        self.env["ir.config_parameter"].set_param("don_signalen.feedback_days", "2")
        # Friday + 2 working days = Tuesday (weekend skipped).
        self.assertEqual(
            Signal._don_feedback_deadline(date(2026, 11, 27), self.company_a), date(2026, 12, 1)
        )
        self.assertTrue(self.sig_soc.feedback_deadline)

    def test_anonymous_has_no_feedback(self):
        signal = self.env["don.signal"].create(
            {
                "name": "Anoniem",
                "description": "x",
                "channel_id": self.ch_anon.id,
                "reporter_name": "Should not be kept",
                "reporter_email": "anon@example.com",
                "domain_id": self.dom_vei.id,
                "company_id": self.company_a.id,
            }
        )
        self.assertEqual(signal.reporter_type, "anonymous")
        self.assertFalse(signal.reporter_name or signal.reporter_email or signal.feedback_deadline)
        self.assertFalse(self._mails(signal))

    def test_received_feedback_on_create(self):
        signal = (
            self.env["don.signal"]
            .with_user(self.prof_soc)
            .create(
                {
                    "name": "Nieuw",
                    "description": "GEHEIM-DETAIL over de jongere",
                    "channel_id": self.ch_school.id,
                    "reporter_partner_id": self.school.id,
                    "domain_id": self.dom_soc.id,
                    "company_id": self.company_a.id,
                }
            )
        )
        # Saving the signal does not wait for the e-mail: it is queued, and a
        # background job is asked to run right after the save.
        self.assertFalse(self._mails(signal))
        self.assertTrue(signal.feedback_queued)
        cron = self.env.ref("don_signalen.ir_cron_signal_feedback_send")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertEqual(len(triggers), 1)
        self.assertLessEqual(
            triggers.call_at, fields.Datetime.now() + timedelta(seconds=FEEDBACK_BATCH_SECONDS)
        )
        # A second report in the same batch asks for no second run.
        self.env["don.signal"].with_user(self.prof_soc).create(
            {
                "name": "Nog een",
                "description": "Zelfde plek",
                "channel_id": self.ch_school.id,
                "reporter_partner_id": self.school.id,
                "domain_id": self.dom_soc.id,
                "company_id": self.company_a.id,
            }
        )
        self.assertEqual(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]), triggers)
        # The job runs as a user whose language is English: the note on the
        # signal is Dutch all the same.
        self.env["don.signal"].with_context(lang="en_US")._cron_don_send_queued_feedback()
        self.assertFalse(signal.feedback_queued)
        notes = " ".join(str(body) for body in signal.message_ids.mapped("body"))
        self.assertIn("Terugkoppeling verstuurd aan de melder", notes)
        self.assertNotIn("Feedback sent", notes)
        mail = self._mails(signal)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "zorg@testcollege.example")
        self.assertIn(signal.reference, mail.subject)
        # In Dutch, the reporter's language here, subject and body alike.
        self.assertIn("ontvangen", mail.subject)
        self.assertIn("Beste melder", mail.body_html)
        self.assertNotIn("Dear reporter", mail.body_html)
        self.assertNotIn("GEHEIM-DETAIL", mail.body_html)

    def test_queued_confirmation_goes_before_the_next_feedback(self):
        """A handler who starts triage before the job ran: the reporter gets
        "received" first, then "being handled", and the job sends nothing
        twice."""
        signal = self.env["don.signal"].create(
            {
                "name": "Snel opgepakt",
                "description": "Jongen wordt opgewacht bij de bushalte.",
                "channel_id": self.ch_school.id,
                "reporter_partner_id": self.school.id,
                "domain_id": self.dom_soc.id,
                "company_id": self.company_a.id,
            }
        )
        self.assertTrue(signal.feedback_queued)
        signal.with_user(self.kt_soc).action_start_triage()
        mails = self._mails(signal).sorted("id")
        self.assertEqual(len(mails), 2)
        self.assertIn("ontvangen", mails[0].subject)
        self.assertNotIn("ontvangen", mails[1].subject)
        self.assertFalse(signal.feedback_queued)
        self.env["don.signal"]._cron_don_send_queued_feedback()
        self.assertEqual(len(self._mails(signal)), 2)

    def test_triage_agenda_discussed_and_handled(self):
        signal = self.sig_soc.with_user(self.kt_soc)
        signal.action_start_triage()
        self.assertEqual(signal.state, "triage")
        # The reporter hears that the signal is being handled.
        self.assertEqual(len(self._mails(signal)), 1)
        self.assertEqual(self._mails(signal).email_to, "mentor@testcollege.example")
        signal.action_request_agenda()
        self.assertTrue(signal.agenda_requested)
        signal.action_mark_discussed()
        self.assertEqual(signal.state, "discussed")
        self.assertFalse(signal.agenda_requested)
        with self.assertRaises(UserError):
            signal._don_handle("referred", "")
        wizard = (
            self.env["don.signal.handle.wizard"]
            .with_user(self.kt_soc)
            .create({"signal_id": signal.id, "outcome": "referred", "reason": "Naar jongerenwerk"})
        )
        wizard.action_confirm()
        self.assertEqual(signal.state, "done")
        self.assertEqual(signal.outcome, "referred")
        self.assertEqual(signal.date_done, fields.Date.context_today(signal))
        self.assertEqual(signal.feedback_done_date, fields.Date.context_today(signal))

    def test_outsider_cannot_handle(self):
        with self.assertRaises(UserError):
            self.sig_kt.with_user(self.kt_soc).action_start_triage()

    def test_agenda_hook(self):
        kernteam = self.env["don.kernteam"].create(
            {"name": "Kernteam Test", "company_id": self.company_a.id}
        )
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": kernteam.id,
                "date": fields.Datetime.now() + timedelta(days=3),
                "company_id": self.company_a.id,
            }
        )
        self.sig_kt.with_user(self.kt_vei).action_request_agenda()
        self.sig_case.with_user(self.kt_soc).action_request_agenda()
        meeting.action_prepare_agenda()
        items = meeting.agenda_item_ids.filtered(lambda i: i.source == "signal")
        # Each signal is an item of its own, linked to the signal.
        self.assertEqual(items.signal_id, self.sig_kt | self.sig_case)
        self.assertTrue(all(i.kind == "signal" for i in items))
        kt_item = items.filtered(lambda i: i.signal_id == self.sig_kt)
        self.assertIn(self.sig_kt.reference, kt_item.name)
        self.assertNotIn("station", kt_item.name, "only the number goes on the agenda")
        self.assertEqual(
            kt_item.reason, "Nieuw signaal" if self.env.lang == "nl_NL" else "New signal"
        )
        self.assertEqual(
            items.filtered(lambda i: i.signal_id == self.sig_case).case_id, self.case_a
        )
        # Preparing again adds nothing twice.
        meeting.action_prepare_agenda()
        self.assertEqual(len(meeting.agenda_item_ids.filtered(lambda i: i.source == "signal")), 2)

    def test_action_on_signal_item_follows_the_signal_into_its_case(self):
        project = self.env["project.project"].create(
            {"name": "DON Signaaldorp", "is_don_project": True, "company_id": self.company_a.id}
        )
        kernteam = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Signaal",
                "company_id": self.company_a.id,
                "project_id": project.id,
                "member_ids": [Command.create({"user_id": self.pl.id, "role": "projectleider"})],
            }
        )
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": kernteam.id, "date": fields.Datetime.now() + timedelta(days=3)}
        )
        self.sig_kt.with_user(self.kt_vei).action_request_agenda()
        meeting.with_user(self.pl).action_prepare_agenda()
        item = meeting.agenda_item_ids.filtered(lambda i: i.signal_id == self.sig_kt)
        self.assertFalse(item.case_id)
        defaults = item.with_user(self.pl).action_add_action()["context"]
        self.assertEqual(defaults["default_don_signal_id"], self.sig_kt.id)
        action = (
            self.env["project.task"]
            .with_user(self.pl)
            .with_context(**defaults)
            .create({"name": "Jongerenwerk spreekt de groep aan"})
        )
        self.assertEqual(action.don_signal_id, self.sig_kt)
        self.assertFalse(action.don_case_id)
        # The signal becomes part of case B: the action goes with it.
        self.env["don.signal.handle.wizard"].with_user(self.kt_vei).create(
            {
                "signal_id": self.sig_kt.id,
                "outcome": "linked_case",
                "case_id": self.case_b.id,
                "reason": "Zelfde jongere",
            }
        ).action_confirm()
        self.assertEqual(action.don_case_id, self.case_b)

    def test_link_to_case_and_closed_case(self):
        signal = self.sig_soc.with_user(self.kt_soc)
        wizard = (
            self.env["don.signal.handle.wizard"]
            .with_user(self.kt_soc)
            .create(
                {
                    "signal_id": signal.id,
                    "outcome": "linked_case",
                    "case_id": self.case_a.id,
                    "reason": "Zelfde jongere",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(signal.case_id, self.case_a)
        self.assertEqual(signal.outcome, "linked_case")
        # The case is closed: the signal's handling still changes, its
        # content does not.
        self.case_a.write({"stage": "afgesloten", "closing_reason": self._closing_reason()})
        signal.action_reopen()
        self.assertEqual(signal.state, "triage")
        with self.assertRaises(UserError):
            signal.write({"description": "Nieuwe informatie"})
        # Nothing is linked to a closed case.
        with self.assertRaises(UserError):
            self.sig_pol.with_user(self.kt_pol).write({"case_id": self.case_a.id})

    def _closing_reason(self):
        field = self.env["don.case"]._fields["closing_reason"]
        return field.get_values(self.env)[0]

    def test_new_case_wizard_carries_data(self):
        signal = self.sig_kt.with_user(self.kt_vei)
        signal.write({"neighbourhood_id": self.hood.id})
        wizard = (
            self.env["don.signal.handle.wizard"]
            .with_user(self.kt_vei)
            .create(
                {
                    "signal_id": signal.id,
                    "outcome": "new_case",
                    "youth_name": "Sem Nieuwkoop",
                    "youth_date_of_birth": "2011-05-04",
                    "reason": "Zorgen van meerdere partners",
                }
            )
        )
        action = wizard.action_confirm()
        case = self.env["don.case"].browse(action["res_id"])
        self.assertEqual(case.youth_id.name, "Sem Nieuwkoop")
        self.assertEqual(case.youth_id.neighbourhood_id, self.hood)
        self.assertIn(signal.reference, case.summary)
        self.assertEqual(signal.case_id, case)
        self.assertIn(case.youth_id, signal.youth_ids)
        self.assertEqual(signal.outcome, "new_case")

    def test_bundle_and_feedback_to_all_reporters(self):
        other = (
            self.env["don.signal"]
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "Sportclub: zelfde jongen",
                    "description": "x",
                    "channel_id": self.env.ref("don_signalen.channel_sportvereniging").id,
                    "reporter_type": "person",
                    "reporter_name": "Trainer",
                    "reporter_email": "trainer@club.example",
                    "domain_id": self.dom_soc.id,
                    "author_id": self.kt_soc.id,
                    "company_id": self.company_a.id,
                    "youth_ids": [(6, 0, self.youth_a.ids)],
                }
            )
        )
        main = self.sig_soc.with_user(self.kt_soc)
        wizard = (
            self.env["don.signal.bundle.wizard"]
            .with_user(self.kt_soc)
            .create({"main_id": main.id, "signal_ids": [(6, 0, other.ids)]})
        )
        wizard.action_bundle()
        self.assertEqual(other.bundle_id, self.sig_soc)
        self.assertIn(self.youth_a, main.youth_ids)
        self.assertEqual(main.bundled_ids, other)
        # A bundled signal cannot be a main signal.
        with self.assertRaises(UserError):
            self.env["don.signal.bundle.wizard"].with_user(self.kt_soc).create(
                {"main_id": other.id, "signal_ids": [(6, 0, self.sig_case.ids)]}
            ).action_bundle()
        main._don_handle("no_action", "Geen zorgen na gesprek")
        self.assertEqual(other.state, "done")
        self.assertEqual(other.outcome, "no_action")
        done = self._mails(main | other).filtered(
            lambda m: "afgehandeld" in m.subject or "handled" in m.subject
        )
        self.assertEqual(
            sorted(done.mapped("email_to")),
            ["mentor@testcollege.example", "trainer@club.example"],
        )
        self.assertTrue(other.feedback_done_date)

    def test_feedback_mail_failure_keeps_signal(self):
        Template = type(self.env["mail.template"])
        with patch.object(Template, "send_mail", side_effect=RuntimeError("SMTP down")):
            signal = self.env["don.signal"].create(
                {
                    "name": "Blijft bewaard",
                    "description": "x",
                    "channel_id": self.ch_school.id,
                    "reporter_partner_id": self.school.id,
                    "domain_id": self.dom_vei.id,
                    "company_id": self.company_a.id,
                }
            )
        self.assertTrue(signal.exists())
        self.assertTrue(signal.reference.startswith("SIG-"))

    def test_overdue_feedback_cron_and_filter(self):
        self.sig_soc.write({"feedback_deadline": date.today() - timedelta(days=1)})
        self.sig_pol.write({"feedback_deadline": date.today() - timedelta(days=1)})
        overdue = (
            self.env["don.signal"].with_user(self.kt_soc).search([("feedback_overdue", "=", True)])
        )
        self.assertEqual(overdue, self.sig_soc, "the filter shows only what the user may see")
        self.env["don.signal"]._cron_feedback_overdue()
        self.env["don.signal"]._cron_feedback_overdue()
        activity_type = self.env.ref("don_signalen.mail_activity_feedback_overdue")
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "don.signal"),
                ("res_id", "in", (self.sig_soc | self.sig_pol).ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        # One activity, for the handler; sig_pol has no handler.
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.kt_soc)
        self.assertEqual(activities.res_id, self.sig_soc.id)
        self.sig_soc.with_user(self.kt_soc).action_feedback_given()
        self.assertFalse(self.sig_soc.feedback_overdue)

    def test_smart_buttons_count_visible_only(self):
        self.assertEqual(self.youth_a.with_user(self.kt_soc).don_signal_count, 1)
        self.assertEqual(self.youth_b.with_user(self.kt_pol).don_signal_count, 0)
        self.assertEqual(self.case_a.with_user(self.prof_soc).don_signal_count, 1)
        action = self.case_a.with_user(self.kt_soc).action_view_don_signals()
        self.assertEqual(
            self.env["don.signal"].with_user(self.kt_soc).search(action["domain"]), self.sig_case
        )
