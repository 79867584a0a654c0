# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import DonAwarenessCommon


@tagged("post_install", "-at_install")
class TestRefresher(DonAwarenessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("don_bewustwording.refresher_months", "12")
        cls.campaign = cls.env["don.campaign"].create(
            {"name": "Clubs", "phase": "2", "user_id": cls.pl.id, "company_id": cls.company_a.id}
        )

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("don_bewustwording.mail_activity_type_don_refresher").id,
                ),
            ]
        )

    def test_last_training_and_due_date(self):
        # a planned training without attendance is not "held"
        planned = self._training(self.club, "2025-01-15 17:00:00", campaign=self.campaign)
        self.assertFalse(planned.don_held)
        self.assertFalse(self.club.don_last_training_date)
        self._training(self.club, "2025-01-15 17:00:00", attendees=3, campaign=self.campaign)
        self.assertEqual(self.club.don_last_training_date, date(2025, 1, 15))
        self.assertEqual(self.club.don_next_training_date, date(2026, 1, 15))
        # an own interval overrides the default
        self.club.don_refresher_months = 6
        self.assertEqual(self.club.don_next_training_date, date(2025, 7, 15))
        # a later training moves the due date
        self._training(self.club, "2025-05-01 17:00:00", attendees=1)
        self.assertEqual(self.club.don_next_training_date, date(2025, 11, 1))

    def test_due_filter_follows_the_clock(self):
        self._training(self.club, "2025-01-15 17:00:00", attendees=2, campaign=self.campaign)
        self._training(self.school, "2025-06-01 17:00:00", attendees=2, campaign=self.campaign)
        Partner = self.env["res.partner"]
        with freeze_time("2026-01-14 12:00:00"):
            self.assertFalse(self.club.with_context(tz="UTC").don_refresher_due)
            due = Partner.search([("don_refresher_due", "=", True), ("id", "in", self.club.ids)])
            self.assertFalse(due)
        with freeze_time("2026-01-15 12:00:00"):
            self.club.invalidate_recordset(["don_refresher_due"])
            self.assertTrue(self.club.don_refresher_due)
            due = Partner.search(
                [("don_refresher_due", "=", True), ("id", "in", (self.club | self.school).ids)]
            )
            self.assertEqual(due, self.club)
            not_due = Partner.search(
                [("don_refresher_due", "=", False), ("id", "in", (self.club | self.school).ids)]
            )
            self.assertEqual(not_due, self.school)

    def test_default_interval_from_settings(self):
        self._training(self.club, "2025-01-15 17:00:00", attendees=1)
        settings = self.env["res.config.settings"].create({"don_refresher_months": 24})
        settings.execute()
        self.assertEqual(self.club.don_next_training_date, date(2027, 1, 15))

    def test_cron_creates_one_activity_per_due_organisation(self):
        self._training(self.club, "2025-01-15 17:00:00", attendees=2, campaign=self.campaign)
        self._training(self.school, "2025-02-15 17:00:00", attendees=2, campaign=self.campaign)
        self.school.don_owner_id = self.kt
        Partner = self.env["res.partner"]
        with freeze_time("2025-12-01"):
            Partner._cron_don_refresher_activities()
            self.assertFalse(self._activities(self.club), "not due yet")
        with freeze_time("2026-03-01"):
            Partner._cron_don_refresher_activities()
            club_activity = self._activities(self.club)
            school_activity = self._activities(self.school)
            self.assertEqual(len(club_activity), 1)
            self.assertEqual(club_activity.user_id, self.pl, "campaign owner of last training")
            self.assertEqual(club_activity.date_deadline, date(2026, 1, 15))
            self.assertEqual(school_activity.user_id, self.kt, "DON account manager first")
            # the next day: no duplicates
            Partner._cron_don_refresher_activities()
            self.assertEqual(len(self._activities(self.club)), 1)
            self.assertEqual(len(self._activities(self.school)), 1)
