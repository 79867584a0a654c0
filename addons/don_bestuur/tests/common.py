# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.don_core.tests.common import DonTestCommon, don_test_user

MAYOR = "don_bestuur.group_don_burgemeester"
DRIEHOEK = "don_bestuur.group_don_driehoek"


class DonBestuurCommon(DonTestCommon):
    """The population of don_core's tests plus two mayors and a measure
    proposed to the first one on case A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.mayor = don_test_user(env, "t_mayor", MAYOR, cls.company_a)
        cls.mayor2 = don_test_user(env, "t_mayor2", MAYOR, cls.company_a)
        cls.mayor_b = don_test_user(env, "t_mayor_b", MAYOR, cls.company_b)
        cls.driehoek = don_test_user(env, "t_driehoek", DRIEHOEK, cls.company_a)
        cls.driehoek.name = "Districtschef Testdorp"
        cls.mayor.name = "Burgemeester Testdorp"
        cls.mayor2.name = "Loco-burgemeester Testdorp"
        cls.warning = env.ref("don_bestuur.measure_type_warning")
        cls.Measure = env["don.gezag.measure"]
        measure = cls.Measure.with_user(cls.kt_vei).create(
            {
                "case_id": cls.case_a.id,
                "type_id": cls.warning.id,
                "legal_ground": "Art. 172 lid 3 Gemeentewet",
                "reasoning": "Seen weekly at the dealing spot",
                "mayor_id": cls.mayor.id,
            }
        )
        cls.measure_a = cls.Measure.browse(measure.id)

    @property
    def everybody(self):
        """The users every access matrix of these tests checks: don_core's
        population plus the mayors and the Driehoek member."""
        return (
            self.don_users
            | self.outsiders
            | self.kt_b
            | self.mayor
            | self.mayor2
            | self.mayor_b
            | self.driehoek
        )
