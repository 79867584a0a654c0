# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The contract of don.secured.mixin: every input of the access relation is
declared, and the order, triggers and reach of a recompute follow from the
declaration. Tested once on a test-only model (don.test.secured), and for
every secured model of the suite: its SQL condition reads nothing it does
not declare."""

import re

from odoo import Command
from odoo.addons.don_core.tests.common import don_test_user
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

# What every condition may read besides its declaration: the access rows
# (of the records it follows) and the users' groups (through the closure).
ALWAYS_READ = {"don_access_entry", "res_groups_users_rel"}


@tagged("post_install", "-at_install", "don_security")
class TestAccessDeclaration(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.env = env
        cls.company = env["res.company"].create({"name": "Gemeente Proefdorp"})
        cls.company.don_require_2fa = False

        def user(login, groups):
            return don_test_user(env, login, groups, cls.company, "proefdorp.example")

        cls.listed = user("t_decl_listed", "don_core.group_don_professional")
        cls.involved = user("t_decl_involved", "don_core.group_don_professional")
        cls.granted = user("t_decl_granted", "don_core.group_don_professional")
        cls.stranger = user("t_decl_stranger", "don_core.group_don_professional")
        youth = env["don.youth"].create({"name": "Sem Bakker", "company_id": cls.company.id})
        cls.case = env["don.case"].create({"youth_id": youth.id, "company_id": cls.company.id})
        cls.record = env["don.test.secured"].create(
            {
                "name": "Testdossier",
                "company_id": cls.company.id,
                "case_id": cls.case.id,
                "user_ids": [Command.set(cls.listed.ids)],
            }
        )

    def sees(self, user):
        return self.env["don.access"]._user_can_see("don.test.secured", self.record.ids, user.id)

    # ------------------------------------------------------------------
    # The mixin contract, on the test-only model
    # ------------------------------------------------------------------
    def test_order_follows_the_declarations(self):
        order = list(self.env["don.access"]._secured_models())
        self.assertIn("don.test.secured", order)
        for name in order:
            for followed in self.env[name]._don_access_followed_models():
                self.assertLess(order.index(followed), order.index(name), f"{name} {followed}")
        for name in ("don.group", "don.network.relation", "don.signal", "don.relation.suggestion"):
            self.assertIn(name, order)

    def test_declared_own_field_recomputes(self):
        self.assertTrue(self.sees(self.listed))
        self.assertFalse(self.sees(self.stranger))
        self.record.user_ids = [Command.set(self.stranger.ids)]
        self.assertFalse(self.sees(self.listed))
        self.assertTrue(self.sees(self.stranger))
        record = self.record.with_user(self.stranger)
        self.assertEqual(record.search([("id", "=", self.record.id)]), record)
        with self.assertRaises(AccessError):
            self.record.with_user(self.listed).read(["name"])

    def test_followed_record_reaches_the_follower(self):
        self.assertFalse(self.sees(self.involved))
        self.case.involved_user_ids = [Command.link(self.involved.id)]
        self.assertTrue(self.sees(self.involved), "the case's new reader reads its record")
        self.case.involved_user_ids = [Command.unlink(self.involved.id)]
        self.assertFalse(self.sees(self.involved))

    def test_declared_input_of_another_model_recomputes(self):
        Grant = self.env["don.test.secured.grant"]
        self.assertEqual(Grant._name in self.record._don_access_declaration()["inputs"], True)
        grant = Grant.create({"record_id": self.record.id, "user_id": self.granted.id})
        self.assertTrue(self.sees(self.granted))
        grant.user_id = self.stranger
        self.assertFalse(self.sees(self.granted))
        self.assertTrue(self.sees(self.stranger))
        grant.unlink()
        self.assertFalse(self.sees(self.stranger))

    def test_users_groups_and_companies_are_inputs(self):
        self.listed.groups_id = [Command.unlink(self.env.ref("don_core.group_don_professional").id)]
        self.assertFalse(self.sees(self.listed))
        self.listed.groups_id = [Command.link(self.env.ref("don_core.group_don_professional").id)]
        self.assertTrue(self.sees(self.listed))
        self.listed.active = False
        self.assertFalse(self.sees(self.listed))

    # ------------------------------------------------------------------
    # Every secured model: the condition reads only what it declares
    # ------------------------------------------------------------------
    def test_every_condition_reads_only_its_declared_inputs(self):
        Access = self.env["don.access"]
        params = Access._role_params()
        for name in Access._secured_models():
            model = self.env[name]
            with self.subTest(model=name):
                declaration = model._don_access_declaration()
                code = model._don_access_condition(params).code
                fields = set(declaration["fields"])
                for fname in fields:
                    self.assertTrue(model._fields[fname].store, f"{name}.{fname} is not stored")
                for followed, column in declaration["follows"]:
                    self.assertEqual(model._fields[column].comodel_name, followed)
                for followed, column in declaration["follows_back"]:
                    self.assertEqual(self.env[followed]._fields[column].comodel_name, name)
                # Columns of the record itself.
                columns = set(re.findall(r"\brec\.(\w+)", code)) - {"id"}
                self.assertLessEqual(columns, fields, f"{name}: undeclared columns")
                # Tables: the many2many tables of declared fields, the
                # tables of declared input models and of followed-back models.
                allowed = set(ALWAYS_READ)
                for fname in fields:
                    field = model._fields[fname]
                    if field.type == "many2many":
                        allowed.add(field.relation)
                for input_model, input_fields in declaration["inputs"].items():
                    allowed.add(self.env[input_model]._table)
                    for fname in input_fields:
                        field = self.env[input_model]._fields[fname]
                        if field.type == "many2many":
                            allowed.add(field.relation)
                for followed, _column in declaration["follows_back"]:
                    allowed.add(self.env[followed]._table)
                tables = set(re.findall(r'\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)', code, re.I))
                self.assertLessEqual(tables, allowed, f"{name}: undeclared tables")
                for input_model, fnames in declaration["inputs"].items():
                    for fname in fnames:
                        self.assertIn(fname, self.env[input_model]._fields)
                # The declared rows it follows are in the relation.
                followed_models = set(re.findall(r"a\.res_model = '([a-z_.]+)'", code))
                followed_models |= {
                    param
                    for param in model._don_access_condition(params).params
                    if isinstance(param, str) and param in Access._secured_models()
                }
                self.assertLessEqual(followed_models, model._don_access_followed_models())
