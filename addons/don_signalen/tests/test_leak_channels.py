# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signals of another domain never show through any channel."""

import json

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SignalTestCommon

SECRET = "POLITIE-SIGNAAL"


@tagged("post_install", "-at_install", "don_security")
class TestSignalLeakChannels(SignalTestCommon):
    def test_search_counts_and_read_group(self):
        Signal = self.env["don.signal"].with_user(self.kt_soc)
        self.assertFalse(Signal.search([("description", "ilike", SECRET)]))
        self.assertEqual(Signal.search_count([]), 3)  # soc, kt, case
        groups = dict(Signal._read_group([], ["domain_id"], ["__count"]))
        self.assertNotIn(self.dom_pol, groups)
        groups = dict(
            self.env["don.signal"].with_user(self.prof_soc)._read_group([], ["state"], ["__count"])
        )
        self.assertEqual(sum(groups.values()), 2)

    def test_name_search_and_labels(self):
        Signal = self.env["don.signal"].with_user(self.kt_soc)
        self.assertFalse(Signal.name_search(self.sig_pol.reference))
        # A visible signal bundled into an invisible one: the label of the
        # main signal is read, but is only its number.
        self.sig_soc.bundle_id = self.sig_pol
        data = self.sig_soc.with_user(self.kt_soc).web_read(
            {"bundle_id": {"fields": {"display_name": {}}}}
        )
        self.assertNotIn(SECRET, json.dumps(data))
        self.assertNotIn("dealpand", json.dumps(data))

    def test_outsiders_see_nothing(self):
        for user in self.outsiders:
            with self.assertRaises(AccessError):
                self.env["don.signal"].with_user(user).search([])

    def test_export(self):
        self.kt_soc.groups_id = [
            Command.link(self.env.ref("don_core.group_don_export").id),
            Command.link(self.env.ref("base.group_allow_export").id),
        ]
        signals = self.env["don.signal"].with_user(self.kt_soc).search([])
        rows = signals.export_data(["reference", "description", "bundled_ids/description"])
        self.assertNotIn(SECRET, json.dumps(rows))
        with self.assertRaises(AccessError):
            self.sig_pol.with_user(self.kt_soc).export_data(["description"])

    def test_chatter_followers_notifications(self):
        message = self.sig_pol.with_user(self.kt_pol).message_post(
            body=f"{SECRET} aanvulling",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.kt_soc.partner_id.ids,
        )
        self.assertFalse(
            self.env["mail.message"].with_user(self.kt_soc).search([("body", "ilike", SECRET)])
        )
        with self.assertRaises(AccessError):
            message.with_user(self.kt_soc).read(["body"])
        notified = self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        self.assertFalse(notified.res_partner_id & self.kt_soc.partner_id)
        self.sig_pol.with_user(self.kt_pol).message_subscribe(
            partner_ids=self.kt_soc.partner_id.ids
        )
        self.assertNotIn(self.kt_soc.partner_id, self.sig_pol.message_partner_ids)

    def test_attachments(self):
        self.assert_attachment_follows_record(self.sig_pol, SECRET, self.kt_soc, self.kt_pol)

    def test_activities(self):
        with self.assertRaises(ValidationError):
            self.sig_pol.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.kt_soc.id, summary="Bellen"
            )
        activity = self.sig_soc.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.kt_soc.id, summary="Bellen"
        )
        self.assertEqual(activity.res_name, self.sig_soc.reference)

    def test_municipalities_do_not_cross(self):
        for user in self.don_users:
            self.assertFalse(
                self.env["don.signal"].with_user(user).search([("id", "=", self.sig_z.id)])
            )
        self.assertEqual(self.env["don.signal"].with_user(self.kt_b).search([]), self.sig_z)
