# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Kernteam, meetings, agenda and actions: the cycle from signal to
evaluation, and who sees which part of it."""

import itertools
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonTestCommon, pdf_text

NOW = datetime(2026, 11, 26, 12, 0)  # a Thursday


@tagged("post_install", "-at_install", "don_kernteam")
class TestKernteam(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.project = env["project.project"].create(
            {"name": "DON-aanpak Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.team = env["don.kernteam"].create(
            {
                "name": "Kernteam Testdorp",
                "company_id": cls.company_a.id,
                "cadence": "weekly",
                "weekday": "1",
                "meeting_hour": 9.5,
                "project_id": cls.project.id,
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                    Command.create({"user_id": cls.kt_pol.id, "role": "politie"}),
                    Command.create({"user_id": cls.kt_om.id, "role": "om"}),
                ],
            }
        )
        members = cls.pl | cls.kt_soc | cls.kt_pol
        cls.past = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": NOW - timedelta(days=9),
                "attendee_ids": [Command.set(members.ids)],
            }
        )
        cls.item_a = env["don.agenda.item"].create(
            {
                "meeting_id": cls.past.id,
                "kind": "case",
                "case_id": cls.case_a.id,
                "name": "Bespreking casus A",
                "phase": "analyse",
                "decision": "Huisbezoek plannen",
            }
        )
        cls.item_b = env["don.agenda.item"].create(
            {
                "meeting_id": cls.past.id,
                "kind": "case",
                "case_id": cls.case_b.id,
                "name": "Bespreking casus B",
                "phase": "signalering",
            }
        )
        cls.past.state = "held"
        cls.next = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": NOW + timedelta(days=5),
                "attendee_ids": [Command.set((members | cls.prof_soc).ids)],
            }
        )

    # ------------------------------------------------------------------
    # Membership and recurrence
    # ------------------------------------------------------------------
    def test_membership_drives_kernteam_role(self):
        kernteam = self.env.ref("don_core.group_don_kernteam")
        Case = self.env["don.case"].with_user(self.prof_vei)
        self.assertFalse(Case.search([]))
        member = self.env["don.kernteam.member"].create(
            {"kernteam_id": self.team.id, "user_id": self.prof_vei.id, "role": "veiligheid"}
        )
        self.assertIn(kernteam, self.prof_vei.groups_id)
        self.assertEqual(Case.search([]), self.case_a | self.case_b)
        member.unlink()
        self.assertNotIn(kernteam, self.prof_vei.groups_id)
        self.assertFalse(Case.search([]))

    @freeze_time(NOW)
    def test_recurrence_follows_cadence(self):
        self.env.user.tz = "Europe/Amsterdam"
        team = self.env["don.kernteam"].create(
            {
                "name": "Tweewekelijks",
                "company_id": self.company_a.id,
                "cadence": "biweekly",
                "weekday": "0",
                "meeting_hour": 14.0,
            }
        )
        team.action_plan_meetings(count=3)
        dates = team.meeting_ids.sorted("date").mapped("date")
        self.assertEqual(len(dates), 3)
        # Mondays at 14:00 in Amsterdam, stored in UTC (13:00 in winter).
        self.assertTrue(all(d.weekday() == 0 and d.hour == 13 for d in dates))
        self.assertEqual(dates[0], datetime(2026, 11, 30, 13, 0))
        self.assertEqual([b - a for a, b in itertools.pairwise(dates)], [timedelta(days=14)] * 2)
        # Planning again continues after the last meeting: no duplicates.
        team.action_plan_meetings(count=2)
        dates = team.meeting_ids.sorted("date").mapped("date")
        self.assertEqual(len(dates), len(set(dates)), 5)
        self.assertEqual(dates[3], datetime(2027, 1, 11, 13, 0))
        # Each meeting is a calendar event for the members.
        self.assertTrue(all(team.meeting_ids.mapped("calendar_event_id")))

    # ------------------------------------------------------------------
    # Agenda proposal
    # ------------------------------------------------------------------
    def test_prepare_agenda_from_open_work(self):
        # New information on case A since the previous meeting.
        self.env["don.case.note"].create(
            {"case_id": self.case_a.id, "name": "Nieuw", "body": "x", "domain_id": self.dom_soc.id}
        )
        # An action past its deadline, and one that is done.
        overdue = self.env["project.task"].create(
            {
                "name": "Gesprek met ouders",
                "project_id": self.project.id,
                "don_agenda_item_id": self.item_a.id,
                "date_deadline": fields.Datetime.now() - timedelta(days=1),
            }
        )
        done = self.env["project.task"].create(
            {
                "name": "Melding doorgezet",
                "project_id": self.project.id,
                "don_agenda_item_id": self.item_a.id,
                "date_deadline": fields.Datetime.now() - timedelta(days=2),
                "state": "1_done",
            }
        )
        # A case due for evaluation.
        self.case_b.evaluation_date = fields.Date.today()
        self.next.date = fields.Datetime.now() + timedelta(days=2)
        self.next.with_user(self.pl).action_prepare_agenda()
        # (Items of matches between domains, from don_signalen, aside.)
        self.next.agenda_item_ids.filtered(lambda item: item.kind == "match").unlink()
        items = self.next.agenda_item_ids
        # One item per case: the reasons of the same case are merged.
        self.assertEqual(items.case_id, self.case_a | self.case_b)
        self.assertEqual(len(items), 2, "no duplicate items for the same case")
        item_a = items.filtered(lambda i: i.case_id == self.case_a)
        item_b = items.filtered(lambda i: i.case_id == self.case_b)
        self.assertEqual(
            set(item_a.reason_keys.split(",")),
            {"new_information", "overdue_action", "open_decision"},
            "new information, an overdue action, and item A came back (no outcome recorded)",
        )
        self.assertEqual(item_a.action_task_id, overdue)
        self.assertNotIn(done, items.action_task_id)
        # Item B was not decided: it comes back, with its evaluation due.
        self.assertEqual(set(item_b.reason_keys.split(",")), {"open_decision", "evaluation_due"})
        self.assertEqual(item_b.origin_item_id, self.item_b)
        # Grouped by phase, in the order of the cycle.
        self.assertEqual(item_a.phase, "analyse")
        self.assertEqual(item_b.phase, "besluitvorming")
        self.assertEqual(items.ids, (item_a | item_b).ids)
        self.assertEqual(overdue.don_case_id, self.case_a, "the action inherits its item's case")
        # Preparing again adds nothing twice.
        count = len(items)
        self.next.with_user(self.pl).action_prepare_agenda()
        self.next.agenda_item_ids.filtered(lambda item: item.kind == "match").unlink()
        self.assertEqual(len(self.next.agenda_item_ids), count)

    def test_agenda_proposal_hook(self):
        # Other addons (don_signalen) add sources by extending the hook: what
        # it returns is put on the agenda, once.
        Meeting = type(self.env["don.meeting"])
        original = Meeting._don_agenda_proposals

        def with_signal(meeting):
            extra = {"kind": "general", "source": "manual", "name": "Nieuwe signalen (3)"}
            return [*original(meeting), extra]

        with patch.object(Meeting, "_don_agenda_proposals", with_signal):
            self.next.with_user(self.pl).action_prepare_agenda()
            self.next.with_user(self.pl).action_prepare_agenda()
        self.assertEqual(self.next.agenda_item_ids.mapped("name").count("Nieuwe signalen (3)"), 1)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_items_follow_meeting_and_case(self):
        Item = self.env["don.agenda.item"]
        # A member sees the items of the team's meetings.
        self.assertEqual(
            Item.with_user(self.kt_pol).search([("meeting_id", "=", self.past.id)]),
            self.item_a | self.item_b,
        )
        # The OM agenda member was not invited: no meeting, no item.
        self.assertFalse(Item.with_user(self.kt_om).search([]))
        self.assertFalse(self.env["don.meeting"].with_user(self.kt_om).search([]))
        self.past.attendee_ids = [Command.link(self.kt_om.id)]
        self.assertEqual(
            Item.with_user(self.kt_om).search([("meeting_id", "=", self.past.id)]),
            self.item_a | self.item_b,
        )
        # An invited professional sees only the items of cases they may see.
        item = Item.create(
            {"meeting_id": self.next.id, "case_id": self.case_b.id, "name": "Casus B opnieuw"}
        )
        item_a = Item.create(
            {"meeting_id": self.next.id, "case_id": self.case_a.id, "name": "Casus A opnieuw"}
        )
        visible = Item.with_user(self.prof_soc).search([("meeting_id", "=", self.next.id)])
        self.assertEqual(visible, item_a)
        self.assertNotIn(item, visible)
        # Outside DON: nothing.
        for user in self.outsiders:
            with self.assertRaises(AccessError):
                Item.with_user(user).search([])

    def test_minutes_pdf_shows_each_reader_what_they_may_see(self):
        self.env["don.agenda.item"].create(
            [
                {"meeting_id": self.next.id, "case_id": self.case_b.id, "name": "GEHEIM-B"},
                {"meeting_id": self.next.id, "case_id": self.case_a.id, "name": "ZICHTBAAR-A"},
            ]
        )
        Report = self.env["ir.actions.report"]
        html, _format = Report.with_user(self.prof_soc)._render_qweb_html(
            "don_core.report_don_meeting_minutes", self.next.ids
        )
        html = html.decode()
        self.assertIn("ZICHTBAAR-A", html)
        self.assertNotIn("GEHEIM-B", html)
        self.assertNotIn("Noah", html, "no youth names in the minutes")
        # One request serves one user: drop the record cache between readers.
        self.env.invalidate_all()
        html, _format = Report.with_user(self.pl)._render_qweb_html(
            "don_core.report_don_meeting_minutes", self.next.ids
        )
        self.assertIn("GEHEIM-B", html.decode())
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            Report.with_user(self.kt_om)._render_qweb_html(
                "don_core.report_don_meeting_minutes", self.next.ids
            )
        html, _format = Report.with_user(self.pl)._render_qweb_html(
            "don_core.report_don_meeting_agenda", self.next.ids
        )
        self.assertIn("ZICHTBAAR-A", html.decode())

    def test_printed_minutes_are_one_logged_consultation(self):
        self.env["don.agenda.item"].create(
            [
                {"meeting_id": self.next.id, "case_id": self.case_b.id, "name": "GEHEIM-B"},
                {"meeting_id": self.next.id, "case_id": self.case_a.id, "name": "ZICHTBAAR-A"},
            ]
        )
        Log = self.env["don.access.log"]
        last = Log.search([], limit=1).id or 0
        Report = self.env["ir.actions.report"]
        Report.with_user(self.prof_soc)._render_qweb_pdf(
            "don_core.report_don_meeting_minutes", self.next.ids
        )
        log = Log.search([("id", ">", last)])
        self.assertEqual(len(log), 1, "one entry per print, the HTML step included")
        self.assertEqual((log.action, log.res_model), ("print", "don.case"))
        # Only the case the reader may see is in the entry.
        self.assertEqual(log.res_id, self.case_a.id)
        self.assertEqual(log.youth_ids, self.youth_a)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            Report.with_user(self.kt_om)._render_qweb_html(
                "don_core.report_don_meeting_minutes", self.next.ids
            )
        self.assertEqual(len(Log.search([("id", ">", last)])), 1)

    def test_minutes_as_real_pdf_per_reader(self):
        """The printed file (wkhtmltopdf): a Sociaal domein professional's
        copy leaves out the item of a case they may not see."""
        self.env["don.agenda.item"].create(
            [
                {"meeting_id": self.next.id, "case_id": self.case_b.id, "name": "GEHEIM-B"},
                {"meeting_id": self.next.id, "case_id": self.case_a.id, "name": "ZICHTBAAR-A"},
            ]
        )
        text = pdf_text(self, "don_core.report_don_meeting_minutes", self.next, self.prof_soc)
        self.assertIn("ZICHTBAAR-A", text)
        self.assertNotIn("GEHEIM-B", text)
        self.assertNotIn("Noah", text)
        self.env.invalidate_all()
        text = pdf_text(self, "don_core.report_don_meeting_minutes", self.next, self.pl)
        self.assertIn("GEHEIM-B", text)

    def test_actions_of_a_case_follow_the_case(self):
        task = self.env["project.task"].create(
            {
                "name": "Actie casus B",
                "project_id": self.project.id,
                "don_agenda_item_id": self.item_b.id,
            }
        )
        self.assertEqual(task.don_case_id, self.case_b)
        Task = self.env["project.task"]
        self.assertFalse(Task.with_user(self.prof_soc).search([("id", "=", task.id)]))
        self.assertFalse(Task.with_user(self.plain).search([("id", "=", task.id)]))
        self.assertTrue(Task.with_user(self.pl).search([("id", "=", task.id)]))

    def test_approved_minutes_are_final(self):
        self.past.with_user(self.pl).action_approve_minutes()
        self.assertEqual(self.past.state, "approved")
        with self.assertRaises(UserError):
            self.item_a.with_user(self.pl).write({"decision": "Toch anders"})
        # Only the project leader approves.
        self.next.with_user(self.pl).action_mark_held()
        with self.assertRaises(UserError):
            self.next.with_user(self.kt_soc).action_approve_minutes()

    # ------------------------------------------------------------------
    # Access matrix: role x domain x create/read/write/unlink
    # ------------------------------------------------------------------
    def assertMatrix(self, check, target, expected, *args):
        everybody = self.don_users | self.outsiders | self.kt_b
        got = {user.login for user in everybody if check(user, target, *args)}
        self.assertEqual(got, {user.login for user in expected}, f"{check.__name__} {target}")

    def test_kernteam_matrix(self):
        # Configuration of the team is readable to DON roles and the DON-beheerder.
        self.assertMatrix(self.can_read, self.team, self.don_users | self.manager)
        self.assertMatrix(
            self.can_write, self.team, self.pl | self.manager, {"location": "Stadhuis"}
        )
        self.assertMatrix(
            self.can_create,
            "don.kernteam",
            self.pl | self.manager,
            {"name": "Nieuw team", "company_id": self.company_a.id},
        )
        empty = self.env["don.kernteam"].create({"name": "Leeg", "company_id": self.company_a.id})
        self.assertMatrix(self.can_unlink, empty, self.pl)
        with self.assertRaises(UserError):
            self.team.with_user(self.pl).unlink()
        # Membership gives data roles: the project leader manages it, the
        # DON-beheerder (configuration rights only) no longer does.
        member = self.team.member_ids[:1]
        self.assertMatrix(self.can_write, member, self.pl, {"sequence": 3})

    def test_meeting_matrix(self):
        # Members (not the OM agenda member) and the invited.
        members = self.pl | self.kt_soc | self.kt_pol
        self.assertMatrix(self.can_read, self.past, members)
        self.assertMatrix(self.can_read, self.next, members | self.prof_soc)
        self.assertMatrix(self.can_write, self.next, members, {"location": "Raadzaal"})
        self.assertMatrix(
            self.can_create,
            "don.meeting",
            self.pl,
            {"kernteam_id": self.team.id, "date": fields.Datetime.now()},
        )
        self.assertMatrix(self.can_unlink, self.next, self.pl)

    def test_agenda_item_matrix(self):
        members = self.pl | self.kt_soc | self.kt_pol
        self.assertMatrix(self.can_read, self.item_a, members)
        self.assertMatrix(self.can_write, self.item_a, members, {"discussion": "Besproken"})
        self.assertMatrix(
            self.can_create,
            "don.agenda.item",
            members,
            {"meeting_id": self.next.id, "kind": "general", "name": "Rondvraag"},
        )
        self.assertMatrix(self.can_unlink, self.item_a, self.pl)

    def test_goal_matrix(self):
        goal = self.env["don.project.goal"].create(
            {
                "project_id": self.project.id,
                "name": "Meer signalen van scholen",
                "line": "preventie",
                "indicator": "signalen per kwartaal",
                "target_value": 15,
                "measured_value": 9,
            }
        )
        self.assertEqual(goal.progress, 60.0)
        self.assertMatrix(self.can_write, goal, self.pl, {"measured_value": 10})
        self.assertMatrix(self.can_unlink, goal, self.pl)

    def test_meeting_side_channels(self):
        # Export needs the DON export right, also for meetings.
        with self.assertRaises(AccessError):
            self.past.with_user(self.pl).export_data(["name", "agenda_item_ids/name"])
        # A mention of the OM agenda member who is not invited notifies nobody
        # outside the meeting's audience.
        message = self.past.with_user(self.pl).message_post(
            body="Verslag concept",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(self.kt_om.partner_id | self.kt_soc.partner_id).ids,
        )
        notified = self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        self.assertNotIn(self.kt_om.partner_id, notified.res_partner_id)
        self.assertIn(self.kt_soc.partner_id, notified.res_partner_id)
        # Agenda items of a meeting the user may not see are not found by name.
        self.assertFalse(
            self.env["don.agenda.item"].with_user(self.kt_om).name_search("Bespreking")
        )
