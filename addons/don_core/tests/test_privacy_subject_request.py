# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data-subject requests: everything about one young person, nothing of
anybody else; correction and erasure with a legal reason."""

import base64
import json
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonTestCommon, pdf_file_text


@tagged("post_install", "-at_install", "don_privacy")
class TestSubjectRequest(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.youth_a.write({"date_of_birth": date(2009, 4, 12), "city": "Testdorp"})
        # A's file names B as a friend; B's file names A. Neither may carry
        # the other's information into the export.
        cls.friend_b = cls.env["don.case.relation"].create(
            {
                "case_id": cls.case_a.id,
                "relation_type": "friend",
                "name": "Vriend uit de buurt",
                "related_youth_id": cls.youth_b.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        cls.env["don.case.note"].create(
            {
                "case_id": cls.case_b.id,
                "name": "Over B",
                "body": "B-GEHEIM alleen over Liam",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        cls.friend_a_in_b = cls.env["don.case.relation"].create(
            {
                "case_id": cls.case_b.id,
                "relation_type": "friend",
                "name": "Noah (vriend)",
                "remarks": "B-RELATIE-GEHEIM",
                "related_youth_id": cls.youth_a.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        cls.case_a.message_post(body="Bericht over Noah in de casus")
        cls.case_b.message_post(body="B-CHATTER-GEHEIM")
        cls.case_a.with_user(cls.kt_soc).web_read({"reference": {}, "summary": {}})
        Request = cls.env["don.subject.request"].with_user(cls.privacy)
        cls.request = Request.create(
            {
                "kind": "inzage",
                "requester_name": "Moeder Verbeek",
                "requester_relation": "parent",
                "company_id": cls.company_a.id,
                "search_name": "noah verbeek",
                "search_date_of_birth": date(2009, 4, 12),
            }
        )

    def _export(self, request=None):
        request = (request or self.request).with_user(self.privacy)
        request.identity_checked = True
        if not request.youth_id:
            request.action_find_youth()
        request.action_export()
        json_file = request.export_attachment_ids.filtered(
            lambda a: a.mimetype == "application/json"
        )
        return json.loads(base64.b64decode(json_file.sudo().datas)), request

    def test_find_youth_by_name_and_birth_date(self):
        self.request.with_user(self.privacy).action_find_youth()
        self.assertEqual(self.request.youth_id, self.youth_a)
        self.assertEqual(self.request.subject_ref, self.youth_a.reference)
        # The officer sees the register number, not the name, in the form.
        label = self.request.with_user(self.privacy).youth_id.display_name
        self.assertEqual(label, self.youth_a.reference)
        # The form as the web client reads it.
        values = self.request.with_user(self.privacy).web_read(
            {"youth_id": {"fields": {"display_name": {}}}, "subject_ref": {}, "state": {}}
        )[0]
        self.assertEqual(values["youth_id"]["display_name"], self.youth_a.reference)
        wrong = self.request.copy({"search_date_of_birth": date(2009, 4, 13)})
        with self.assertRaises(UserError):
            wrong.with_user(self.privacy).action_find_youth()

    def test_export_is_complete(self):
        data, request = self._export()
        text = json.dumps(data, ensure_ascii=False)
        payload = data["data"]
        self.assertEqual(payload["don.youth"][0]["name"], "Noah Verbeek")
        self.assertEqual(payload["don.case"][0]["reference"], self.case_a.reference)
        # Every domain's information, whoever may see it.
        for secret in (
            "POLITIE-GEHEIM",
            "ZORG-GEHEIM",
            "BETROKKENEN-GEHEIM",
            "Contacten met oudere jongeren",
            "Moeder Verbeek",
            "Huisbezoek jongerenwerk en wijkagent",
            "Kernteam summary A",
            "Bericht over Noah in de casus",
        ):
            self.assertIn(secret, text)
        self.assertEqual(
            {rec["id"] for rec in payload["don.case.note"]},
            set((self.note_pol | self.note_soc | self.note_kt | self.note_inv).ids),
        )
        self.assertEqual(payload["don.case.factor"][0]["id"], self.factor_pol.id)
        self.assertEqual(payload["don.intervention"][0]["id"], self.intervention_kt.id)
        relation_ids = {rec["id"] for rec in payload["don.case.relation"]}
        self.assertEqual(
            relation_ids, {self.relation_soc.id, self.friend_b.id, self.friend_a_in_b.id}
        )
        # Who opened the file (AVG art. 15: recipients).
        self.assertTrue(
            any(log["user_id"] == self.kt_soc.name for log in payload["don.access.log"])
        )
        self.assertEqual(request.state, "exported")
        report = request.export_attachment_ids - request.export_attachment_ids.filtered(
            lambda a: a.mimetype == "application/json"
        )
        self.assertIn(b"POLITIE-GEHEIM", base64.b64decode(report.sudo().datas))

    def test_export_as_real_pdf(self):
        """With a PDF engine the export is a real PDF file: everything about
        the young person, nothing of another."""
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed: the export is checked as HTML only")
        request = self.request.with_context(force_report_rendering=True)
        _data, request = self._export(request)
        pdf = request.export_attachment_ids.filtered(lambda a: a.mimetype == "application/pdf")
        self.assertEqual(len(pdf), 1)
        text = pdf_file_text(self, base64.b64decode(pdf.sudo().datas))
        self.assertIn("POLITIE-GEHEIM", text)
        self.assertIn(self.youth_a.reference, text)
        for foreign in ("Liam de Groot", "B-GEHEIM", "Zara Veenstra", "ANDERSVEEN-GEHEIM"):
            self.assertNotIn(foreign, text)

    def test_export_holds_nothing_of_other_youths(self):
        data, _request = self._export()
        text = json.dumps(data, ensure_ascii=False)
        for foreign in (
            "Liam de Groot",
            self.youth_b.reference,
            self.case_b.reference,
            "B-GEHEIM",
            "B-RELATIE-GEHEIM",
            "B-CHATTER-GEHEIM",
            "Summary B",
            "Zara Veenstra",
            "ANDERSVEEN-GEHEIM",
            "Weerbaarheidstraining",
        ):
            self.assertNotIn(foreign, text)
        report = data  # the report is rendered from the same data
        self.assertTrue(report)

    def test_export_is_logged_and_in_chatter(self):
        Log = self.env["don.access.log"]
        _data, request = self._export()
        log = Log.search([("action", "=", "export")], limit=1)
        self.assertEqual(log.user_id, self.privacy)
        self.assertEqual(log.youth_id, self.youth_a)
        self.assertTrue(request.message_ids.filtered(lambda m: self.youth_a.reference in m.body))
        self.assertFalse(
            request.message_ids.filtered(lambda m: "Noah" in (m.body or "")),
            "the request's chatter never names the young person",
        )

    def test_identity_check_required(self):
        self.request.with_user(self.privacy).action_find_youth()
        with self.assertRaises(UserError):
            self.request.with_user(self.privacy).action_export()

    def test_only_privacy_officer(self):
        for user in self.don_users | self.manager | self.reporting | self.plain:
            with self.assertRaises(AccessError, msg=user.login):
                self.env["don.subject.request"].with_user(user).create(
                    {"requester_name": "X", "company_id": self.company_a.id}
                )
            with self.assertRaises(AccessError, msg=user.login):
                self.request.with_user(user).action_export()
        with self.assertRaises(AccessError):
            self.request.with_user(self.privacy).unlink()
        # Another municipality's officer does not see the request.
        officer_b = self.privacy.copy(
            {
                "login": "t_privacy_b",
                "company_id": self.company_b.id,
                "company_ids": [Command.set(self.company_b.ids)],
            }
        )
        self.assertFalse(
            self.env["don.subject.request"]
            .with_user(officer_b)
            .search([("id", "=", self.request.id)])
        )

    def test_correction_with_reason(self):
        request = self.request.with_user(self.privacy)
        request.write(
            {
                "kind": "correctie",
                "identity_checked": True,
                "correction_field": "city",
                "correction_value": "Nijkerk",
            }
        )
        request.action_find_youth()
        with self.assertRaises(UserError):
            request.action_execute()
        request.legal_reason = "AVG art. 16: woonplaats onjuist"
        request.action_execute()
        self.assertEqual(self.youth_a.city, "Nijkerk")
        self.assertEqual(request.state, "done")
        self.assertTrue(
            self.youth_a.message_ids.filtered(lambda m: "AVG art. 16" in (m.body or ""))
        )

    def test_erasure_removes_everything_keeps_request_and_log(self):
        _data, request = self._export()
        request.write({"kind": "verwijdering", "legal_reason": "AVG art. 17(1)(a)"})
        youth_ref, case_id = self.youth_a.reference, self.case_a.id
        request.action_execute()
        self.assertFalse(self.youth_a.exists())
        self.assertFalse(self.env["don.case"].browse(case_id).exists())
        self.assertFalse(self.note_pol.exists())
        self.assertEqual(request.state, "done")
        self.assertEqual(request.subject_ref, youth_ref)
        self.assertFalse(request.youth_id)
        self.assertFalse(request.export_attachment_ids)
        self.assertFalse(request.search_name)
        self.assertEqual(self.friend_a_in_b.related_youth_id.id, False)
        self.assertNotIn("Noah", self.friend_a_in_b.name)
        logs = self.env["don.access.log"].search(
            [("res_model", "=", "don.case"), ("res_id", "=", case_id)]
        )
        self.assertTrue(logs)
        self.assertFalse(any(logs.mapped("subject_name")))
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM ir_attachment WHERE res_model = 'don.subject.request'"
            " AND res_id = %s",
            [request.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
