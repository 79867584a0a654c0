# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import DonTestCommon, pdf_text

FORM_SPEC = {"display_name": {}, "timeline_html": {}}
# Opening a young person's file with the timeline (the access log included).
QUERY_BUDGET = 27


@tagged("post_install", "-at_install", "don_security")
class TestTimeline(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.factor_soc = env["don.case.factor"].create(
            {
                "case_id": cls.case_a.id,
                "factor_id": cls.factor.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
                "explanation": "FACTOR-TOELICHTING-GEHEIM",
            }
        )
        cls.case_a.stage = "analyse"
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
                "date": fields.Datetime.now() - timedelta(days=2),
                "attendee_ids": [Command.set((cls.pl | cls.kt_soc).ids)],
            }
        )
        cls.item = env["don.agenda.item"].create(
            {
                "meeting_id": cls.meeting.id,
                "kind": "case",
                "case_id": cls.case_a.id,
                "name": "Bespreking Noah",
                "decision": "Huisbezoek binnen twee weken",
                "state": "decided",
            }
        )
        cls.action = env["project.task"].create(
            {
                "name": "Huisbezoek plannen",
                "project_id": project.id,
                "don_agenda_item_id": cls.item.id,
                "don_case_id": cls.case_a.id,
                "user_ids": [Command.set(cls.kt_soc.ids)],
            }
        )

    def timeline(self, user, record):
        return record.with_user(user).web_read(FORM_SPEC)[0]["timeline_html"]

    def test_kernteam_member_sees_own_domain_and_kernteam_shared(self):
        html = self.timeline(self.kt_soc, self.youth_a)
        for title in (
            self.case_a.reference,
            "Zorg: gezinssituatie",  # own domain
            "Politie: gedeeld met Kernteam",  # shared with the Kernteam
            "Huisbezoek jongerenwerk en wijkagent",  # intervention shared
            "Truancy",  # own factor
            "Bespreking Noah",
            "Huisbezoek binnen twee weken",
            "Huisbezoek plannen",
        ):
            self.assertIn(title, html)
        # The police's own-domain contribution stays out, and no content of
        # what is listed is shown (titles, not bodies).
        self.assertNotIn("Politie: aangetroffen bij dealpand", html)
        for secret in ("POLITIE-GEHEIM", "ZORG-GEHEIM", "FACTOR-TOELICHTING-GEHEIM"):
            self.assertNotIn(secret, html)

    def test_police_member_sees_police_not_care(self):
        html = self.timeline(self.kt_pol, self.youth_a)
        self.assertIn("Politie: aangetroffen bij dealpand", html)
        self.assertNotIn("Zorg: gezinssituatie", html)
        self.assertNotIn("Alleen betrokkenen", html)

    def test_professional_sees_what_they_are_involved_in(self):
        html = self.timeline(self.prof_soc, self.case_a)
        self.assertIn("Alleen betrokkenen", html)
        self.assertNotIn("Politie: aangetroffen bij dealpand", html)
        # Not on the agenda the professional was not invited to.
        self.assertNotIn("Bespreking Noah", html)

    def test_stage_changes_are_listed(self):
        # The stage change as mail.thread tracks it when the transaction
        # commits (in Dutch: the label in the language of who changed it).
        message = self.env["mail.message"].create(
            {"model": "don.case", "res_id": self.case_a.id, "message_type": "notification"}
        )
        self.env["mail.tracking.value"].create(
            {
                "mail_message_id": message.id,
                "field_id": self.env["ir.model.fields"]._get("don.case", "stage").id,
                "old_value_char": "Aanmelding",
                "new_value_char": "Analyse",
            }
        )
        html = self.timeline(self.kt_soc, self.case_a)
        self.assertIn(f"{self.case_a.reference}: Analysis", html)

    def test_outsiders_get_no_timeline(self):
        for user in (self.prof_vei, self.kt_b, self.plain):
            with self.assertRaises(AccessError):
                self.timeline(user, self.youth_a)

    def test_opening_is_logged_once(self):
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        self.timeline(self.kt_soc, self.youth_a)
        self.assertEqual(Log.search_count([]), before + 1)
        log = Log.search([], limit=1)
        self.assertEqual(
            (log.user_id, log.youth_id, log.action), (self.kt_soc, self.youth_a, "open")
        )

    def test_reading_the_timeline_otherwise_is_logged(self):
        """A plain read (RPC) of the timeline is a consultation too."""
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        self.case_a.with_user(self.kt_soc).read(["timeline_html"])
        self.assertEqual(Log.search_count([]), before + 1)
        self.assertEqual(Log.search([], limit=1).res_model, "don.case")

    def test_dates_in_dutch(self):
        self.kt_soc.lang = "nl_NL"
        if not self.env["res.lang"]._lang_get("nl_NL"):
            self.skipTest("Dutch is not installed")
        html = self.timeline(self.kt_soc.with_context(lang="nl_NL"), self.youth_a)
        self.assertIn(self.case_a.date_start.strftime("%d-%m-%Y"), html)

    def test_query_count_constant_in_items(self):
        """The number of queries does not grow with the number of items."""

        def add(count):
            self.env["don.case.note"].create(
                [
                    {
                        "case_id": self.case_a.id,
                        "name": f"Bijdrage {n}",
                        "body": "x",
                        "domain_id": self.dom_soc.id,
                        "author_id": self.kt_soc.id,
                    }
                    for n in range(count)
                ]
            )
            self.env["don.case.factor"].create(
                [
                    {
                        "case_id": self.case_a.id,
                        "factor_id": self.factor.id,
                        "domain_id": self.dom_soc.id,
                        "author_id": self.kt_soc.id,
                    }
                    for n in range(count)
                ]
            )

        youth = self.youth_a.with_user(self.kt_soc)

        def count_queries():
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            youth.read(["timeline_html"])  # warm the caches of the first call
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            youth.read(["timeline_html"])
            return self.cr.sql_log_count - start

        add(2)
        small = count_queries()
        add(40)
        large = count_queries()
        self.assertEqual(small, large)

    @users("t_kt_soc")
    def test_query_budget(self):
        youth = self.youth_a.with_env(self.env)
        youth.web_read(FORM_SPEC)  # warm the rule caches
        self.env.invalidate_all()
        with self.assertQueryCount(t_kt_soc=QUERY_BUDGET):
            youth.web_read(FORM_SPEC)

    def test_print_for_the_kernteam(self):
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        text = pdf_text(
            self, "don_core.action_report_don_timeline_youth", self.youth_a, self.kt_soc
        )
        self.assertIn("Zorg: gezinssituatie", text)
        self.assertNotIn("dealpand", text)
        self.assertNotIn("ZORG-GEHEIM", text)
        self.assertEqual(Log.search_count([("action", "=", "print")]), 1)
        self.assertGreaterEqual(Log.search_count([]), before + 1)

    def test_print_refused_to_outsiders(self):
        Report = self.env["ir.actions.report"].with_user(self.prof_vei)
        with self.assertRaises(AccessError):
            Report._render_qweb_html("don_core.action_report_don_timeline_case", self.case_a.ids)
