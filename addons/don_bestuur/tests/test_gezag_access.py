# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees the mayor's measures and the cases they open to the mayor."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install", "don_security")
class TestGezagAccess(DonBestuurCommon):
    @property
    def kernteam(self):
        return self.pl | self.kt_vei | self.kt_soc | self.kt_pol | self.kt_om

    def assertMatrix(self, check, record_or_model, expected, *args):
        got = {user.login for user in self.everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {user.login for user in expected}, check.__name__)

    def propose(self):
        self.measure_a.with_user(self.kt_vei).action_propose()

    # ------------------------------------------------------------------
    # The mayor sees exactly the cases with a measure for them
    # ------------------------------------------------------------------
    def test_mayor_sees_no_case_for_a_draft(self):
        Case = self.env["don.case"].with_user(self.mayor)
        self.assertFalse(Case.search([]))
        self.assertFalse(self.can_read(self.mayor, self.case_a))
        self.assertFalse(self.can_read(self.mayor, self.measure_a))

    def test_mayor_sees_exactly_the_cases_with_a_measure_for_them(self):
        self.propose()
        Case = self.env["don.case"].with_user(self.mayor)
        self.assertEqual(Case.search([]), self.case_a)
        self.assertEqual(Case.search_count([]), 1)
        # The other mayor of the municipality and the mayor of another one
        # see nothing.
        self.assertFalse(self.env["don.case"].with_user(self.mayor2).search([]))
        self.assertFalse(self.env["don.case"].with_user(self.mayor_b).search([]))
        self.assertMatrix(self.can_read, self.case_a, self.kernteam | self.prof_soc | self.mayor)
        self.assertMatrix(self.can_read, self.case_b, self.kernteam)
        # The young person's name is on the letter: the mayor sees the
        # register entry of this case's young person only.
        self.assertEqual(self.env["don.youth"].with_user(self.mayor).search([]), self.youth_a)

    def test_withdrawn_proposal_closes_the_case_again(self):
        self.propose()
        self.measure_a.with_user(self.kt_vei).action_cancel()
        self.assertFalse(self.env["don.case"].with_user(self.mayor).search([]))
        self.assertFalse(self.env["don.youth"].with_user(self.mayor).search([]))

    def test_measure_moved_to_another_mayor(self):
        self.measure_a.with_user(self.kt_vei).write({"mayor_id": self.mayor2.id})
        self.measure_a.with_user(self.kt_vei).action_propose()
        self.assertFalse(self.env["don.case"].with_user(self.mayor).search([]))
        self.assertEqual(self.env["don.case"].with_user(self.mayor2).search([]), self.case_a)

    def test_mayor_sees_none_of_the_contributions(self):
        self.propose()
        for model in (
            "don.case.note",
            "don.case.factor",
            "don.case.relation",
            "don.intervention",
        ):
            records = self.env[model].search([("case_id", "=", self.case_a.id)])
            self.assertTrue(records, model)
            self.assertFalse(self.visible(self.mayor, records), model)
            with self.assertRaises(AccessError):
                records.with_user(self.mayor).read(["display_name"])
        self.assertFalse(
            self.env["don.case.note"].with_user(self.mayor).search([]),
            "no contribution of any case",
        )
        # What the decision needs: the Kernteam summary and the proposal.
        measure = self.measure_a.with_user(self.mayor)
        self.assertIn("Kernteam summary A", measure.case_summary)
        self.assertEqual(measure.reasoning, "Seen weekly at the dealing spot")
        self.assertEqual(measure.legal_ground, "Art. 172 lid 3 Gemeentewet")

    def test_mayor_sees_no_signals(self):
        self.propose()
        if "don.signal" not in self.env:
            self.skipTest("don_signalen not installed")
        self.assertFalse(self.env["don.signal"].with_user(self.mayor).search([]))

    def test_mayor_sees_earlier_measures_not_drafts(self):
        self.propose()
        draft = self.Measure.with_user(self.kt_vei).create(
            {
                "case_id": self.case_a.id,
                "type_id": self.env.ref("don_bestuur.measure_type_area_ban").id,
                "legal_ground": "Art. 172a Gemeentewet",
                "reasoning": "Draft of the Kernteam",
                "area": "Stationsgebied",
            }
        )
        self.assertFalse(self.can_read(self.mayor, draft))
        self.assertTrue(self.can_read(self.kt_soc, draft))
        self.assertEqual(self.Measure.with_user(self.mayor).search([]), self.measure_a)

    def test_every_opening_is_logged(self):
        self.propose()
        Log = self.env["don.access.log"]
        before = Log.search_count([("user_id", "=", self.mayor.id)])
        self.case_a.with_user(self.mayor).web_read({"summary": {}})
        self.measure_a.with_user(self.mayor).web_read({"reasoning": {}, "case_summary": {}})
        logs = Log.search([("user_id", "=", self.mayor.id)])
        self.assertEqual(len(logs) - before, 2)
        self.assertEqual(set(logs.mapped("res_model")), {"don.case"})
        self.assertEqual(set(logs.mapped("res_id")), {self.case_a.id})
        self.assertIn("Burgemeester", logs[0].capacity)
        # A list row is not an opening.
        self.Measure.with_user(self.mayor).web_search_read([], {"reference": {}})
        self.assertEqual(Log.search_count([("user_id", "=", self.mayor.id)]), len(logs))
        # For the decision on a measure: not "own domain" (the access review
        # would report every opening by the mayor).
        self.assertEqual(set(logs.mapped("purpose")), {"mayor"})
        # Printing the letter is a consultation of the case too.
        self.env["ir.actions.report"].with_user(self.mayor)._render_qweb_html(
            "don_bestuur.action_report_gezag_measure_letter", self.measure_a.ids
        )
        printed = Log.search([("user_id", "=", self.mayor.id)], limit=1)
        self.assertEqual((printed.action, printed.res_id), ("print", self.case_a.id))

    # ------------------------------------------------------------------
    # Access matrix of the measure
    # ------------------------------------------------------------------
    def test_measure_read_matrix(self):
        self.assertMatrix(self.can_read, self.measure_a, self.kernteam | self.prof_soc)
        self.propose()
        self.assertMatrix(self.can_read, self.measure_a, self.kernteam | self.prof_soc | self.mayor)

    def test_measure_create_matrix(self):
        vals = {
            "case_id": self.case_a.id,
            "type_id": self.warning.id,
            "legal_ground": "Art. 172 lid 3 Gemeentewet",
            "reasoning": "Test",
        }
        # Kernteam members (and a case director, who is one here) propose;
        # not the mayor, not the involved professional, not the outsiders.
        self.assertMatrix(self.can_create, "don.gezag.measure", self.kernteam, vals)

    def test_measure_write_matrix(self):
        self.assertMatrix(self.can_write, self.measure_a, self.kernteam, {"reasoning": "New"})
        self.propose()
        # The mayor does not rewrite the proposal.
        self.assertFalse(self.can_write(self.mayor, self.measure_a, {"reasoning": "Mine"}))
        # Only the mayor it is addressed to writes the decision.
        self.assertMatrix(self.can_write, self.measure_a, self.mayor, {"decision_reason": "Agreed"})

    def test_measure_unlink_matrix(self):
        self.assertMatrix(self.can_unlink, self.measure_a, self.env["res.users"])

    def test_kernteam_cannot_decide(self):
        self.propose()
        for user in (self.kt_vei, self.pl, self.mayor2):
            with self.assertRaises(AccessError):
                self.measure_a.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                self.measure_a.with_user(user).write({"state": "approved"})
        self.assertEqual(self.measure_a.state, "proposed")


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestGezagAccessLogOverHttp(HttpCase, DonBestuurCommon):
    def test_what_the_form_of_a_measure_loads_belongs_to_the_opening_of_its_case(self):
        """The mayor opens a measure (logged as the opening of its case):
        its chatter's data, messages and the thumbnail of a photo, loaded
        by requests of their own, are part of that opening; the photo
        downloaded is an entry of its own."""
        measure = self.measure_a
        measure.with_user(self.kt_vei).action_propose()
        photo = self.env["ir.attachment"].create(
            {
                "name": "situatie.png",
                "raw": PNG,
                "mimetype": "image/png",
                "res_model": measure._name,
                "res_id": measure.id,
            }
        )
        measure.message_post(body="Foto van de situatie", attachment_ids=photo.ids)
        Log = self.env["don.access.log"]
        last = Log.search([], limit=1).id or 0
        self.authenticate("t_mayor", "t_mayor")
        self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{measure._name}/web_read",
            {
                "model": measure._name,
                "method": "web_read",
                "args": [measure.ids],
                "kwargs": {"specification": {"reasoning": {}, "case_summary": {}}},
            },
        )
        thread = {"thread_model": measure._name, "thread_id": measure.id}
        result = self.make_jsonrpc_request(
            "/mail/thread/data", {**thread, "request_list": ["attachments", "followers"]}
        )
        self.assertEqual(len(result["ir.attachment"]), 1)
        self.assertTrue(self.make_jsonrpc_request("/mail/thread/messages", thread)["messages"])
        response = self.url_open(f"/web/image/{photo.id}?unique={photo.checksum}&width=3840")
        self.assertEqual(response.content, PNG)
        logs = Log.search([("id", ">", last)])
        self.assertEqual(
            [(log.action, log.res_model, log.res_id) for log in logs],
            [("open", "don.case", measure.case_id.id)],
        )
        response = self.url_open(f"/web/content/{photo.id}?download=true")
        self.assertEqual(response.content, PNG)
        logs = Log.search([("id", ">", logs.id)])
        self.assertEqual(
            [(log.action, log.res_model, log.res_id) for log in logs],
            [("download", measure._name, measure.id)],
        )
