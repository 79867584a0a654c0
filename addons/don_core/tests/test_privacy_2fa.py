# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Strong login: DON roles that open personal data need two-factor
authentication when their municipality requires it."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonTestCommon

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestStrongLogin(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.don_require_2fa = True

    def assertRefused(self, func):
        with self.assertRaises(AccessError) as caught:
            func()
        message = str(caught.exception)
        self.assertIn("two-factor authentication", message)
        self.assertIn("Account Security", message)
        self.assertIn("Preferences", message)

    def test_new_municipality_requires_2fa_by_default(self):
        company = self.env["res.company"].create({"name": "Gemeente Nieuwdorp"})
        self.assertTrue(company.don_require_2fa)

    def test_don_user_without_2fa_is_refused(self):
        Case = self.env["don.case"].with_user(self.kt_soc)
        self.assertRefused(lambda: Case.search([]))
        self.assertRefused(lambda: self.case_a.with_user(self.kt_soc).read(["reference"]))
        self.assertRefused(lambda: self.case_a.with_user(self.kt_soc).web_read({"reference": {}}))
        self.assertRefused(lambda: Case.web_search_read([], {"reference": {}}))
        self.assertRefused(lambda: Case.search_count([]))
        self.assertRefused(
            lambda: self.env["don.youth"].with_user(self.prof_soc).name_search("Noah")
        )
        self.assertRefused(
            lambda: (
                self.env["don.case.note"]
                .with_user(self.kt_pol)
                .read_group([], ["domain_id"], ["domain_id"])
            )
        )
        # The privacy officer's records too.
        self.assertRefused(lambda: self.env["don.access.log"].with_user(self.privacy).search([]))
        self.assertRefused(
            lambda: self.env["don.subject.request"].with_user(self.privacy).search([])
        )
        self.assertRefused(
            lambda: self.env["don.retention.review"].with_user(self.privacy).search([])
        )

    def test_allowed_once_2fa_is_enabled(self):
        self.kt_soc.sudo().totp_secret = SECRET
        self.assertTrue(self.kt_soc.totp_enabled)
        cases = self.env["don.case"].with_user(self.kt_soc).search([])
        self.assertIn(self.case_a, cases)
        self.case_a.with_user(self.kt_soc).web_read({"reference": {}})
        self.privacy.sudo().totp_secret = SECRET
        self.env["don.access.log"].with_user(self.privacy).search([])
        # Another user without 2FA is still refused.
        self.assertRefused(lambda: self.env["don.case"].with_user(self.kt_pol).search([]))

    def test_setting_off_allows_without_2fa(self):
        self.company_a.don_require_2fa = False
        self.assertIn(self.case_a, self.env["don.case"].with_user(self.kt_soc).search([]))

    def test_required_by_any_of_the_users_municipalities(self):
        self.company_a.don_require_2fa = False
        self.company_b.don_require_2fa = True
        self.kt_soc.sudo().company_ids = [(4, self.company_b.id)]
        self.assertRefused(lambda: self.env["don.case"].with_user(self.kt_soc).search([]))

    def test_gate_follows_every_change_at_once(self):
        """The gate's answer is cached per user: every change of what it
        depends on must reach the next search, in both directions."""
        Case = self.env["don.case"].with_user(self.kt_soc)
        self.assertRefused(lambda: Case.search([]))
        self.kt_soc.sudo().totp_secret = SECRET
        self.assertIn(self.case_a, Case.search([]))
        self.kt_soc.sudo().totp_secret = False
        self.assertRefused(lambda: Case.search_count([]))
        self.company_a.don_require_2fa = False
        self.assertIn(self.case_a, Case.search([]))
        self.company_a.don_require_2fa = True
        self.assertRefused(lambda: Case.search([]))
        # Without a DON role the gate has nothing to say (removed through
        # the group, as in Settings): the plain access rights refuse.
        for xmlid in ("don_core.group_don_kernteam", "don_core.group_don_professional"):
            self.env.ref(xmlid).write({"users": [(3, self.kt_soc.id)]})
        with self.assertRaises(AccessError) as caught:
            Case.search([])
        self.assertNotIn("two-factor", str(caught.exception))
        self.kt_soc.write({"groups_id": [(4, self.env.ref("don_core.group_don_kernteam").id)]})
        self.assertRefused(lambda: Case.search([]))
        # A user whose "no role, nothing to refuse" answer is cached gets a
        # role through the group form: refused from the next search on.
        self.assertFalse(self.plain._don_2fa_missing())
        self.env.ref("don_core.group_don_kernteam").write({"users": [(4, self.plain.id)]})
        self.assertRefused(lambda: self.env["don.case"].with_user(self.plain).search([]))

    def test_roles_without_personal_data_and_superuser_unaffected(self):
        # The configuration role, management reporting and plain users see
        # no personal records anyway; they keep their (empty) results.
        for user in self.manager | self.reporting:
            self.env["don.domain"].with_user(user).search([])
        self.assertTrue(self.env["don.case"].sudo().search([]))
        admin = self.env.ref("base.user_admin")
        self.assertTrue(self.env["don.domain"].with_user(admin).search([]))

    def test_message_is_translated(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.kt_soc.lang = "nl_NL"
        with self.assertRaises(AccessError) as caught:
            self.env["don.case"].with_user(self.kt_soc).with_context(lang="nl_NL").search([])
        self.assertIn("Accountveiligheid", str(caught.exception))
