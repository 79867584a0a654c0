# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Sociaal domein user never sees Politie domain information (and vice
versa) through any channel; a user outside DON sees nothing at all."""

import base64
import json

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import DonTestCommon

SECRET_POL = "POLITIE-GEHEIM"
SECRET_SOC = "ZORG-GEHEIM"


@tagged("post_install", "-at_install", "don_security")
class TestLeakChannels(DonTestCommon):
    def test_search_and_counts(self):
        Note = self.env["don.case.note"]
        soc = Note.with_user(self.kt_soc)
        pol = Note.with_user(self.kt_pol)
        self.assertFalse(soc.search([("body", "ilike", SECRET_POL)]))
        self.assertFalse(pol.search([("body", "ilike", SECRET_SOC)]))
        self.assertEqual(soc.search_count([("case_id", "=", self.case_a.id)]), 3)
        self.assertEqual(pol.search_count([("case_id", "=", self.case_a.id)]), 2)
        groups = dict(soc._read_group([], ["domain_id"], ["__count"]))
        self.assertEqual(groups.get(self.dom_pol, 0), 1, "only the Kernteam-level police note")
        groups = dict(pol._read_group([], ["domain_id"], ["__count"]))
        self.assertNotIn(self.dom_soc, groups)

    def test_name_search(self):
        found = self.env["don.case.note"].with_user(self.kt_soc).name_search("dealpand")
        self.assertFalse(found)
        found = self.env["don.youth"].with_user(self.prof_soc).name_search("Liam")
        self.assertFalse(found, "a professional does not find youths outside their cases")
        found = self.env["don.youth"].with_user(self.kt_b).name_search("Noah")
        self.assertFalse(found, "another municipality finds nothing")

    def test_outsider_sees_nothing(self):
        for user in self.outsiders:
            for model in ("don.youth", "don.case", "don.case.note", "don.intervention"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
            partners = self.env["res.partner"].with_user(user).name_search("Noah Verbeek")
            self.assertFalse(partners, "young people are not contacts")
            # Discuss mentions and composer suggestions search partners.
            suggestions = self.env["res.partner"].with_user(user).get_mention_suggestions("Noah")
            self.assertFalse(json.dumps(suggestions, default=str).count("Verbeek"))

    def test_many2one_labels(self):
        # A relation visible to the professional points to a young person
        # they may not see: the label (read with sudo) is the reference.
        relation = self.relation_soc
        relation.related_youth_id = self.youth_b
        data = relation.with_user(self.prof_soc).web_read(
            {"related_youth_id": {"fields": {"display_name": {}}}}
        )
        label = data[0]["related_youth_id"]["display_name"]
        self.assertEqual(label, self.youth_b.reference)
        self.assertNotIn("Liam", label)
        # The Kernteam member may see the young person and gets the name.
        data = relation.with_user(self.kt_soc).web_read(
            {"related_youth_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(data[0]["related_youth_id"]["display_name"], "Liam de Groot")
        # A case's label never names the young person.
        self.assertNotIn("Noah", self.case_a.with_user(self.kt_soc).display_name)

    def test_user_tags_are_the_orms(self):
        """The tags of the involved professionals on a case form (names read
        with sudo after the ORM read the users): the same users and names as
        Odoo's own web_read gives, for each role; an archived professional
        is not listed."""
        self.case_a.involved_user_ids = [Command.set((self.prof_soc | self.prof_vei).ids)]
        self.prof_vei.active = False
        tags = {"involved_user_ids": {"fields": {"display_name": {}}}}
        # A limit makes it Odoo's path: web_read of the users themselves.
        odoo_path = {"involved_user_ids": {"fields": {"display_name": {}}, "limit": 40}}
        for user in (self.kt_soc, self.kt_pol, self.prof_soc):
            case = self.case_a.with_user(user)
            self.env.invalidate_all()
            got = case.web_read(tags)[0]["involved_user_ids"]
            self.env.invalidate_all()
            self.assertEqual(got, case.web_read(odoo_path)[0]["involved_user_ids"], user.login)
            self.assertEqual(got, [{"id": self.prof_soc.id, "display_name": self.prof_soc.name}])

    def test_tabs_show_what_the_orm_shows(self):
        """The tabs of a case form (its lines, searched with the columns the
        form shows): for each role exactly the lines and values the ORM's own
        search and read give that user, in the same order."""
        tabs = {
            "note_ids": ["date", "name", "domain_id", "sharing_level", "author_id"],
            "factor_ids": ["factor_id", "assessment", "domain_id", "sharing_level"],
            "relation_ids": ["relation_type", "name", "influence", "sharing_level"],
            "intervention_ids": ["type_id", "name", "state", "domain_id"],
        }
        spec = {
            fname: {"fields": {name: {} for name in columns}, "limit": 40}
            for fname, columns in tabs.items()
        }
        for user in (self.kt_soc, self.kt_pol, self.kt_vei, self.prof_soc):
            case = self.case_a.with_user(user)
            self.env.invalidate_all()
            shown = case.web_read(spec)[0]
            for fname, columns in tabs.items():
                self.env.invalidate_all()
                model = self.env[self.case_a._fields[fname].comodel_name].with_user(user)
                lines = model.search([("case_id", "=", self.case_a.id)])
                expected = lines.read(columns, load=None)
                got = [{key: value for key, value in row.items()} for row in shown[fname]]
                self.assertEqual(got, expected, f"{user.login}: {fname}")
        secrets = [
            row["name"] for row in self.case_a.with_user(self.kt_soc).web_read(spec)[0]["note_ids"]
        ]
        self.assertNotIn(self.note_pol.name, secrets)

    def test_tab_counts_are_the_searchs(self):
        """The counts on the case form's buttons (contributions,
        interventions) equal the user's search_count: computed from the tab's
        lines when the form read them, with a query otherwise, and also when
        other code read every line with sudo before (the lines in memory are
        then checked against the rules)."""
        counted = {"note_count": "don.case.note", "intervention_count": "don.intervention"}
        form = {
            "note_ids": {"fields": {"name": {}}},
            "intervention_ids": {"fields": {"name": {}}},
            **{fname: {} for fname in counted},
        }
        for user in (self.kt_soc, self.kt_pol, self.kt_vei, self.prof_soc):
            for prepare in ("form", "sudo read first", "counts alone"):
                self.env.invalidate_all()
                case = self.case_a.with_user(user)
                if prepare == "sudo read first":
                    self.case_a.sudo().note_ids.mapped("name")
                    self.case_a.sudo().intervention_ids.mapped("name")
                # After a sudo read only the counts are asked: the web client
                # never reads a form after server code in the same request.
                spec = form if prepare == "form" else {fname: {} for fname in counted}
                values = case.web_read(spec)[0]
                for fname, model in counted.items():
                    Model = self.env[model].with_user(user)
                    expected = Model.search_count([("case_id", "=", self.case_a.id)])
                    self.assertEqual(values[fname], expected, f"{user.login}, {prepare}: {fname}")
        Note = self.env["don.case.note"].with_user(self.kt_soc)
        self.assertLess(
            Note.search_count([("case_id", "=", self.case_a.id)]),
            len(self.case_a.sudo().note_ids),
            "a hidden contribution exists on this case",
        )

    def test_tab_counts_after_narrowing_in_the_same_transaction(self):
        """Found by the review of the counts: a contribution narrowed to its
        own domain after the case form was read in the same transaction left
        the Sociaal domein Kernteam member's count of the contributions at the old value
        (the access relation was recomputed for the contribution, not the
        case's counts)."""
        Note = self.env["don.case.note"]
        case = self.case_a.with_user(self.kt_soc)
        before = case.web_read({"note_count": {}, "has_hidden_info": {}})[0]
        self.assertEqual(
            before["note_count"],
            Note.with_user(self.kt_soc).search_count([("case_id", "=", self.case_a.id)]),
        )
        # The Politie author narrows it to the Politie domain.
        self.note_kt.with_user(self.kt_pol).write({"sharing_level": "domain"})
        after = case.web_read({"note_count": {}, "has_hidden_info": {}})[0]
        count = Note.with_user(self.kt_soc).search_count([("case_id", "=", self.case_a.id)])
        self.assertEqual(after["note_count"], count)
        self.assertEqual(after["note_count"], before["note_count"] - 1)
        self.assertTrue(after["has_hidden_info"])

    def test_export(self):
        case = self.case_a.with_user(self.kt_soc)
        with self.assertRaises(AccessError):
            case.export_data(["note_ids/body"])
        self.kt_soc.groups_id = [
            Command.link(self.env.ref("don_core.group_don_export").id),
            Command.link(self.env.ref("base.group_allow_export").id),
        ]
        rows = case.export_data(["reference", "note_ids/body"])["datas"]
        dump = json.dumps(rows)
        self.assertIn(SECRET_SOC, dump)
        self.assertNotIn(SECRET_POL, dump)

    def test_related_and_computed_fields(self):
        case = self.case_a.with_user(self.kt_soc)
        self.assertEqual(case.note_count, 3)
        self.assertTrue(case.has_hidden_info)
        self.assertNotIn(SECRET_POL, " ".join(case.note_ids.mapped("body")))
        self.assertEqual(self.case_b.with_user(self.kt_soc).has_hidden_info, False)
        # One request serves one user; the test switches users, so it
        # drops the record cache as a new request would.
        self.env.invalidate_all()
        case = self.case_a.with_user(self.prof_soc)
        self.assertEqual(case.note_count, 2, case.note_ids.mapped("name"))
        self.assertNotIn(SECRET_POL, " ".join(case.note_ids.mapped("body")))

    def test_access_error_text_in_debug_mode(self):
        # Internal users have 'Technical features' (debug): the extended
        # AccessError lists record labels; they must not leak content.
        with self.assertRaises(AccessError) as error:
            self.note_pol.with_user(self.kt_soc).read(["body"])
        text = str(error.exception)
        self.assertNotIn("dealpand", text)
        self.assertNotIn(SECRET_POL, text)
        with self.assertRaises(AccessError) as error:
            self.youth_b.with_user(self.prof_soc).read(["name"])
        self.assertNotIn("Liam", str(error.exception))

    def test_chatter_messages(self):
        message = self.note_pol.with_user(self.kt_pol).message_post(
            body=f"{SECRET_POL} extra informatie", message_type="comment"
        )
        Message = self.env["mail.message"].with_user(self.kt_soc)
        self.assertFalse(Message.search([("body", "ilike", SECRET_POL)]))
        with self.assertRaises(AccessError):
            message.with_user(self.kt_soc).read(["body"])
        # The professional reads the chatter of the case they are involved in.
        case_msg = self.case_a.with_user(self.kt_soc).message_post(body="Casusoverleg gepland")
        self.assertTrue(case_msg.with_user(self.prof_soc).read(["body"]))

    def test_followers_and_notifications(self):
        note = self.note_pol.with_user(self.kt_pol)
        note.message_subscribe(partner_ids=self.kt_soc.partner_id.ids)
        self.assertNotIn(self.kt_soc.partner_id, self.note_pol.message_partner_ids)
        # A mention of a user without access does not notify them (no inbox
        # item, no e-mail with the content).
        message = note.message_post(
            body=f"{SECRET_POL} zie bijlage",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(self.kt_soc.partner_id | self.kt_om.partner_id).ids,
        )
        notified = self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        self.assertFalse(notified.res_partner_id & self.kt_soc.partner_id)
        # Listed recipients may read a message whatever the record: the user
        # without access is not listed, so the message stays closed to them.
        self.assertNotIn(self.kt_soc.partner_id, message.partner_ids)
        with self.assertRaises(AccessError):
            message.with_user(self.kt_soc).read(["body"])
        self.assertFalse(
            self.env["mail.message"].with_user(self.kt_soc).search([("id", "=", message.id)])
        )
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertNotIn(
            self.kt_soc.email,
            " ".join(mails.mapped("email_to") + mails.recipient_ids.mapped("email")),
        )
        # Followers with access are notified as usual.
        case = self.case_a.with_user(self.kt_soc)
        case.message_subscribe(partner_ids=self.prof_soc.partner_id.ids)
        self.assertIn(self.prof_soc.partner_id, self.case_a.message_partner_ids)

    def test_attachments(self):
        self.assert_attachment_follows_record(self.note_pol, SECRET_POL, self.kt_soc, self.kt_pol)

    def test_activities(self):
        # Assigning an activity shows the record's label to the assignee:
        # refused for somebody without access.
        with self.assertRaises(ValidationError):
            self.case_b.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.prof_soc.id, summary="Bellen"
            )
        activity = self.case_a.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.prof_soc.id, summary="Bellen"
        )
        self.assertEqual(activity.res_name, self.case_a.reference)
        self.assertNotIn("Noah", activity.with_user(self.prof_soc).res_name)

    def test_municipalities_do_not_cross(self):
        for model, record in (
            ("don.youth", self.youth_z),
            ("don.case", self.case_z),
            ("don.case.note", self.note_z),
        ):
            for user in self.don_users:
                self.assertFalse(
                    self.env[model].with_user(user).search([("id", "=", record.id)]),
                    f"{user.login} finds {model} of another municipality",
                )
        self.assertEqual(self.env["don.case"].with_user(self.kt_b).search([]), self.case_z)


@tagged("post_install", "-at_install", "don_security")
class TestLeakChannelsHttp(HttpCase, DonTestCommon):
    """Channels that go through the HTTP layer: /web/content and JSON-RPC."""

    def test_web_content_and_rpc(self):
        self.kt_soc.password = "t_kt_soc_pw"
        attachment = self.env["ir.attachment"].create(
            {
                "name": "pv.txt",
                "datas": base64.b64encode(SECRET_POL.encode()),
                "res_model": "don.case.note",
                "res_id": self.note_pol.id,
            }
        )
        self.authenticate("t_kt_soc", "t_kt_soc_pw")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(SECRET_POL, response.text)
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/don.case.note/web_search_read",
            {
                "model": "don.case.note",
                "method": "web_search_read",
                "args": [],
                "kwargs": {"domain": [], "specification": {"name": {}, "body": {}}},
            },
        )
        dump = json.dumps(result)
        self.assertIn(SECRET_SOC, dump)
        self.assertNotIn(SECRET_POL, dump)
        response = self.url_open(
            "/web/dataset/call_kw/don.case.note/read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "don.case.note",
                        "method": "read",
                        "args": [[self.note_pol.id], ["body"]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertNotIn(SECRET_POL, response.text)
        self.assertNotIn("dealpand", response.text)
