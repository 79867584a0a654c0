# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plan of a case (plan van aanpak): goals per life area, interventions
serving them, agreed in the Kernteam, reviewed on the review date."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DonTestCommon, pdf_text


@tagged("post_install", "-at_install", "don_security")
class TestCasePlan(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Goal = env["don.case.goal"]
        cls.goal_school = Goal.create(
            {"case_id": cls.case_a.id, "life_area": "school", "name": "Weer elke dag naar school"}
        )
        cls.goal_friends = Goal.create(
            {
                "case_id": cls.case_a.id,
                "life_area": "friends",
                "name": "Afstand van de oudere groep",
            }
        )
        cls.goal_b = Goal.create(
            {"case_id": cls.case_b.id, "life_area": "home", "name": "Rust thuis"}
        )
        cls.intervention_kt.goal_id = cls.goal_friends
        cls.intervention_pol = env["don.intervention"].create(
            {
                "case_id": cls.case_a.id,
                "goal_id": cls.goal_friends.id,
                "name": "POLITIE-INTERVENTIE stopgesprek",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_pol.id,
                "sharing_level": "domain",
                "author_id": cls.kt_pol.id,
                "responsible_user_id": cls.kt_pol.id,
            }
        )
        project = env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.team = env["don.kernteam"].create(
            {
                "name": "Kernteam Testdorp",
                "company_id": cls.company_a.id,
                "project_id": project.id,
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        cls.meeting = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": fields.Datetime.now() - timedelta(days=1),
                "attendee_ids": [Command.set((cls.pl | cls.kt_soc).ids)],
            }
        )
        cls.item = env["don.agenda.item"].create(
            {
                "meeting_id": cls.meeting.id,
                "kind": "case",
                "case_id": cls.case_a.id,
                "name": "Plan van aanpak Noah",
                "phase": "besluitvorming",
            }
        )

    @property
    def kernteam(self):
        return self.pl | self.kt_vei | self.kt_soc | self.kt_pol | self.kt_om

    def assertMatrix(self, check, record_or_model, expected, *args):
        everybody = self.don_users | self.outsiders | self.kt_b
        got = {user.login for user in everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {user.login for user in expected}, check.__name__)

    # ------------------------------------------------------------------
    # Access matrix: the goals follow the case
    # ------------------------------------------------------------------
    def test_goal_read_follows_the_case(self):
        self.assertMatrix(self.can_read, self.goal_school, self.kernteam | self.prof_soc)
        self.assertMatrix(self.can_read, self.goal_b, self.kernteam)

    def test_goal_create(self):
        vals = {"case_id": self.case_a.id, "life_area": "leisure", "name": "Lid van een club"}
        self.assertMatrix(self.can_create, "don.case.goal", self.kernteam, vals)
        self.case_b.director_id = self.prof_vei
        vals = {"case_id": self.case_b.id, "life_area": "leisure", "name": "Sporten"}
        self.assertMatrix(self.can_create, "don.case.goal", self.kernteam | self.prof_vei, vals)

    def test_goal_write(self):
        self.assertMatrix(self.can_write, self.goal_school, self.kernteam, {"outcome": "partly"})

    def test_goal_unlink(self):
        self.assertMatrix(self.can_unlink, self.goal_school, self.kernteam)

    def test_goal_follows_a_change_of_the_case(self):
        self.assertFalse(self.can_read(self.prof_vei, self.goal_b))
        self.case_b.involved_user_ids = [Command.link(self.prof_vei.id)]
        self.assertTrue(self.can_read(self.prof_vei, self.goal_b))
        self.case_b.involved_user_ids = [Command.unlink(self.prof_vei.id)]
        self.assertFalse(self.can_read(self.prof_vei, self.goal_b))

    def test_goal_label_hidden_from_outsiders(self):
        self.assertNotIn("naar school", self.goal_school.with_user(self.prof_vei).display_name)
        self.assertIn("naar school", self.goal_school.with_user(self.kt_soc).display_name)

    # ------------------------------------------------------------------
    # The plan itself
    # ------------------------------------------------------------------
    def test_interventions_of_a_goal_per_reader(self):
        goal = self.goal_friends
        self.assertEqual(
            goal.with_user(self.kt_pol).intervention_ids,
            self.intervention_kt | self.intervention_pol,
        )
        self.env.invalidate_all()
        self.assertEqual(goal.with_user(self.kt_soc).intervention_ids, self.intervention_kt)

    def test_goal_of_another_case_refused(self):
        with self.assertRaises(ValidationError):
            self.intervention_kt.goal_id = self.goal_b

    def test_agreed_on_the_agenda_item(self):
        self.item.with_user(self.kt_soc).action_agree_plan()
        self.assertEqual(self.goal_school.agreed_item_id, self.item)
        self.assertEqual(self.goal_friends.agreed_date, self.meeting.date.date())
        self.assertEqual(self.item.plan_goal_ids, self.goal_school | self.goal_friends)
        self.assertIn("Plan agreed", self.case_a.message_ids[0].body)

    def test_agreeing_refused_to_who_may_not_change_the_case(self):
        # The involved professional reads the case, but does not change it.
        with self.assertRaises(AccessError):
            self.item.with_user(self.prof_soc).action_agree_plan()
        self.assertFalse(self.goal_school.agreed_item_id)

    def test_no_agreement_after_the_minutes_are_approved(self):
        self.meeting.state = "approved"
        with self.assertRaises(UserError):
            self.item.with_user(self.kt_soc).action_agree_plan()

    def test_review_date_puts_the_case_on_the_agenda(self):
        self.case_b.evaluation_date = fields.Date.today()
        following = self.env["don.meeting"].create(
            {"kernteam_id": self.team.id, "date": fields.Datetime.now() + timedelta(days=2)}
        )
        following.with_user(self.pl).action_prepare_agenda()
        item = following.agenda_item_ids.filtered(lambda i: i.case_id == self.case_b)
        self.assertEqual(item.phase, "evaluatie")
        self.assertEqual(item.reason_keys, "evaluation_due")
        reason = item.with_user(self.pl).reason
        self.assertIn("Review of the plan due on", reason)
        self.assertIn("goals without an outcome: 1", reason)
        self.assertNotIn("Rust thuis", reason, "the reason names no goal")

    def test_outcome_at_review(self):
        self.goal_school.with_user(self.kt_soc).write(
            {"outcome": "reached", "outcome_note": "Geen verzuim meer"}
        )
        self.assertEqual(
            self.goal_school.reviewed_date, fields.Date.context_today(self.goal_school)
        )

    def test_plan_printed_per_reader(self):
        Log = self.env["don.access.log"]
        text = pdf_text(self, "don_core.action_report_don_case_plan", self.case_a, self.kt_soc)
        self.assertIn("Weer elke dag naar school", text)
        self.assertIn("Huisbezoek jongerenwerk en wijkagent", text)
        self.assertNotIn("POLITIE-INTERVENTIE", text)
        self.assertEqual(Log.search_count([("action", "=", "print")]), 1)
        text = pdf_text(self, "don_core.action_report_don_case_plan", self.case_a, self.kt_pol)
        self.assertIn("POLITIE-INTERVENTIE", text)

    def test_plan_print_refused_to_outsiders(self):
        Report = self.env["ir.actions.report"].with_user(self.prof_vei)
        with self.assertRaises(AccessError):
            Report._render_qweb_html("don_core.action_report_don_case_plan", self.case_a.ids)
