# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestAccessLog(DonTestCommon):
    def _open(self, user, record):
        return record.with_user(user).web_read({"display_name": {}, "reference": {}})

    def test_opening_is_logged(self):
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        self._open(self.prof_soc, self.case_a)
        self._open(self.kt_pol, self.youth_b)
        logs = Log.search([], limit=2)
        self.assertEqual(Log.search_count([]), before + 2)
        case_log = logs.filtered(lambda log: log.res_model == "don.case")
        self.assertEqual(case_log.user_id, self.prof_soc)
        self.assertEqual(case_log.subject_ref, self.case_a.reference)
        self.assertEqual(case_log.youth_id, self.youth_a)
        self.assertTrue(case_log.involved)
        self.assertIn("Professional", case_log.capacity)
        youth_log = logs.filtered(lambda log: log.res_model == "don.youth")
        self.assertFalse(youth_log.involved)

    def test_involvement_is_the_fields_and_follows_the_groups_at_once(self):
        """Only a user the field can hold is involved: the involved
        professionals are professionals. Someone else written into the list
        (a write ignores the field's domain) is not, and a user stops or
        starts being involved with the role (the check is cached per user; a
        change of groups clears it)."""
        Log = self.env["don.access.log"]

        def involved(user):
            Log.with_user(user)._log_records(self.case_a)
            return Log.search([], limit=1).involved

        self.assertTrue(involved(self.prof_soc))
        self.case_a.involved_user_ids = [Command.link(self.privacy.id)]
        self.assertFalse(involved(self.privacy), "not a professional")
        professional = self.env.ref("don_core.group_don_professional")
        self.privacy.write({"groups_id": [Command.link(professional.id)]})
        self.assertTrue(involved(self.privacy))
        self.privacy.write({"groups_id": [Command.unlink(professional.id)]})
        self.assertFalse(involved(self.privacy))

    def test_capacity_follows_a_role_change_at_once(self):
        """The capacity is cached per user: a new role, or a role taken
        away, shows in the very next log line."""
        Log = self.env["don.access.log"]
        self._open(self.prof_soc, self.case_a)
        first = Log.search([], limit=1).capacity
        self.assertNotIn("Kernteam", first)
        kernteam = self.env.ref("don_core.group_don_kernteam")
        self.prof_soc.write({"groups_id": [Command.link(kernteam.id)]})
        self._open(self.prof_soc, self.case_a)
        self.assertIn(kernteam.name, Log.search([], limit=1).capacity)
        kernteam.write({"users": [Command.unlink(self.prof_soc.id)]})
        self._open(self.prof_soc, self.case_a)
        self.assertEqual(Log.search([], limit=1).capacity, first)

    def test_failed_open_is_not_logged_as_seen(self):
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        with self.assertRaises(AccessError):
            self._open(self.prof_vei, self.case_a)
        self.assertEqual(Log.search_count([]), before)

    def test_log_is_immutable_for_every_role(self):
        self._open(self.kt_soc, self.case_a)
        log = self.env["don.access.log"].search([], limit=1)
        for user in self.don_users | self.outsiders | self.env.ref("base.user_admin"):
            with self.assertRaises(AccessError, msg=user.login):
                log.with_user(user).write({"subject_name": "weg"})
            with self.assertRaises(AccessError, msg=user.login):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError, msg=user.login):
                self.env["don.access.log"].with_user(user).create(
                    {"user_id": user.id, "res_model": "don.case", "res_id": 1}
                )
        # Not even with sudo (e.g. a server action) without the system flag.
        with self.assertRaises(AccessError):
            log.sudo().write({"subject_name": "weg"})
        with self.assertRaises(AccessError):
            log.sudo().unlink()

    def test_only_privacy_officer_reads(self):
        self._open(self.kt_soc, self.case_a)
        self.assertTrue(self.env["don.access.log"].with_user(self.privacy).search([]))
        for user in self.don_users | self.manager | self.reporting | self.plain:
            with self.assertRaises(AccessError):
                self.env["don.access.log"].with_user(user).search([])

    def test_list_rows_are_not_openings(self):
        # A page of a list is one consultation ("listed"), not an opening
        # of each file on it.
        Log = self.env["don.access.log"]
        before = Log.search_count([])
        self.env["don.case"].with_user(self.kt_soc).web_search_read(
            [("id", "in", (self.case_a | self.case_b).ids)], {"reference": {}, "stage": {}}
        )
        self.assertEqual(Log.search_count([]), before + 1)
        log = Log.search([], limit=1)
        self.assertEqual((log.action, log.record_count), ("list", 2))
        self.assertFalse(Log.search_count([("action", "=", "open"), ("id", ">=", log.id)]))
