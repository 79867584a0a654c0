# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.addons.don_core.tests.common import DonTestCommon

CUBES = (
    "don.report.signal",
    "don.report.case",
    "don.report.intervention",
    "don.report.training",
    "don.report.trained",
)


class DonReportCommon(DonTestCommon):
    """April 2026 in Testdorp: 22 signals over three channels (12, 7, 3) and
    three neighbourhoods (10, 9, 3), and a few cases and interventions; one
    signal in Andersveen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["ir.config_parameter"].sudo().set_param("don_rapportage.small_number_threshold", "5")
        env["ir.config_parameter"].sudo().set_param("don_rapportage.period_grain", "month")
        # Reports are written in the municipality's language: English here,
        # like the test users (test_reports_say_something switches to Dutch).
        cls.company_a.partner_id.lang = "en_US"
        Channel = env["don.signal.channel"]
        cls.ch_school = Channel.create({"name": "Testkanaal school", "code": "t_school"})
        cls.ch_police = Channel.create({"name": "Testkanaal politie", "code": "t_police"})
        cls.ch_anon = Channel.create({"name": "Testkanaal anoniem", "code": "t_anon"})
        Nbh = env["don.neighbourhood"]
        cls.nbh_1 = Nbh.create({"name": "Testwijk Noord", "company_id": cls.company_a.id})
        cls.nbh_2 = Nbh.create({"name": "Testwijk Zuid", "company_id": cls.company_a.id})
        cls.nbh_3 = Nbh.create({"name": "Testwijk Haven", "company_id": cls.company_a.id})
        vals = []
        for i in range(22):
            channel = cls.ch_school if i < 12 else cls.ch_police if i < 19 else cls.ch_anon
            nbh = cls.nbh_1 if i < 10 else cls.nbh_2 if i < 19 else cls.nbh_3
            vals.append(
                cls._signal_vals(
                    channel, nbh, datetime(2026, 4, 1 + i, 10, 0), f"SIGNAALGEHEIM {i}"
                )
            )
        vals.append(
            dict(
                cls._signal_vals(cls.ch_school, False, datetime(2026, 4, 3, 9), "ANDERSVEEN"),
                company_id=cls.company_b.id,
                author_id=cls.kt_b.id,
            )
        )
        cls.signals = env["don.signal"].create(vals)
        cls.case_a.date_start = date(2026, 4, 2)
        cls.case_b.date_start = date(2026, 4, 9)
        cls.env["don.intervention"].create(
            {
                "name": "Huisbezoek NAAMGEHEIM",
                "type_id": cls.itype.id,
                "case_id": cls.case_a.id,
                "company_id": cls.company_a.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
                "date_start": date(2026, 4, 5),
            }
        )

    @classmethod
    def _signal_vals(cls, channel, nbh, when, name):
        return {
            "name": name,
            "description": f"{name} beschrijving",
            "channel_id": channel.id,
            "neighbourhood_id": nbh.id if nbh else False,
            "date_received": when,
            "company_id": cls.company_a.id,
            "domain_id": cls.dom_vei.id,
            "author_id": cls.kt_vei.id,
            "reporter_type": "person",
            "reporter_name": "MELDERNAAM Jansen",
        }

    def _period_report(self, year=2026, quarter="2"):
        """A draft quarterly report of Testdorp, made by the project leader."""
        return (
            self.env["don.period.report"]
            .with_user(self.pl)
            .create(
                {
                    "company_id": self.company_a.id,
                    "period_type": "quarter",
                    "year": year,
                    "quarter": quarter,
                }
            )
        )

    def assertNoSmallFigureInAnyChannel(self, models):
        """search_read, read_group (every grouping), web_read_group and export
        of each cube, for every role that can read them; returns the rows
        found per model (so that a caller can check they are not empty)."""
        export = self.env.ref("base.group_allow_export")
        (self.reporting | self.pl).write({"groups_id": [Command.link(export.id)]})
        found = {}
        for user in (self.reporting, self.pl):
            for model in models:
                Cube = self.env[model].with_user(user)
                rows = Cube.search_read([], ["figure", "suppressed_cells"])
                found[model] = rows
                self.assertNoSmallFigure([row["figure"] for row in rows], f"{model} rows")
                for row in rows:
                    if row["suppressed_cells"]:
                        self.assertEqual(row["figure"], 0)
                exported = Cube.search([]).export_data(["figure"])["datas"]
                self.assertNoSmallFigure([int(line[0] or 0) for line in exported])
                keys = [
                    name
                    for name, field in Cube._fields.items()
                    if field.type in ("many2one", "selection") and not field.automatic
                ]
                for key in [*keys, "period_start:month"]:
                    groups = Cube.read_group([], ["figure:sum"], [key])
                    self.assertNoSmallFigure([group["figure"] for group in groups], key)
                web = Cube.web_read_group([], ["figure:sum"], ["dimension"])
                self.assertNoSmallFigure([group["figure"] for group in web["groups"]])
        return found

    def assertNoSmallFigure(self, values, msg=None):
        """Every published number is 0 (suppressed or empty) or at least the
        threshold."""
        small = [value for value in values if value and 0 < value < 5]
        self.assertFalse(small, msg or f"small numbers published: {small}")
