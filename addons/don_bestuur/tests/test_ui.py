# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestBestuurTour(HttpCase, DonBestuurCommon):
    def test_propose_and_decide_tour(self):
        self.start_tour(
            f"/odoo/action-don_core.don_case_action/{self.case_a.id}?cids={self.company_a.id}",
            "don_bestuur_propose_tour",
            login="t_kt_vei",
        )
        measure = self.env["don.gezag.measure"].search(
            [("case_id", "=", self.case_a.id), ("id", "!=", self.measure_a.id)]
        )
        self.assertEqual(measure.state, "proposed")
        self.assertEqual(measure.type_id, self.warning)
        self.assertEqual(measure.mayor_id, self.mayor)
        self.assertEqual(measure.proposed_by_id, self.kt_vei)
        self.start_tour(
            f"/odoo/action-don_bestuur.don_gezag_measure_action_mayor?cids={self.company_a.id}",
            "don_bestuur_decide_tour",
            login="t_mayor",
        )
        self.assertEqual(measure.state, "approved")
        self.assertEqual(measure.decided_by_id, self.mayor)
        # The mayor's openings are in the access log.
        logs = self.env["don.access.log"].search([("user_id", "=", self.mayor.id)])
        self.assertTrue(logs)
        self.assertEqual(set(logs.mapped("res_id")), {self.case_a.id})

    def test_goal_on_a_figure_tour(self):
        self.env["project.project"].create(
            {"name": "DON Doeldorp", "is_don_project": True, "company_id": self.company_a.id}
        )
        today = fields.Date.context_today(self.env["don.project.goal"].with_user(self.pl))
        for name in ("Sem Bakker", "Daan Smit", "Lucas Visser", "Finn Meijer", "Bram Bos"):
            youth = self.env["don.youth"].create({"name": name, "company_id": self.company_a.id})
            self.env["don.case"].create({"youth_id": youth.id, "date_start": today})
        self.start_tour(
            f"/odoo/action-don_core.don_project_goal_action?cids={self.company_a.id}",
            "don_goal_tour",
            login="t_pl",
        )
        goal = self.env["don.project.goal"].search([("name", "=", "Vroeg in beeld")])
        self.assertEqual(goal.figure, "cases_started")
        self.assertEqual(goal.direction, "higher")
        self.assertGreaterEqual(goal.measured_value, 5)
        self.assertEqual(goal.trend, "better")


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestMayorPeriodReportTourOnDemo(HttpCase):
    """The demo mayor reaches the approved period report (issue 18: the
    period report serves the mayor and the Driehoek)."""

    def test_mayor_reads_the_period_report(self):
        mayor = self.env.ref("don_bestuur.user_burgemeester", raise_if_not_found=False)
        report = self.env.ref(
            "don_rapportage.period_report_previous_quarter", raise_if_not_found=False
        )
        if not mayor or not report:
            self.skipTest("the demo data is not installed")
        self.assertFalse(mayor.has_group("don_core.group_don_reporting"))
        self.assertTrue(self.env["don.period.report"].search([("state", "=", "draft")]))
        # browser_js logs in with the login as password.
        mayor.password = mayor.login
        self.start_tour(
            "/odoo/action-don_bestuur.don_gezag_measure_action_mayor",
            "don_bestuur_mayor_period_report_tour",
            login=mayor.login,
        )


class TestProjectPlanTour(HttpCase, DonBestuurCommon):
    def test_new_version_adopt_and_print_tour(self):
        project = self.env["project.project"].create(
            {"name": "DON Plandorp", "is_don_project": True, "company_id": self.company_a.id}
        )
        v1 = (
            self.env["don.project.plan"]
            .with_user(self.pl)
            .create(
                {
                    "name": "Projectplan DON Plandorp",
                    "project_id": project.id,
                    "company_id": self.company_a.id,
                    "aim_preventie": "<p>Voorlichting op scholen.</p>",
                    "is_pilot": True,
                    "pilot_date_start": "2026-01-01",
                    "pilot_date_end": "2026-12-31",
                    "role_ids": [
                        Command.create(
                            {"name": "Projectleider", "mandate": "Beslist over het budget."}
                        )
                    ],
                }
            )
        )
        v1.action_adopt()
        # Without wkhtmltopdf the client shows the HTML report in the page.
        with patch.object(
            self.registry["ir.actions.report"], "get_wkhtmltopdf_state", lambda self: "install"
        ):
            self.start_tour(
                f"/odoo/action-don_bestuur.don_project_plan_action?cids={self.company_a.id}",
                "don_project_plan_tour",
                login="t_pl",
            )
        v2 = self.env["don.project.plan"].search(
            [("project_id", "=", project.id), ("version", "=", 2)]
        )
        self.assertEqual(v2.state, "adopted")
        self.assertEqual(v2.adopted_by_id, self.pl)
        self.assertEqual(v2.previous_id, v1)
        self.assertEqual(v1.state, "superseded")
        self.assertIn("sportverenigingen", v2.aim_preventie)
        self.assertEqual(v2.target_group, "Jongeren van 10 tot 23 jaar in heel Testdorp")
        self.assertEqual(str(v2.pilot_date_end), "2027-06-30")
        self.assertIn("Anderhalf jaar", v2.pilot_scope)
        self.assertEqual(v2.role_ids.mandate, "Beslist over het budget.")
        self.assertEqual(project.don_plan_id, v2)


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestDriehoekTour(HttpCase, DonBestuurCommon):
    def test_driehoek_member_records_a_decision(self):
        meeting = self.env["don.driehoek.meeting"].create(
            {"name": "Driehoek najaar", "company_id": self.company_a.id, "date": "2026-10-06"}
        )
        self.start_tour(
            f"/odoo/action-don_bestuur.don_driehoek_meeting_action?cids={self.company_a.id}",
            "don_driehoek_decision_tour",
            login="t_driehoek",
        )
        decision = meeting.decision_ids
        self.assertEqual(decision.name, "Extra inzet wijkagenten rond het station")
        self.assertEqual(decision.owner, "Politie basisteam")
        self.assertEqual(decision.create_uid, self.driehoek)
        self.assertEqual(meeting.write_uid, self.env.ref("base.user_root"))
