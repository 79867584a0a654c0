# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Kernteam meeting as the team works it: an agenda with one item per
thing and a reason that reveals nothing, meeting mode, outcomes, decisions
on the case, the DON action and cadence changes."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import format_date

from .common import DonTestCommon

SECRETS = ("GEHEIM", "schulden", "dealpand", "Zorg:", "Politie:")


@tagged("post_install", "-at_install", "don_kernteam")
class TestMeetingWork(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.project = env["project.project"].create(
            {
                "name": "DON-aanpak Vergaderdorp",
                "is_don_project": True,
                "company_id": cls.company_a.id,
            }
        )
        cls.shell = env["res.partner"].create(
            {"name": "Jongerenwerk Vergaderdorp", "is_company": True}
        )
        cls.outsider_partner = env["res.partner"].create({"name": "Niet in de schil"})
        cls.team = env["don.kernteam"].create(
            {
                "name": "Kernteam Vergaderdorp",
                "company_id": cls.company_a.id,
                "project_id": cls.project.id,
                "shell_partner_ids": [Command.set(cls.shell.ids)],
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                    Command.create({"user_id": cls.kt_pol.id, "role": "politie"}),
                ],
            }
        )
        members = cls.pl | cls.kt_soc | cls.kt_pol
        now = fields.Datetime.now()
        cls.past = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": now - timedelta(days=3),
                "attendee_ids": [Command.set(members.ids)],
            }
        )
        cls.past.state = "held"
        cls.next = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": now + timedelta(days=4),
                "attendee_ids": [Command.set(members.ids)],
            }
        )
        cls.after = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": now + timedelta(days=11),
                "attendee_ids": [Command.set(members.ids)],
            }
        )
        # The fixture's contributions were recorded before the previous
        # meeting and are dated before it: old information.
        env.flush_all()
        env.cr.execute(
            "UPDATE don_case_note SET create_date = %s, date = %s",
            [now - timedelta(days=30), (now - timedelta(days=30)).date()],
        )
        env.cr.execute(
            "UPDATE don_case_factor SET create_date = %s, date = %s",
            [now - timedelta(days=30), (now - timedelta(days=30)).date()],
        )
        env.cr.execute(
            "UPDATE don_intervention SET create_date = %s, date_start = %s",
            [now - timedelta(days=30), (now - timedelta(days=30)).date()],
        )
        env.invalidate_all()

    def _note(self, case, domain, level="domain", name="Zorg: nieuwe schulden", user=None):
        vals = {
            "case_id": case.id,
            "name": name,
            "body": "ZORG-GEHEIM de moeder heeft nieuwe schulden",
            "domain_id": domain.id,
            "sharing_level": level,
        }
        if level == "kernteam":
            vals["legal_basis_id"] = self.basis.id
        return self.env["don.case.note"].create(vals)

    def _prepare(self, meeting=None):
        meeting = meeting or self.next
        meeting.with_user(self.pl).action_prepare_agenda()
        # don_signalen adds an item per match between domains (samenloop),
        # found already in the contributions of the test population: these
        # tests are about the items of don_core (see don_signalen test_match).
        meeting.agenda_item_ids.filtered(lambda item: item.kind == "match").unlink()
        return meeting.agenda_item_ids

    # ------------------------------------------------------------------
    # Agenda proposal
    # ------------------------------------------------------------------
    def test_meeting_name_has_the_date_as_the_municipality_writes_it(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.company_a.partner_id.lang = "nl_NL"
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": self.team.id, "date": "2026-03-05 09:00:00"}
        )
        self.assertEqual(meeting.name, "Kernteam Vergaderdorp 05-03-2026")
        self.assertNotIn("2026-03-05", meeting.name)

    def test_only_really_changed_cases(self):
        self.assertFalse(self._prepare(), "nothing changed since the previous meeting")
        # Touching old information (a write) is no new information.
        self.note_soc.write({"name": "Zorg: gezinssituatie (titel)"})
        self.assertFalse(self._prepare())
        # Information recorded now about something long ago: not new either.
        old = self._note(self.case_b, self.dom_soc)
        old.date = fields.Date.today() - timedelta(days=40)
        self.assertFalse(self._prepare())
        # New information on case A.
        self._note(self.case_a, self.dom_soc)
        self._note(self.case_a, self.dom_pol, name="Politie: dealpand")
        items = self._prepare()
        self.assertEqual(items.case_id, self.case_a)
        self.assertEqual(len(items), 1, "two new contributions, one item")
        self.assertEqual(items.source, "new_information")
        self.assertIn(self.case_a.reference, items.name, "the reference in full")
        self.assertEqual(items.subject, self.case_a.reference)

    def test_reason_reveals_only_what_the_reader_may_see(self):
        case = self.case_b
        self._note(case, self.dom_soc)
        self._note(case, self.dom_soc, name="Zorg: schoolverzuim")
        self._note(case, self.dom_pol, level="kernteam", name="Politie: gedeeld")
        item = self._prepare()
        self.assertEqual(len(item), 1)
        soc = item.with_user(self.kt_soc).reason
        pol = item.with_user(self.kt_pol).reason
        self.assertIn("3 x Case contribution", soc)
        self.assertIn("1 x Case contribution", pol, "the police member sees one shared note")
        for reason in (soc, pol):
            for secret in SECRETS:
                self.assertNotIn(secret, reason)
        # A reader who may see none of it learns only that there is news.
        other = self.env["don.case"].create({"youth_id": self.youth_a.id})
        self._note(other, self.dom_soc)
        item = self._prepare().filtered(lambda i: i.case_id == other)
        reason = item.with_user(self.kt_pol).reason
        self.assertIn("not visible to you", reason)
        self.assertNotIn("x Case contribution", reason)

    def test_demo_agenda_has_no_duplicates_and_only_changed_cases(self):
        meeting = self.env.ref("don_core.meeting_eemvoorde_3", raise_if_not_found=False)
        if not meeting:
            self.skipTest("demo data not installed")
        pl = self.env.ref("don_core.user_projectleider")
        meeting.with_user(pl).action_prepare_agenda()
        items = meeting.agenda_item_ids
        keys = [item._subject_key() for item in items]
        self.assertEqual(len(keys), len(set(keys)), "one item per case, signal, group or topic")
        changed = set(meeting._don_changed_case_ids(meeting._proposal_since()))
        for item in items.filtered(lambda i: "new_information" in (i.reason_keys or "")):
            self.assertIn(item.case_id.id, changed)
        # The phases follow the cycle.
        order = [item.phase_sequence for item in items]
        self.assertEqual(order, sorted(order))
        # Every signal put on the agenda is its own item.
        if "signal_id" in items._fields:
            requested = (
                self.env["don.signal"]
                .sudo()
                .search(
                    [
                        ("agenda_requested", "=", True),
                        ("state", "in", ("new", "triage")),
                        ("company_id", "=", meeting.company_id.id),
                    ]
                )
            )
            self.assertEqual(items.signal_id, requested)

    # ------------------------------------------------------------------
    # Meeting mode, outcomes and minutes
    # ------------------------------------------------------------------
    def test_meeting_mode_outcomes_and_approval(self):
        self._note(self.case_a, self.dom_soc)
        self.case_b.evaluation_date = fields.Date.today()
        general = self.env["don.agenda.item"].create(
            {
                "meeting_id": self.next.id,
                "kind": "general",
                "name": "Werkafspraken met Halt",
                "phase": "besluitvorming",
            }
        )
        items = self._prepare()
        self.assertEqual(len(items), 3)
        meeting = self.next.with_user(self.pl)
        action = meeting.action_meeting_mode()
        self.assertEqual(action["res_id"], meeting.id)
        first, second, third = meeting._mode_items()
        self.assertEqual(meeting.mode_item_id, first)
        self.assertEqual(meeting.mode_position, "1 of 3")
        meeting.write({"mode_discussion": "School en jongerenwerk delen zorgen"})
        meeting.write({"mode_decision": "Huisbezoek door jongerenwerk"})
        self.assertEqual(first.decision, "Huisbezoek door jongerenwerk")
        meeting.action_mode_decide()
        self.assertEqual(first.state, "decided")
        self.assertEqual(meeting.mode_item_id, second, "deciding moves to the next item")
        meeting.action_mode_postpone()
        self.assertEqual(second.state, "postponed")
        meeting.action_mode_previous()
        self.assertEqual(meeting.mode_item_id, second)
        meeting.action_mode_next()
        self.assertEqual(meeting.mode_item_id, third)
        meeting.action_mode_next()
        self.assertEqual(meeting.mode_item_id, third, "the last item stays")
        # Actions on the spot, in the DON action form.
        add = meeting.action_mode_add_action()
        self.assertEqual(add["views"][0][0], self.env.ref("don_core.don_action_view_form").id)
        self.assertEqual(add["context"]["default_don_agenda_item_id"], third.id)
        meeting.action_mark_held()
        # Approving lists the items that were not decided.
        wizard_action = meeting.action_open_approve_wizard()
        wizard = self.env["don.meeting.approve.wizard"].browse(wizard_action["res_id"])
        self.assertEqual(wizard.undecided_item_ids, third)
        wizard.with_user(self.pl).action_confirm()
        self.assertEqual(self.next.state, "approved")
        # The postponed item moved to the next meeting, once.
        moved = self.after.agenda_item_ids
        self.assertEqual(moved.origin_item_id, second)
        self.assertEqual(moved.name, second.name)
        self.after.with_user(self.pl).action_prepare_agenda()
        self.assertEqual(
            len(
                self.after.agenda_item_ids.filtered(
                    lambda i: i.case_id == second.case_id and i.kind != "match"
                )
            ),
            1,
        )
        # The undecided item comes back as well.
        self.assertIn(third, self.after.agenda_item_ids.origin_item_id)
        # The decision landed on the case.
        bodies = " ".join(first.case_id.message_ids.mapped("body"))
        self.assertIn("Huisbezoek door jongerenwerk", bodies)
        self.assertNotIn(general.name, bodies)

    def test_meeting_mode_as_reader_without_the_item(self):
        # A member of another domain who may not see the current item gets
        # an empty screen, not its content.
        self._note(self.case_a, self.dom_soc)
        items = self._prepare()
        self.next.mode_item_id = items[0]
        self.case_a.involved_user_ids = [Command.clear()]
        meeting = self.next.with_user(self.prof_soc)
        self.next.attendee_ids = [Command.link(self.prof_soc.id)]
        self.assertTrue(meeting.has_access("read"))
        self.assertFalse(meeting.mode_name)
        self.assertFalse(meeting.mode_decision)

    def test_minutes_pdf_marking_and_content(self):
        self._note(self.case_a, self.dom_soc)
        item = self._prepare()
        item.write({"discussion": "Zorgen over verzuim", "decision": "Gesprek met mentor"})
        self.env["project.task"].create(
            {
                "name": "Gesprek plannen",
                "project_id": self.project.id,
                "don_agenda_item_id": item.id,
                "user_ids": [Command.set(self.kt_soc.ids)],
                "date_deadline": datetime(2026, 12, 24, 12, 0),
            }
        )
        self.next.absentee_ids = [Command.set(self.kt_pol.ids)]
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.pl)
            .with_context(lang="nl_NL")
            ._render_qweb_html(
                "don_core.report_don_meeting_minutes", self.next.ids, data={"report_type": "pdf"}
            )
        )
        html = html.decode()
        for text in (
            "Vertrouwelijk",
            "Zorgen over verzuim",
            "Gesprek met mentor",
            "Gesprek plannen",
            self.kt_soc.name,
            self.kt_pol.name,
            format_date(self.env(context={"lang": "nl_NL"}), datetime(2026, 12, 24).date()),
        ):
            self.assertIn(text, html)
        # Page numbers and the marking are stamped on every page of the PDF
        # (checked on the real file in don_tests/tests/test_prints.py).
        report = self.env.ref("don_core.action_report_don_meeting_minutes")
        self.assertEqual(report.don_stamp, "confidential")

    # ------------------------------------------------------------------
    # Guests per item, confidentiality statement, extracts
    # ------------------------------------------------------------------
    def test_guest_per_item_confirms_and_gets_an_extract(self):
        Item = self.env["don.agenda.item"]
        guest_partner = self.prof_vei.partner_id
        self.team.shell_partner_ids = [Command.link(guest_partner.id)]
        general = Item.create(
            {"meeting_id": self.next.id, "kind": "general", "name": "Groepsaanpak met Halt"}
        )
        other = Item.create(
            {"meeting_id": self.next.id, "kind": "general", "name": "Interne werkafspraken"}
        )
        Guest = self.env["don.agenda.item.guest"].with_user(self.pl)
        # Only the flexible shell is invited.
        with self.assertRaises(ValidationError):
            Guest.create({"item_id": general.id, "partner_id": self.outsider_partner.id})
        guest = Guest.create({"item_id": general.id, "partner_id": guest_partner.id})
        self.assertEqual(guest.user_id, self.prof_vei)
        # Invited in the calendar for that part only, without case information.
        event = guest.calendar_event_id
        self.assertEqual(event.partner_ids, guest_partner)
        self.assertGreaterEqual(event.start, self.next.date)
        self.assertLess(event.stop - event.start, timedelta(hours=self.next.duration))
        self.assertNotIn("Halt", event.name)
        # Before the confidentiality statement, the item stays closed.
        self.assertFalse(Item.with_user(self.prof_vei).search([("id", "=", general.id)]))
        # The confirmation cannot be forged by writing the field.
        with self.assertRaises(UserError):
            guest.write({"confirmed_date": fields.Datetime.now()})
        with self.assertRaises(UserError):
            guest.with_user(self.kt_soc).action_confirm_confidentiality()
        guest.with_user(self.prof_vei).action_confirm_confidentiality()
        self.assertTrue(guest.confirmed_date)
        self.assertEqual(guest.confirmed_by_id, self.prof_vei)
        self.assertEqual(
            Item.with_user(self.prof_vei).search([("meeting_id", "=", self.next.id)]),
            general,
            "the guest sees their item, not the others",
        )
        self.assertFalse(self.env["don.meeting"].with_user(self.prof_vei).search([]))
        # The extract holds only the item they attended, read as the guest.
        general.write({"discussion": "Halt en jongerenwerk", "decision": "Groepsgesprek"})
        other.write({"discussion": "INTERN-ALLEEN", "decision": "Niet voor gasten"})
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.prof_vei)
            ._render_qweb_html("don_core.action_report_don_meeting_extract", guest.ids)
        )
        html = html.decode()
        self.assertIn("Groepsgesprek", html)
        self.assertNotIn("INTERN-ALLEEN", html)
        self.assertNotIn("Interne werkafspraken", html)
        # Sent after approval, as a direct e-mail with the extract.
        self.next.action_mark_held()
        self.next.with_user(self.pl).action_approve_minutes()
        self.next.with_user(self.pl).action_send_extracts()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", guest_partner.ids)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertTrue(guest.extract_sent_date)

    def test_shell_digest_holds_only_what_the_shell_may_know(self):
        shell = self.shell
        shell.write({"email": "jongerenwerk@vergaderdorp.example", "lang": "nl_NL"})
        self.team.digest_interval = "monthly"
        self._note(self.case_a, self.dom_soc)
        self._note(self.case_b, self.dom_soc)
        items = self._prepare()
        attended = items.filtered(lambda i: i.case_id == self.case_a)
        private = items.filtered(lambda i: i.case_id == self.case_b)
        general = self.env["don.agenda.item"].create(
            {"meeting_id": self.next.id, "kind": "general", "name": "Training signaalherkenning"}
        )
        guest = self.env["don.agenda.item.guest"].create(
            {"item_id": attended.id, "partner_id": shell.id}
        )
        guest.with_user(self.pl).action_confirm_confidentiality()
        attended.write({"decision": "Jongerenwerk zoekt contact", "state": "decided"})
        private.write({"decision": "GEHEIM-BESLUIT politie", "state": "decided"})
        general.write({"decision": "Training in januari", "state": "decided"})
        self.next.action_mark_held()
        self.next.with_user(self.pl).action_approve_minutes()
        self.env["don.kernteam"]._cron_send_digests()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", shell.ids)])
        self.assertEqual(len(mail), 1)
        self.assertIn("Training in januari", mail.body_html)
        self.assertIn("Jongerenwerk zoekt contact", mail.body_html)
        self.assertNotIn("GEHEIM", mail.body_html)
        self.assertIn("Besluiten van Kernteam", mail.body_html, "in Dutch")
        self.assertEqual(self.team.digest_next_date, fields.Date.today() + relativedelta(months=1))
        # Nothing new: no second update.
        self.team.digest_next_date = fields.Date.today()
        self.env["don.kernteam"]._cron_send_digests()
        self.assertEqual(len(self.env["mail.mail"].search([("recipient_ids", "in", shell.ids)])), 1)

    def test_covenant_per_meeting(self):
        self.team.write(
            {"purpose": "Vroegsignalering jonge aanwas", "legal_basis_id": self.basis.id}
        )
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": self.team.id, "date": fields.Datetime.now() + timedelta(days=30)}
        )
        self.assertEqual(meeting.purpose, "Vroegsignalering jonge aanwas")
        self.assertEqual(meeting.legal_basis_id, self.basis)
        self.assertIn("confidential", self.team.confidentiality_statement)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def test_action_owner_from_the_shell(self):
        self._note(self.case_a, self.dom_soc)
        item = self._prepare()
        task = self.env["project.task"].create(
            {
                "name": "Huisbezoek",
                "project_id": self.project.id,
                "don_agenda_item_id": item.id,
                "don_contact_id": self.shell.id,
                "don_line": "hulpverlening",
            }
        )
        self.assertEqual(task.don_case_id, self.case_a)
        self.assertEqual(task.don_shell_partner_ids, self.shell)
        self.assertNotIn(self.outsider_partner, task.don_shell_partner_ids)
        # The DON form holds none of the generic project form.
        arch = self.env["project.task"].get_view(
            self.env.ref("don_core.don_action_view_form").id, "form"
        )["arch"]
        for generic in ("milestone_id", "partner_id", "tag_ids", "child_ids", "parent_id"):
            self.assertNotIn(f'name="{generic}"', arch)
        for don in ("name", "user_ids", "don_contact_id", "date_deadline", "don_line", "state"):
            self.assertIn(f'name="{don}"', arch)

    # ------------------------------------------------------------------
    # Cadence
    # ------------------------------------------------------------------
    @freeze_time("2026-11-26 12:00:00")
    def test_cadence_change_offers_to_cancel(self):
        self.env.user.tz = "Europe/Amsterdam"
        team = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Ritme",
                "company_id": self.company_a.id,
                "cadence": "weekly",
                "weekday": "1",
                "meeting_hour": 9.5,
            }
        )
        team.action_plan_meetings(count=6)
        self.assertFalse(team.misfit_meeting_ids)
        team.cadence = "biweekly"
        weekly = team.meeting_ids.sorted("date")
        self.assertEqual(team.misfit_meeting_ids, weekly[1::2])
        action = team.action_open_replan_wizard()
        wizard = self.env["don.kernteam.replan.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.meeting_ids, weekly[1::2])
        wizard.plan_new = False
        wizard.action_confirm()
        self.assertEqual(set(weekly[1::2].mapped("state")), {"cancelled"})
        self.assertEqual(set(weekly[0::2].mapped("state")), {"planned"})
        team.invalidate_recordset()
        self.assertFalse(team.misfit_meeting_ids)
        # Another weekday: every planned meeting is off; new ones are planned.
        team.weekday = "3"
        self.assertEqual(team.misfit_meeting_ids, weekly[0::2])
        action = team.action_open_replan_wizard()
        self.env["don.kernteam.replan.wizard"].browse(action["res_id"]).action_confirm()
        planned = team.meeting_ids.filtered(lambda m: m.state == "planned")
        self.assertTrue(planned)
        self.assertTrue(all(m.date.weekday() == 3 for m in planned))
        team.invalidate_recordset()
        self.assertFalse(team.misfit_meeting_ids)


@tagged("post_install", "-at_install", "don_performance")
class TestMeetingQueryCounts(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        project = env["project.project"].create(
            {"name": "DON Telling", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.team = env["don.kernteam"].create(
            {
                "name": "Kernteam Telling",
                "company_id": cls.company_a.id,
                "project_id": project.id,
                "member_ids": [Command.create({"user_id": cls.pl.id, "role": "projectleider"})],
            }
        )
        cls.meeting = env["don.meeting"].create(
            {"kernteam_id": cls.team.id, "date": fields.Datetime.now() + timedelta(days=2)}
        )
        cls.cases = env["don.case"]
        for index in range(10):
            youth = env["don.youth"].create(
                {"name": f"Telling {index}", "company_id": cls.company_a.id}
            )
            case = env["don.case"].create({"youth_id": youth.id})
            cls.cases |= case
            env["don.case.note"].create(
                {"case_id": case.id, "name": "n", "body": "x", "domain_id": cls.dom_soc.id}
            )

    def _reset(self):
        self.env["don.agenda.item"].sudo().search([("meeting_id", "=", self.meeting.id)]).unlink()
        self.env.flush_all()
        self.env.invalidate_all()

    @users("t_pl")
    def test_prepare_agenda_queries(self):
        meeting = self.meeting.with_env(self.env)
        meeting.action_prepare_agenda()  # warm the rule caches
        count = len(meeting.agenda_item_ids)
        self.assertGreaterEqual(count, 10)
        self._reset()
        # Independent of the number of items (here 10 cases and more). The
        # new items' own access is recomputed in one batch; they are a
        # declared input of their cases' access only for the agenda members
        # invited to the meeting (the OM's need to know): one query finds
        # them, and with none invited (as here) the cases and what follows
        # them are not recomputed at all (with every DON addon installed:
        # the matches between domains to propose and the open goals of the
        # cases' plans to count are read in one query each).
        with self.assertQueryCount(t_pl=27):
            meeting.action_prepare_agenda()
        self.assertEqual(len(meeting.agenda_item_ids), count)

    @users("t_pl")
    def test_open_meeting_mode_queries(self):
        meeting = self.meeting.with_env(self.env)
        meeting.action_prepare_agenda()
        spec = {
            "name": {},
            "state": {},
            "mode_item_id": {},
            "mode_position": {},
            "mode_name": {},
            "mode_subject": {},
            "mode_reason": {},
            "mode_phase": {},
            "mode_discussion": {},
            "mode_decision": {},
            "mode_state": {},
            "mode_action_ids": {"fields": {"name": {}, "date_deadline": {}}},
        }
        meeting.action_meeting_mode()
        meeting.web_read(spec)
        self.env.flush_all()
        self.env.invalidate_all()
        # 13: the dates in the reasons are in the reader's format (+2 to find
        # the company's language when the user's own is not installed).
        with self.assertQueryCount(t_pl=13):
            meeting.action_meeting_mode()
            meeting.web_read(spec)
