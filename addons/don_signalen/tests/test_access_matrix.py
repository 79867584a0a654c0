# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access matrix of signals and their catalogues: role x domain x CRUD."""

from odoo.tests import tagged

from .common import SignalTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestSignalAccessMatrix(SignalTestCommon):
    def assertMatrix(self, check, record_or_model, expected, *args):
        everybody = self.don_users | self.outsiders | self.kt_b
        got = {user.login for user in everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {u.login for u in expected}, f"{check.__name__} on {record_or_model}")

    def test_signal_read(self):
        # Own domain without a case: the Kernteam members of that domain,
        # plus the author and the handler.
        self.assertMatrix(self.can_read, self.sig_pol, self.kt_pol)
        self.assertMatrix(self.can_read, self.sig_soc, self.kt_soc | self.prof_soc)
        self.assertMatrix(self.can_read, self.sig_kt, self.kernteam)
        # On a case: the domain's users who see the case.
        self.assertMatrix(self.can_read, self.sig_case, self.kt_soc | self.prof_soc)
        self.assertMatrix(self.can_read, self.sig_z, self.kt_b)

    def test_signal_handler_sees_assigned(self):
        self.assertFalse(self.can_read(self.prof_vei, self.sig_pol))
        self.sig_pol.handler_id = self.prof_vei
        self.assertTrue(self.can_read(self.prof_vei, self.sig_pol))
        self.assertTrue(self.can_write(self.prof_vei, self.sig_pol, {"urgency": "1"}))

    def test_signal_write(self):
        vals = {"urgency": "2"}
        self.assertMatrix(self.can_write, self.sig_pol, self.kt_pol, vals)
        self.assertMatrix(self.can_write, self.sig_soc, self.kt_soc | self.prof_soc, vals)
        self.assertMatrix(self.can_write, self.sig_kt, self.pl | self.kt_vei, vals)
        self.assertMatrix(self.can_write, self.sig_case, self.kt_soc | self.prof_soc, vals)

    def test_signal_create(self):
        vals = {
            "name": "Nieuw signaal",
            "description": "x",
            "channel_id": self.ch_school.id,
            "reporter_partner_id": self.school.id,
            "domain_id": self.dom_soc.id,
            "company_id": self.company_a.id,
        }
        self.assertMatrix(self.can_create, "don.signal", self.kt_soc | self.prof_soc, vals)
        vals["domain_id"] = self.dom_vei.id
        self.assertMatrix(
            self.can_create, "don.signal", self.pl | self.kt_vei | self.prof_vei, vals
        )
        # On a case the user cannot see: refused.
        vals.update(domain_id=self.dom_soc.id, case_id=self.case_b.id)
        self.assertMatrix(self.can_create, "don.signal", self.kt_soc, vals)

    def test_signal_unlink(self):
        self.assertMatrix(self.can_unlink, self.sig_pol, self.kt_pol)
        self.assertMatrix(self.can_unlink, self.sig_soc, self.kt_soc | self.prof_soc)

    def test_catalogues(self):
        readers = self.don_users | self.manager | self.reporting | self.privacy | self.kt_b
        for record in (self.ch_school, self.category, self.indicator):
            self.assertMatrix(self.can_read, record, readers)
            self.assertMatrix(self.can_write, record, self.manager, {"sequence": 3})
            self.assertMatrix(
                self.can_unlink,
                record.copy({"code": "x_copy"} if record == self.ch_school else {}),
                self.manager,
            )
        self.assertMatrix(
            self.can_create, "don.signal.channel", self.manager, {"name": "Kanaal", "code": "k"}
        )
        self.assertMatrix(self.can_create, "don.signal.category", self.manager, {"name": "C"})
        self.assertMatrix(
            self.can_create,
            "don.indicator",
            self.manager,
            {"name": "I", "category_id": self.category.id},
        )

    def test_intake_log_is_technical(self):
        log = self.env["don.signal.intake.log"].create({"key": "ip:x"})
        self.assertMatrix(self.can_read, log, self.env["res.users"])
        self.assertMatrix(
            self.can_create, "don.signal.intake.log", self.env["res.users"], {"key": "y"}
        )

    def test_counts_equal_the_rule(self):
        """Counting without a filter is answered from the access relation
        (don_core): it must equal the ORM's count through the rules, for
        every user, and follow a change of handler at once."""
        models = ("don.signal", "don.relation.suggestion")
        for user in self.don_users | self.kt_b:
            for model_name in models:
                with self.subTest(user=user.login, model=model_name):
                    model = self.env[model_name].with_user(user)
                    count = model.search_count([])
                    self.assertEqual(count, model.search_count([("id", "!=", 0)]))
                    self.assertEqual(count, len(model.search([])))
        Signal = self.env["don.signal"].with_user(self.prof_vei)
        before = Signal.search_count([])
        self.sig_pol.handler_id = self.prof_vei
        self.assertEqual(Signal.search_count([]), before + 1)
