# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deny by default across the suite: no group outside DON has ACL access to
a sensitive DON model, and every sensitive model has its global rule."""

from odoo.tests import TransactionCase, tagged

SENSITIVE = (
    "don.youth",
    "don.case",
    "don.case.note",
    "don.case.factor",
    "don.case.relation",
    "don.intervention",
    "don.access.log",
    "don.meeting",
    "don.agenda.item",
    "don.agenda.item.guest",
    "don.subject.request",
    "don.retention.review",
    "don.access.log.report",
)


@tagged("post_install", "-at_install", "don_security")
class TestDenyByDefault(TransactionCase):
    def test_only_don_groups_have_acl_on_sensitive_models(self):
        don_category = self.env.ref("don_core.module_category_don")
        for model in SENSITIVE:
            accesses = self.env["ir.model.access"].search([("model_id.model", "=", model)])
            self.assertTrue(accesses, model)
            for access in accesses:
                self.assertTrue(access.group_id, f"{model}: an ACL without group opens it to all")
                self.assertEqual(
                    access.group_id.category_id, don_category, f"{model}: {access.name}"
                )

    def test_every_secured_model_has_a_global_visibility_rule(self):
        for model in self.env["don.access"]._secured_models():
            rules = self.env["ir.rule"].search(
                [("model_id.model", "=", model), ("global", "=", True), ("perm_read", "=", True)]
            )
            self.assertTrue(
                any("don_visible" in rule.domain_force for rule in rules),
                f"{model} has no global access-relation rule",
            )
