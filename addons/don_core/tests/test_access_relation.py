# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access relation follows every change that decides visibility, at
once (no stale rule cache)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestAccessRelation(DonTestCommon):
    def test_removing_involvement_ends_access_at_once(self):
        Case = self.env["don.case"].with_user(self.prof_soc)
        self.assertEqual(Case.search([("id", "=", self.case_a.id)]), self.case_a)
        # Warm every cache the rule evaluation might use.
        self.case_a.with_user(self.prof_soc).read(["summary"])
        self.case_a.involved_user_ids = [Command.unlink(self.prof_soc.id)]
        self.assertFalse(Case.search([("id", "=", self.case_a.id)]))
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.prof_soc).read(["summary"])
        # Their domain's contributions on that case go with it; what they
        # wrote themselves or what names them stays theirs.
        Note = self.env["don.case.note"].with_user(self.prof_soc)
        self.assertFalse(Note.search([("id", "=", self.note_soc.id)]))
        self.assertTrue(Note.search([("id", "=", self.note_inv.id)]))
        self.assertFalse(self.env["don.youth"].with_user(self.prof_soc).search([]))

    def test_adding_involvement_gives_access(self):
        Case = self.env["don.case"].with_user(self.prof_vei)
        self.assertFalse(Case.search([]))
        self.case_b.involved_user_ids = [Command.link(self.prof_vei.id)]
        self.assertEqual(Case.search([]), self.case_b)
        self.assertEqual(self.env["don.youth"].with_user(self.prof_vei).search([]), self.youth_b)

    def test_role_change(self):
        Note = self.env["don.case.note"].with_user(self.prof_vei)
        self.assertFalse(Note.search([("id", "=", self.note_kt.id)]))
        # Promoted to Kernteamlid through the user form.
        self.prof_vei.write(
            {"groups_id": [Command.link(self.env.ref("don_core.group_don_kernteam").id)]}
        )
        self.assertTrue(Note.search([("id", "=", self.note_kt.id)]))
        # Demoted through the group (e.g. Settings > Groups).
        self.env.ref("don_core.group_don_kernteam").write(
            {"users": [Command.unlink(self.prof_vei.id)]}
        )
        self.assertFalse(Note.search([("id", "=", self.note_kt.id)]))

    def test_domain_change(self):
        Note = self.env["don.case.note"].with_user(self.kt_soc)
        self.assertFalse(Note.search([("id", "=", self.note_pol.id)]))
        self.kt_soc.write(
            {"groups_id": [Command.link(self.env.ref("don_core.group_domain_politie").id)]}
        )
        self.assertTrue(Note.search([("id", "=", self.note_pol.id)]))
        self.kt_soc.write(
            {"groups_id": [Command.unlink(self.env.ref("don_core.group_domain_politie").id)]}
        )
        self.assertFalse(Note.search([("id", "=", self.note_pol.id)]))

    def test_deactivated_user_loses_access(self):
        self.kt_pol.active = False
        self.env.cr.execute(
            "SELECT count(*) FROM don_access_entry WHERE user_id = %s", [self.kt_pol.id]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_company_change(self):
        self.kt_b.write({"company_ids": [Command.link(self.company_a.id)]})
        Case = (
            self.env["don.case"]
            .with_user(self.kt_b)
            .with_context(allowed_company_ids=(self.company_a | self.company_b).ids)
        )
        self.assertIn(self.case_a, Case.search([]))

    def test_widening_is_explicit_and_logged(self):
        note = self.note_soc.with_user(self.kt_soc)
        with self.assertRaises(UserError):
            note.write({"sharing_level": "kernteam", "legal_basis_id": self.basis.id})
        wizard = (
            self.env["don.share.wizard"]
            .with_user(self.kt_soc)
            .create(
                {
                    "res_model": "don.case.note",
                    "res_id": self.note_soc.id,
                    "sharing_level": "kernteam",
                    "reason": "Nodig voor de analyse in het Kernteam",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_apply()  # no legal basis
        wizard.legal_basis_id = self.basis
        self.assertFalse(
            self.env["don.case.note"].with_user(self.kt_pol).search([("id", "=", self.note_soc.id)])
        )
        wizard.action_apply()
        self.assertEqual(self.note_soc.sharing_level, "kernteam")
        self.assertTrue(
            self.env["don.case.note"].with_user(self.kt_pol).search([("id", "=", self.note_soc.id)])
        )
        logged = self.note_soc.message_ids.filtered(
            lambda m: "Nodig voor de analyse" in (m.body or "")
        )
        self.assertTrue(logged, "the widening is recorded in the chatter with its reason")
        self.assertEqual(logged.author_id, self.kt_soc.partner_id)

    def test_narrowing_needs_no_basis(self):
        self.note_soc.with_user(self.kt_soc).write({"sharing_level": "involved"})
        self.assertFalse(
            self.env["don.case.note"]
            .with_user(self.prof_soc)
            .search([("id", "=", self.note_soc.id)])
        )

    def test_relation_is_one_place_to_audit(self):
        users = self.env["don.access"]._users_with_access("don.case.note", self.note_pol.ids)
        self.assertEqual(users[self.note_pol.id], {self.kt_pol.id})
        users = self.env["don.access"]._users_with_access("don.case.note", self.note_kt.ids)
        self.assertEqual(
            users[self.note_kt.id],
            set((self.pl | self.kt_vei | self.kt_soc | self.kt_pol | self.kt_om).ids),
        )

    def test_full_recompute_is_stable(self):
        self.env.cr.execute(
            "SELECT res_model, res_id, user_id FROM don_access_entry ORDER BY 1, 2, 3"
        )
        before = self.env.cr.fetchall()
        self.env["don.access"]._recompute()
        self.env.cr.execute(
            "SELECT res_model, res_id, user_id FROM don_access_entry ORDER BY 1, 2, 3"
        )
        self.assertEqual(self.env.cr.fetchall(), before)

    def test_sharing_with_more_persons_is_explicit(self):
        note = self.note_pol.with_user(self.kt_pol)
        with self.assertRaises(UserError):
            note.write({"user_ids": [Command.link(self.kt_soc.id)]})
        self.assertFalse(self.note_pol.user_ids)
        wizard = (
            self.env["don.share.wizard"]
            .with_user(self.kt_pol)
            .create(
                {
                    "res_model": "don.case.note",
                    "res_id": self.note_pol.id,
                    "sharing_level": "domain",
                    "user_ids": [Command.set(self.kt_soc.ids)],
                    "reason": "Casusregisseur heeft dit nodig",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        wizard.legal_basis_id = self.basis
        wizard.action_apply()
        self.assertTrue(
            self.env["don.case.note"].with_user(self.kt_soc).search([("id", "=", self.note_pol.id)])
        )

    def test_deleted_records_leave_no_access_rows(self):
        note_id = self.note_pol.id
        self.note_pol.with_user(self.kt_pol).unlink()
        self.env.cr.execute(
            "SELECT count(*) FROM don_access_entry WHERE res_model = %s AND res_id = %s",
            ["don.case.note", note_id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
