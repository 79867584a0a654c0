# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access matrix: role x domain x create/read/write/unlink for every model."""

from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestAccessMatrix(DonTestCommon):
    def assertMatrix(self, check, record_or_model, expected, *args):
        """``expected``: the users for whom ``check`` succeeds; every other
        user of the test population must fail."""
        everybody = self.don_users | self.outsiders | self.kt_b
        allowed = {user.login for user in expected}
        got = set()
        for user in everybody:
            if check(user, record_or_model, *args):
                got.add(user.login)
        self.assertEqual(got, allowed, f"{check.__name__} on {record_or_model}")

    @property
    def kernteam(self):
        return self.pl | self.kt_vei | self.kt_soc | self.kt_pol | self.kt_om

    # ------------------------------------------------------------------
    # Youth register
    # ------------------------------------------------------------------
    def test_youth_read(self):
        self.assertMatrix(self.can_read, self.youth_a, self.kernteam | self.prof_soc)
        self.assertMatrix(self.can_read, self.youth_b, self.kernteam)
        self.assertMatrix(self.can_read, self.youth_z, self.kt_b)

    def test_youth_write(self):
        self.assertMatrix(self.can_write, self.youth_a, self.kernteam, {"street": "Dorpsstraat 1"})

    def test_youth_create(self):
        vals = {"name": "Nieuwe Jongere", "company_id": self.company_a.id}
        self.assertMatrix(self.can_create, "don.youth", self.kernteam, vals)

    def test_youth_unlink(self):
        youth = self.env["don.youth"].create(
            {"name": "Zonder Casus", "company_id": self.company_a.id}
        )
        self.assertMatrix(self.can_unlink, youth, self.pl)

    # ------------------------------------------------------------------
    # Case files
    # ------------------------------------------------------------------
    def test_case_read(self):
        self.assertMatrix(self.can_read, self.case_a, self.kernteam | self.prof_soc)
        self.assertMatrix(self.can_read, self.case_b, self.kernteam)
        self.assertMatrix(self.can_read, self.case_z, self.kt_b)

    def test_case_write(self):
        # Kernteam members edit; the involved professional only reads.
        self.assertMatrix(self.can_write, self.case_a, self.kernteam, {"color": 3})
        self.case_b.director_id = self.prof_vei
        self.assertMatrix(self.can_write, self.case_b, self.kernteam | self.prof_vei, {"color": 2})

    def test_case_create(self):
        # Nobody opens a case for a young person they cannot see.
        vals = {"youth_id": self.youth_a.id}
        self.assertMatrix(self.can_create, "don.case", self.kernteam | self.prof_soc, vals)
        vals = {"youth_id": self.youth_b.id}
        self.assertMatrix(self.can_create, "don.case", self.kernteam, vals)

    def test_case_unlink(self):
        self.assertMatrix(self.can_unlink, self.case_b, self.pl)

    # ------------------------------------------------------------------
    # Shared information: contributions, factors, relations, interventions
    # ------------------------------------------------------------------
    def test_note_read(self):
        self.assertMatrix(self.can_read, self.note_pol, self.kt_pol)
        self.assertMatrix(self.can_read, self.note_soc, self.kt_soc | self.prof_soc)
        self.assertMatrix(self.can_read, self.note_kt, self.kernteam)
        self.assertMatrix(self.can_read, self.note_inv, self.kt_soc | self.prof_soc)
        self.assertMatrix(self.can_read, self.note_z, self.kt_b)

    def test_note_write(self):
        vals = {"name": "Aangepast"}
        self.assertMatrix(self.can_write, self.note_pol, self.kt_pol, vals)
        self.assertMatrix(self.can_write, self.note_soc, self.kt_soc | self.prof_soc, vals)
        self.assertMatrix(self.can_write, self.note_kt, self.kt_pol, vals)
        self.assertMatrix(self.can_write, self.note_inv, self.kt_soc | self.prof_soc, vals)

    def test_note_create(self):
        vals = {
            "case_id": self.case_a.id,
            "name": "Nieuw",
            "body": "x",
            "domain_id": self.dom_soc.id,
        }
        # Only users of the domain record its information, on a case they see.
        self.assertMatrix(self.can_create, "don.case.note", self.kt_soc | self.prof_soc, vals)
        vals["case_id"] = self.case_b.id
        self.assertMatrix(self.can_create, "don.case.note", self.kt_soc, vals)
        vals["domain_id"] = self.dom_pol.id
        self.assertMatrix(self.can_create, "don.case.note", self.kt_pol, vals)

    def test_note_unlink(self):
        self.assertMatrix(self.can_unlink, self.note_pol, self.kt_pol)
        self.assertMatrix(self.can_unlink, self.note_kt, self.kt_pol)

    def test_factor_matrix(self):
        self.assertMatrix(self.can_read, self.factor_pol, self.kt_pol)
        self.assertMatrix(self.can_write, self.factor_pol, self.kt_pol, {"assessment": "high"})
        self.assertMatrix(self.can_unlink, self.factor_pol, self.kt_pol)
        vals = {
            "case_id": self.case_a.id,
            "factor_id": self.factor.id,
            "domain_id": self.dom_soc.id,
        }
        self.assertMatrix(self.can_create, "don.case.factor", self.kt_soc | self.prof_soc, vals)

    def test_relation_matrix(self):
        self.assertMatrix(self.can_read, self.relation_soc, self.kt_soc | self.prof_soc)
        self.assertMatrix(
            self.can_write, self.relation_soc, self.kt_soc | self.prof_soc, {"influence": "risk"}
        )
        self.assertMatrix(self.can_unlink, self.relation_soc, self.kt_soc | self.prof_soc)
        vals = {
            "case_id": self.case_a.id,
            "relation_type": "friend",
            "name": "Vriend",
            "domain_id": self.dom_soc.id,
        }
        self.assertMatrix(self.can_create, "don.case.relation", self.kt_soc | self.prof_soc, vals)

    def test_intervention_matrix(self):
        self.assertMatrix(self.can_read, self.intervention_kt, self.kernteam)
        # Group level, own domain: the Veiligheid Kernteam members only.
        self.assertMatrix(self.can_read, self.intervention_group, self.pl | self.kt_vei)
        self.assertMatrix(
            self.can_write, self.intervention_kt, self.pl | self.kt_vei, {"state": "running"}
        )
        self.assertMatrix(self.can_unlink, self.intervention_group, self.pl | self.kt_vei)
        vals = {
            "name": "Buurtpreventie",
            "type_id": self.itype.id,
            "target": "neighbourhood",
            "neighbourhood_id": self.env["don.neighbourhood"]
            .create({"name": "Centrum", "company_id": self.company_a.id})
            .id,
            "domain_id": self.dom_vei.id,
            "company_id": self.company_a.id,
        }
        self.assertMatrix(
            self.can_create, "don.intervention", self.pl | self.kt_vei | self.prof_vei, vals
        )

    # ------------------------------------------------------------------
    # Configuration and the access log
    # ------------------------------------------------------------------
    def test_catalogues(self):
        readers = self.don_users | self.manager | self.reporting | self.privacy | self.kt_b
        for record in (self.dom_pol, self.basis, self.factor, self.itype):
            self.assertMatrix(self.can_read, record, readers)
            self.assertMatrix(self.can_write, record, self.manager, {"sequence": 7})
        self.assertMatrix(
            self.can_create,
            "don.legal.basis",
            self.manager,
            {"name": "Nieuwe grondslag", "purpose": "Test"},
        )

    def test_access_log_matrix(self):
        self.env["don.access.log"].with_user(self.kt_soc)._log_open(self.case_a)
        log = self.env["don.access.log"].search([("res_id", "=", self.case_a.id)], limit=1)
        self.assertTrue(log)
        self.assertMatrix(self.can_read, log, self.privacy)
        self.assertMatrix(self.can_write, log, self.env["res.users"], {"subject_name": "x"})
        self.assertMatrix(self.can_unlink, log, self.env["res.users"])
        vals = {"user_id": self.kt_soc.id, "res_model": "don.case", "res_id": 1}
        self.assertMatrix(self.can_create, "don.access.log", self.env["res.users"], vals)
