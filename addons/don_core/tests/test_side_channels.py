# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Messages, notifications, activities, followers and attachments of a DON
document are readable only by who may read the document now: not by a
former involved professional, a recipient put on a message directly or the
assignee of an activity as such (issue 15, items 3 and 4)."""

import base64
import json

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import DonTestCommon

MARK = "ZIJKANAAL-MARKERING-7731"


class DonSideChannelCommon(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The professional is involved in case A: an activity and a message
        # reach him, then his involvement is withdrawn.
        cls.activity = cls.case_a.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.prof_soc.id,
            summary=f"{MARK} bel moeder",
            note=f"<p>{MARK} notitie</p>",
        )
        cls.message = cls.case_a.with_user(cls.kt_soc).message_post(
            body=f"{MARK} overleg met school",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.prof_soc.partner_id.ids,
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "verslag.txt",
                "datas": base64.b64encode(MARK.encode()),
                "res_model": "don.case",
                "res_id": cls.case_a.id,
            }
        )
        cls.case_a.message_subscribe(partner_ids=cls.prof_soc.partner_id.ids)

    def withdraw(self):
        self.case_a.involved_user_ids = [Command.unlink(self.prof_soc.id)]
        self.env.invalidate_all()


@tagged("post_install", "-at_install", "don_security")
class TestSideChannels(DonSideChannelCommon):
    def test_involved_professional_reads_side_records(self):
        # Before: the involved professional reads all of them (the guard
        # does not close what the design allows).
        user = self.prof_soc
        self.assertTrue(self.activity.with_user(user).read(["summary"]))
        self.assertTrue(self.message.with_user(user).read(["body"]))
        self.assertTrue(self.attachment.with_user(user).read(["datas"]))
        found = self.env["mail.message"].with_user(user).search([("body", "ilike", MARK)])
        self.assertIn(self.message, found)

    def test_withdrawn_involvement_closes_activity(self):
        self.withdraw()
        Activity = self.env["mail.activity"].with_user(self.prof_soc)
        self.assertFalse(Activity.search([("id", "=", self.activity.id)]))
        self.assertFalse(Activity.search_read([("summary", "ilike", MARK)], ["summary"]))
        with self.assertRaises(AccessError) as error:
            self.activity.with_user(self.prof_soc).read(["summary", "note"])
        self.assertNotIn(MARK, str(error.exception))
        with self.assertRaises(AccessError):
            self.activity.with_user(self.prof_soc).action_done()

    def test_withdrawn_involvement_closes_message(self):
        self.withdraw()
        Message = self.env["mail.message"].with_user(self.prof_soc)
        self.assertFalse(Message.search_read([("body", "ilike", MARK)], ["body"]))
        self.assertFalse(Message.search([("model", "=", "don.case")]))
        self.assertEqual(Message.search_count([("id", "=", self.message.id)]), 0)
        self.assertFalse(Message._read_group([("id", "=", self.message.id)], [], ["__count"])[0][0])
        with self.assertRaises(AccessError):
            self.message.with_user(self.prof_soc).read(["body"])
        # His notification of the message is closed too (its label is the
        # document's name).
        Notification = self.env["mail.notification"].with_user(self.prof_soc)
        self.assertFalse(Notification.search([("mail_message_id", "=", self.message.id)]))

    def test_withdrawn_involvement_closes_followers_and_attachments(self):
        self.withdraw()
        Followers = self.env["mail.followers"].with_user(self.prof_soc)
        self.assertFalse(
            Followers.search([("res_model", "=", "don.case"), ("res_id", "=", self.case_a.id)])
        )
        Attachment = self.env["ir.attachment"].with_user(self.prof_soc)
        self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.prof_soc).read(["datas"])

    def test_public_attachment_of_a_don_document(self):
        # The public flag opens a file to everybody in Odoo; not on DON.
        self.attachment.public = True
        self.attachment.generate_access_token()
        Attachment = self.env["ir.attachment"].with_user(self.prof_vei)
        self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.prof_vei).read(["datas"])
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.prof_vei).validate_access(self.attachment.access_token)
        self.assertTrue(self.attachment.with_user(self.prof_soc).read(["datas"]))

    def test_direct_create_with_recipient_without_access(self):
        # A Kernteamlid of the social domain creates a message on her own
        # domain's contribution directly, listing a colleague of another
        # domain who may not see it.
        mark = f"{MARK}-DIRECT"
        message = (
            self.env["mail.message"]
            .with_user(self.kt_soc)
            .create(
                {
                    "model": "don.case.note",
                    "res_id": self.note_soc.id,
                    "body": f"{mark} rechtstreeks",
                    "message_type": "comment",
                    "partner_ids": [Command.set((self.kt_pol | self.prof_soc).partner_id.ids)],
                }
            )
        )
        self.assertEqual(message.partner_ids, self.prof_soc.partner_id, "kt_pol is dropped")
        Message = self.env["mail.message"].with_user(self.kt_pol)
        self.assertFalse(Message.search([("body", "ilike", mark)]))
        with self.assertRaises(AccessError):
            message.with_user(self.kt_pol).read(["body", "record_name"])
        # Even a recipient added afterwards by a write does not get in.
        message.sudo().partner_ids = [Command.link(self.kt_pol.partner_id.id)]
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            message.with_user(self.kt_pol).read(["body"])

    def test_author_who_lost_access(self):
        # The author of a message who no longer may see the document does
        # not read it either: the document decides, now.
        message = self.case_a.with_user(self.prof_soc).message_post(
            body=f"{MARK} eigen bericht", message_type="comment"
        )
        self.withdraw()
        with self.assertRaises(AccessError):
            message.with_user(self.prof_soc).read(["body"])

    def test_action_task_of_a_case(self):
        # Messages and activities of an action on a case follow the case.
        project = self.env["project.project"].create({"name": "DON test", "is_don_project": True})
        task = self.env["project.task"].create(
            {"name": "Actie", "project_id": project.id, "don_case_id": self.case_a.id}
        )
        message = task.message_post(
            body=f"{MARK} actie", partner_ids=self.prof_vei.partner_id.ids, message_type="comment"
        )
        self.assertNotIn(self.prof_vei.partner_id, message.partner_ids)
        Message = self.env["mail.message"].with_user(self.prof_vei)
        self.assertFalse(Message.search([("body", "ilike", MARK)]))
        self.assertTrue(message.with_user(self.kt_soc).read(["body"]))

    def test_administrator_reads_no_tracking_or_mail_of_a_case(self):
        # Configuration rights are not data rights: the Odoo administrator
        # reads neither the tracked values nor the e-mails of a case.
        admin = self.env.ref("base.user_admin")
        tracking = self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]._get("don.case", "stage").id,
                "old_value_char": MARK,
                "new_value_char": "Analyse",
                "mail_message_id": self.message.id,
            }
        )
        self.assertFalse(
            self.env["mail.tracking.value"].with_user(admin).search([("id", "in", tracking.ids)])
        )
        self.assertFalse(
            self.env["mail.message"]
            .with_user(admin)
            .search([("model", "=", "don.case"), ("res_id", "=", self.case_a.id)])
        )


@tagged("post_install", "-at_install", "don_security")
class TestSideChannelsHttp(HttpCase, DonSideChannelCommon):
    """The Discuss routes and /web/content, as the withdrawn professional."""

    def _login(self, user):
        user.password = f"{user.login}_pw"
        self.authenticate(user.login, f"{user.login}_pw")

    def test_mail_routes_after_withdrawal(self):
        self._login(self.prof_soc)
        params = {"thread_model": "don.case", "thread_id": self.case_a.id}
        before = self.make_jsonrpc_request("/mail/thread/messages", params)
        self.assertIn(MARK, json.dumps(before))
        self.withdraw()
        for route, route_params in (
            ("/mail/thread/messages", params),
            ("/mail/history/messages", {}),
            ("/mail/inbox/messages", {}),
            ("/mail/starred/messages", {}),
        ):
            result = self.make_jsonrpc_request(route, route_params)
            self.assertNotIn(MARK, json.dumps(result), route)
        response = self.url_open(f"/web/content/{self.attachment.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(MARK, response.text)

    def test_web_content_with_token(self):
        # A token handed out while somebody had access is no key afterwards.
        token = self.attachment.generate_access_token()[0]
        self.attachment.public = True
        response = self.url_open(f"/web/content/{self.attachment.id}?access_token={token}")
        self.assertIn(response.status_code, (403, 404), "anonymous with a token")
        self.assertNotIn(MARK, response.text)
        self._login(self.prof_vei)
        response = self.url_open(f"/web/content/{self.attachment.id}?access_token={token}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(MARK, response.text)
        self._login(self.prof_soc)
        response = self.url_open(f"/web/content/{self.attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn(MARK, response.text)


@tagged("post_install", "-at_install", "don_security")
class TestSideLeakMatrix(DonTestCommon):
    """Marked side records on every secured record of the fixtures (both
    municipalities, every domain and sharing level), in their widest form:
    every user listed as recipient, notified and following, the file public.
    Every user finds exactly the side records of the documents they may read.
    The models come from the registry (don.access and don.side.guard)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users = cls.don_users | cls.outsiders | cls.kt_b
        partners = cls.users.partner_id
        project = env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        env["project.task"].create(
            [
                {"name": f"Actie {case.id}", "project_id": project.id, "don_case_id": case.id}
                for case in (cls.case_a | cls.case_b)
            ]
        )
        cls.docs = []
        for model_name in env["don.side.guard"]._don_document_models():
            Model = env[model_name].with_context(active_test=False)
            if "company_id" not in Model._fields:
                continue
            records = Model.search([("company_id", "in", (cls.company_a | cls.company_b).ids)])
            cls.docs += [(model_name, record.id) for record in records]
        messages = env["mail.message"].create(
            [
                {
                    "model": model_name,
                    "res_id": res_id,
                    "body": f"{MARK}-{model_name}-{res_id}",
                    "message_type": "comment",
                }
                for model_name, res_id in cls.docs
            ]
        )
        # Widest form, written in SQL past the recipient filter: every user
        # a recipient and notified.
        env.cr.executemany(
            "INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)"
            " VALUES (%s, %s)",
            [(message.id, partner.id) for message in messages for partner in partners],
        )
        env["mail.notification"].create(
            [
                {"mail_message_id": message.id, "res_partner_id": partner.id, "is_read": False}
                for message in messages
                for partner in partners
            ]
        )
        env.cr.executemany(
            "INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            [(m, r, partner.id) for m, r in cls.docs for partner in partners],
        )
        env["ir.attachment"].create(
            [
                {
                    "name": f"{MARK}.txt",
                    "raw": f"{MARK}-{m}-{r}".encode(),
                    "res_model": m,
                    "res_id": r,
                    "public": True,
                }
                for m, r in cls.docs
            ]
        )
        # An activity per document, assigned to every user in turn (past the
        # assignment check: as if the assignee lost access afterwards).
        env.cr.executemany(
            """INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                   activity_type_id, summary, date_deadline, active, create_date, write_date)
               SELECT m.id, %s, %s, %s, %s, %s, CURRENT_DATE, TRUE, now(), now()
                 FROM ir_model m WHERE m.model = %s""",
            [
                (m, r, user.id, env.ref("mail.mail_activity_data_todo").id, MARK, m)
                for m, r in cls.docs
                for user in cls.users
            ],
        )
        env.invalidate_all()

    def test_side_records_follow_their_document(self):
        models = {m for m, _r in self.docs}
        self.assertGreaterEqual(len(models), 7, models)
        for user in self.users:
            visible = set()
            for model_name in models:
                ids = [r for m, r in self.docs if m == model_name]
                try:
                    found = self.env[model_name].with_user(user).search([("id", "in", ids)])
                except AccessError:
                    continue
                visible |= {(model_name, res_id) for res_id in found.ids}
            for side, fields, domain in (
                ("mail.message", ("model", "res_id"), [("body", "ilike", MARK)]),
                ("mail.activity", ("res_model", "res_id"), [("summary", "=", MARK)]),
                ("ir.attachment", ("res_model", "res_id"), [("name", "=", f"{MARK}.txt")]),
                ("mail.followers", ("res_model", "res_id"), [("res_id", "!=", False)]),
            ):
                rows = self.env[side].with_user(user).search_read(domain, list(fields))
                got = {(row[fields[0]], row[fields[1]]) for row in rows} & set(self.docs)
                self.assertEqual(got, visible, f"{user.login}: {side}")
            notifications = (
                self.env["mail.notification"]
                .with_user(user)
                .search([("mail_message_id.body", "ilike", MARK)])
            )
            got = {
                (n.mail_message_id.sudo().model, n.mail_message_id.sudo().res_id)
                for n in notifications
            }
            self.assertEqual(got, visible, f"{user.login}: mail.notification")
            # Every visible document's marks are found: the test looks at
            # records that are there.
            if user == self.kt_soc:
                self.assertTrue(visible)
