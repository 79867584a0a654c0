# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access matrix of the privacy models, the access-log review and the
processing register."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestPrivacyAccessMatrix(DonTestCommon):
    def assertMatrix(self, check, record_or_model, expected, *args):
        """Exactly the users in ``expected`` pass ``check``."""
        everybody = self.don_users | self.outsiders | self.kt_b | self.privacy_b
        got = {user.login for user in everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, set(expected.mapped("login")), f"{check.__name__} {record_or_model}")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["don.retention.policy"].create(
            {"company_id": cls.company_a.id, "record_type": "case", "period_years": 5}
        )
        cls.policy_b = cls.env["don.retention.policy"].create(
            {"company_id": cls.company_b.id, "record_type": "case", "period_years": 5}
        )
        cls.review = cls.env["don.retention.review"].create(
            {
                "company_id": cls.company_a.id,
                "record_type": "case",
                "action": "anonymise",
                "case_id": cls.case_b.id,
                "subject_ref": cls.case_b.reference,
                "retention_date": date(2020, 1, 1),
            }
        )
        cls.request = cls.env["don.subject.request"].create(
            {"requester_name": "Vader", "company_id": cls.company_a.id}
        )
        cls.privacy_b = cls.privacy.copy(
            {
                "login": "t_privacy_b",
                "company_id": cls.company_b.id,
                "company_ids": [Command.set(cls.company_b.ids)],
            }
        )

    def test_retention_policy(self):
        self.assertMatrix(self.can_read, self.policy, self.manager | self.privacy)
        self.assertMatrix(self.can_read, self.policy_b, self.privacy_b)
        self.assertMatrix(self.can_write, self.policy, self.manager, {"period_years": 6})
        self.assertMatrix(
            self.can_create,
            "don.retention.policy",
            self.manager,
            {"company_id": self.company_a.id, "record_type": "youth", "period_years": 1},
        )
        self.assertMatrix(self.can_unlink, self.policy, self.manager)

    def test_retention_review(self):
        self.assertMatrix(self.can_read, self.review, self.privacy)
        self.assertFalse(self.can_read(self.privacy_b, self.review), "other municipality")
        self.assertMatrix(self.can_write, self.review, self.privacy, {"decision_note": "x"})
        self.assertMatrix(
            self.can_create,
            "don.retention.review",
            self.env["res.users"],
            {
                "company_id": self.company_a.id,
                "record_type": "case",
                "action": "delete",
                "subject_ref": "X",
                "retention_date": date(2020, 1, 1),
            },
        )
        self.assertMatrix(self.can_unlink, self.review, self.env["res.users"])

    def test_subject_request(self):
        self.assertMatrix(self.can_read, self.request, self.privacy)
        self.assertFalse(self.can_read(self.privacy_b, self.request), "other municipality")
        self.assertMatrix(self.can_write, self.request, self.privacy, {"requester_name": "Y"})
        self.assertMatrix(
            self.can_create,
            "don.subject.request",
            self.privacy,
            {"requester_name": "Z", "company_id": self.company_a.id},
        )
        self.assertMatrix(self.can_unlink, self.request, self.env["res.users"])

    def test_access_log_report(self):
        self.case_a.with_user(self.kt_vei).web_read({"reference": {}})
        row = self.env["don.access.log.report"].search([("user_id", "=", self.kt_vei.id)])
        self.assertTrue(row)
        self.assertMatrix(self.can_read, row, self.privacy)

    def test_review_shows_no_names(self):
        # The review list names the record by its number only: it outlives
        # the anonymisation, and the officer needs no name to decide.
        self.assertEqual(self.review.with_user(self.privacy).display_name, self.case_b.reference)
        self.env["don.retention.review"].browse(self.review.ids)._notify_privacy_officers()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "don.retention.review"), ("res_id", "=", self.review.id)]
        )
        self.assertEqual(activity.user_id, self.privacy)
        self.assertNotIn("Liam", activity.res_name + (activity.summary or "") + str(activity.note))


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestAccessLogReview(DonTestCommon):
    def test_access_log_has_no_write_acl_for_anyone(self):
        acls = self.env["ir.model.access"].search([("model_id.model", "=", "don.access.log")])
        self.assertTrue(acls)
        self.assertFalse(any(acls.mapped("perm_write")))
        self.assertFalse(any(acls.mapped("perm_create")))
        self.assertFalse(any(acls.mapped("perm_unlink")))

    def test_anonymise_flag_needs_the_system(self):
        self.case_a.with_user(self.kt_soc).web_read({"reference": {}})
        log = self.env["don.access.log"].search([], limit=1)
        for user in self.privacy | self.env.ref("base.user_admin"):
            with self.assertRaises(AccessError):
                log.with_user(user).with_context(don_access_log_anonymise=True).write(
                    {"subject_name": False}
                )
        # Over JSON-RPC a context flag cannot bring sudo: the same call path.
        with self.assertRaises(AccessError):
            log.with_user(self.privacy).with_context(don_access_log_write=True).create(
                {"user_id": self.privacy.id, "res_model": "don.case", "res_id": 1}
            )

    def test_opens_per_user_per_day_and_uninvolved(self):
        # kt_vei is in no case: every opening is "not involved".
        for case in self.case_a | self.case_b:
            case.with_user(self.kt_vei).web_read({"reference": {}})
        self.case_a.with_user(self.kt_soc).web_read({"reference": {}})
        Report = self.env["don.access.log.report"].with_user(self.privacy)
        vei = Report.search([("user_id", "=", self.kt_vei.id)])
        self.assertEqual(vei.open_count, 2)
        self.assertEqual(vei.uninvolved_count, 2)
        soc = Report.search([("user_id", "=", self.kt_soc.id)])
        self.assertEqual(soc.uninvolved_count, 0)
        unusual = Report.search([("uninvolved_count", ">", 0)])
        self.assertIn(self.kt_vei, unusual.user_id)
        self.assertNotIn(self.kt_soc, unusual.user_id)

    def test_weekly_review_notifies_the_privacy_officer(self):
        # A Kernteamlid opening files is normal: no message about kt_vei.
        # A professional opening a file without involvement is not.
        # (No night window: the test may run at night.)
        self.company_a.write(
            {
                "don_access_review_threshold": 2,
                "don_access_night_start": 0,
                "don_access_night_end": 0,
            }
        )
        for case in self.case_a | self.case_b:
            case.with_user(self.kt_vei).web_read({"reference": {}})
        self.env["don.access.log"].sudo().with_context(don_access_log_write=True).create(
            {
                "user_id": self.prof_vei.id,
                "res_model": "don.case",
                "res_id": self.case_b.id,
                "purpose": "domain",
                "company_id": self.company_a.id,
            }
        )
        self.env["don.access.log.report"]._cron_review_access()
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.privacy.partner_id.ids)], limit=1
        )
        self.assertTrue(message)
        self.assertIn(self.prof_vei.name, message.body)
        self.assertNotIn(self.kt_vei.name, message.body)
        self.assertNotIn("Noah", message.body)
        # Other users cannot read the notification.
        with self.assertRaises(AccessError):
            message.with_user(self.kt_soc).read(["body"])

    def test_normal_use_no_notification(self):
        self.company_a.write({"don_access_night_start": 0, "don_access_night_end": 0})
        self.case_a.with_user(self.kt_vei).web_read({"reference": {}})
        self.case_a.with_user(self.prof_soc).web_read({"reference": {}})
        before = self.env["mail.message"].search_count(
            [("partner_ids", "in", self.privacy.partner_id.ids)]
        )
        self.env["don.access.log.report"]._cron_review_access()
        after = self.env["mail.message"].search_count(
            [("partner_ids", "in", self.privacy.partner_id.ids)]
        )
        self.assertEqual(before, after)


@tagged("post_install", "-at_install", "don_privacy")
class TestProcessingRegister(DonTestCommon):
    def test_register_lists_bases_and_retention(self):
        self.env["don.retention.policy"].create(
            {
                "company_id": self.company_a.id,
                "record_type": "case",
                "period_years": 5,
                "data_categories": "Politie- en zorginformatie",
                "legal_basis_id": self.basis.id,
            }
        )
        Report = self.env["ir.actions.report"].with_user(self.privacy)
        html, _type = Report._render_qweb_html(
            "don_core.action_report_don_processing_register", self.company_a.ids
        )
        html = html.decode()
        self.assertIn("Test covenant art. 5", html)
        self.assertIn("Politie- en zorginformatie", html)
        self.assertNotIn("Noah", html)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.kt_soc)._render_qweb_html(
                "don_core.action_report_don_processing_register", self.company_a.ids
            )


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestAccessLogOverRpc(HttpCase, DonTestCommon):
    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_log_cannot_be_changed_over_rpc(self):
        self.case_a.with_user(self.kt_soc).web_read({"reference": {}})
        log = self.env["don.access.log"].search([], limit=1)
        for login in ("t_privacy", "t_kt_soc", "admin"):
            self.authenticate(login, login)
            attempts = (
                ("write", [log.ids, {"subject_name": "weg"}], {}),
                (
                    "write",
                    [log.ids, {"subject_name": "weg"}],
                    {"context": {"don_access_log_anonymise": True}},
                ),
                ("unlink", [log.ids], {}),
                (
                    "create",
                    [{"user_id": 2, "res_model": "don.case", "res_id": 1}],
                    {"context": {"don_access_log_write": True}},
                ),
            )
            for method, args, kwargs in attempts:
                with (
                    self.assertRaises(JsonRpcException, msg=f"{login} {method}") as caught,
                    mute_logger("odoo.http"),
                ):
                    self._call("don.access.log", method, args, kwargs)
                self.assertEqual(
                    str(caught.exception), "odoo.exceptions.AccessError", f"{login} {method}"
                )
        self.assertTrue(log.exists())
        self.assertEqual(log.subject_name, "Noah Verbeek")
