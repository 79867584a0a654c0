# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import DonAwarenessCommon


@tagged("post_install", "-at_install")
class TestReach(DonAwarenessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("don_bewustwording.effect_window_months", "6")
        Campaign = cls.env["don.campaign"]
        cls.camp_a = Campaign.create({"name": "A", "phase": "2", "company_id": cls.company_a.id})
        cls.camp_b = Campaign.create({"name": "B", "phase": "2", "company_id": cls.company_a.id})
        # first training of the club on 1 June 2025, a second one in September
        cls._training(cls.club, "2025-06-01 17:00:00", attendees=4, campaign=cls.camp_a)
        cls._training(cls.club, "2025-09-01 17:00:00", attendees=3, campaign=cls.camp_b)
        # planned, not held: counts nowhere
        cls._training(cls.club, "2026-09-01 17:00:00", campaign=cls.camp_b)
        cls._training(cls.school, "2025-03-01 17:00:00", attendees=5, campaign=cls.camp_a)
        for when in (
            "2024-11-15 10:00:00",  # more than 6 months before: outside the window
            "2025-01-10 10:00:00",  # before
            "2025-05-31 10:00:00",  # before
            "2025-06-02 10:00:00",  # after
            "2025-11-30 10:00:00",  # after
            "2025-12-05 10:00:00",  # more than 6 months after: outside the window
        ):
            cls._signal(cls.club, when)
        cls._signal(cls.school, "2025-04-01 10:00:00")  # school: after
        # another municipality's signal about the same club is not counted
        cls._signal(cls.club, "2025-06-03 10:00:00", company=cls.company_b)
        cls.env.flush_all()

    def test_per_organisation(self):
        rows = self.env["don.awareness.org.report"].search_read(
            [("partner_id", "in", (self.club | self.school).ids)],
            [
                "partner_id",
                "training_count",
                "people_count",
                "signals_before",
                "signals_after",
                "signals_growth",
                "first_training_date",
            ],
        )
        figures = {
            row["partner_id"][0]: (
                row["training_count"],
                row["people_count"],
                row["signals_before"],
                row["signals_after"],
                row["signals_growth"],
                str(row["first_training_date"]),
            )
            for row in rows
        }
        self.assertEqual(figures[self.club.id], (2, 7, 2, 2, 0, "2025-06-01"))
        self.assertEqual(figures[self.school.id], (1, 5, 0, 1, 1, "2025-03-01"))
        # the same figures on the organisation form
        club = self.club.with_user(self.kt)
        self.assertEqual(
            (
                club.don_reach_training_count,
                club.don_reach_people_count,
                club.don_signals_before,
                club.don_signals_after,
            ),
            (2, 7, 2, 2),
        )

    def test_window_is_configurable(self):
        self.env["ir.config_parameter"].set_param("don_bewustwording.effect_window_months", "12")
        self.env.flush_all()
        row = self.env["don.awareness.org.report"].search([("partner_id", "=", self.club.id)])
        self.assertEqual((row.signals_before, row.signals_after), (3, 3))

    def test_per_campaign(self):
        self.camp_a.invalidate_recordset()
        self.assertEqual(self.camp_a.reach_org_count, 2)
        self.assertEqual(self.camp_a.reach_training_count, 2)
        self.assertEqual(self.camp_a.reach_people_count, 9)
        self.assertEqual(
            (self.camp_a.reach_signals_before, self.camp_a.reach_signals_after), (2, 3)
        )
        self.assertEqual((self.camp_b.reach_training_count, self.camp_b.reach_people_count), (1, 3))
        self.assertEqual(self.camp_b.held_training_count, 1)
        self.assertEqual(self.camp_b.planned_training_count, 2)

    def test_other_municipality_sees_nothing(self):
        rows = self.env["don.awareness.org.report"].with_user(self.pl_b).search([])
        self.assertFalse(rows.filtered(lambda r: r.partner_id in self.club | self.school))

    def test_reach_is_one_query_for_many_organisations(self):
        """Reach is computed in SQL: the number of queries does not grow with
        the number of organisations."""
        Partner = self.env["res.partner"]
        orgs = Partner.create(
            [
                {"name": f"Club {i}", "is_company": True, "don_org_type": "sportclub"}
                for i in range(30)
            ]
        )
        for org in orgs:
            self._training(org, "2025-06-01 17:00:00", attendees=1, campaign=self.camp_a)
            self._signal(org, "2025-07-01 10:00:00")
        self.env.flush_all()
        few = orgs[:3].with_user(self.kt)
        many = orgs.with_user(self.kt)
        # warm the ACL and rule caches of the user
        orgs[3:5].with_user(self.kt).with_prefetch().mapped("don_signals_after")
        (self.camp_a | self.camp_b).with_user(self.kt).mapped("reach_org_count")
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            few.with_prefetch().mapped("don_signals_after")
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(sum(many.mapped("don_signals_after")), 30)
        campaigns = (self.camp_a | self.camp_b).with_user(self.kt)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(campaigns.mapped("reach_org_count"), [32, 1])
