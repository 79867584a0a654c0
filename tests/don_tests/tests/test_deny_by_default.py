# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deny by default across the suite: no group outside DON has ACL access to
a sensitive DON model, and every secured model has its global rule.

The sensitive models are derived from the registry, not listed by hand:
every secured model (don.secured.mixin), and every other model of a DON
addon that points to one (its records carry or reveal personal data)."""

from odoo.tests import TransactionCase, tagged

# Sensitive without pointing to a secured model (they point to cases by
# model name and id, or hold the data-subject's request): at least these.
ALSO_SENSITIVE = (
    "don.access.log",
    "don.meeting",
    "don.agenda.item",
    "don.agenda.item.guest",
    "don.subject.request",
    "don.retention.review",
    "don.access.log.report",
)
# Configuration that points to secured models only as a list of them (a
# team's meetings): readable by DON roles and the DON-beheerder by design.
NOT_SENSITIVE = ("don.kernteam",)


@tagged("post_install", "-at_install", "don_security")
class TestDenyByDefault(TransactionCase):
    def sensitive_models(self):
        secured = set(self.env["don.access"]._secured_models())
        models = set(secured) | set(ALSO_SENSITIVE)
        for name in self.env.registry:
            model = self.env[name]
            # Models defined by a DON addon (Odoo models that DON extends,
            # such as project.task, are guarded on their own).
            if not (model._original_module or "").startswith("don_"):
                continue
            if model._abstract or model._transient or name in NOT_SENSITIVE:
                continue
            if any(
                field.type in ("many2one", "many2many")
                and field.comodel_name in secured
                and field.store
                for field in model._fields.values()
            ):
                models.add(name)
        return models

    def test_the_sensitive_models_are_derived(self):
        models = self.sensitive_models()
        for name in (
            "don.youth",
            "don.case",
            "don.case.note",
            "don.group",
            "don.network.relation",
            "don.signal",
            "don.relation.suggestion",
            "don.meeting",
            "don.agenda.item",
            "don.test.secured",
        ):
            self.assertIn(name, models)

    def test_only_don_groups_have_acl_on_sensitive_models(self):
        don_category = self.env.ref("don_core.module_category_don")
        for model in sorted(self.sensitive_models()):
            accesses = self.env["ir.model.access"].search([("model_id.model", "=", model)])
            with self.subTest(model=model):
                self.assertTrue(accesses, model)
                for access in accesses:
                    self.assertTrue(
                        access.group_id, f"{model}: an ACL without group opens it to all"
                    )
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
