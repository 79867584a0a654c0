# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonAwarenessCommon

# role -> (read, write, create, unlink) on campaigns, signal cards and their lines
MANAGE = (True, True, True, True)
READ = (True, False, False, False)
NONE = (False, False, False, False)
MATRIX = {
    "pl": MANAGE,
    "manager": MANAGE,
    "kt": READ,
    "prof": READ,
    "reporting": READ,
    "privacy": NONE,
    "plain": NONE,
}
REPORT_READ = {"pl", "manager", "kt", "prof", "reporting"}


@tagged("post_install", "-at_install")
class TestAccessMatrix(DonAwarenessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["don.campaign"].create(
            {"name": "Schools", "phase": "2", "company_id": cls.company_a.id}
        )
        cls.campaign_b = cls.env["don.campaign"].create(
            {"name": "Elders", "phase": "1", "company_id": cls.company_b.id}
        )
        cls._training(cls.club, "2025-06-01 17:00:00", attendees=2, campaign=cls.campaign)
        cls.env.flush_all()

    def _check(self, role, model, record, create_vals, write_vals, expected):
        user = getattr(self, role)
        Model = self.env[model].with_user(user)
        can_read, can_write, can_create, can_unlink = expected
        label = f"{role} on {model}"
        if can_read:
            self.assertEqual(Model.search([("id", "=", record.id)]), record, label)
            record.with_user(user).read(["display_name"])
        else:
            with self.assertRaises(AccessError, msg=label):
                Model.search([("id", "=", record.id)])
            with self.assertRaises(AccessError, msg=label):
                record.with_user(user).read(["display_name"])
        if can_create:
            new = Model.create(create_vals())
            self.assertTrue(new, label)
        else:
            with self.assertRaises(AccessError, msg=label):
                Model.create(create_vals())
            new = self.env[model].create(create_vals())
        if can_write:
            new.with_user(user).write(write_vals)
        else:
            with self.assertRaises(AccessError, msg=label):
                new.with_user(user).write(write_vals)
        if can_unlink:
            new.with_user(user).unlink()
            self.assertFalse(new.exists(), label)
        else:
            with self.assertRaises(AccessError, msg=label):
                new.with_user(user).unlink()

    def test_campaign_matrix(self):
        for role, expected in MATRIX.items():
            with self.subTest(role=role):
                self._check(
                    role,
                    "don.campaign",
                    self.campaign,
                    lambda: {"name": "New", "phase": "3", "company_id": self.company_a.id},
                    {"name": "Renamed"},
                    expected,
                )

    def test_signal_card_matrix(self):
        for role, expected in MATRIX.items():
            with self.subTest(role=role):
                self._check(
                    role,
                    "don.signal.card",
                    self.card_club,
                    lambda: {
                        "name": "Draft",
                        "audience": "parents",
                        "company_id": self.company_a.id,
                    },
                    {"intro": "Changed"},
                    expected,
                )

    def test_signal_card_line_matrix(self):
        draft = self.env["don.signal.card"].create(
            {"name": "Draft lines", "audience": "school", "company_id": self.company_a.id}
        )
        for role, expected in MATRIX.items():
            with self.subTest(role=role):
                self._check(
                    role,
                    "don.signal.card.line",
                    self.card_club.line_ids[0],
                    lambda draft=draft: {
                        "card_id": draft.id,
                        "section": "route",
                        "name": "Police",
                        "phone": "0900-8844",
                    },
                    {"phone": "112"},
                    expected,
                )

    def test_reports_read_only(self):
        for model in ("don.awareness.org.report", "don.campaign.reach.report"):
            row = self.env[model].search([("partner_id", "=", self.club.id)])
            self.assertTrue(row)
            for role in MATRIX:
                user = getattr(self, role)
                with self.subTest(role=role, model=model):
                    if role in REPORT_READ:
                        self.assertEqual(
                            self.env[model].with_user(user).search([("id", "=", row.id)]), row
                        )
                        self.env[model].with_user(user).read_group([], ["training_count:sum"], [])
                    else:
                        with self.assertRaises(AccessError):
                            self.env[model].with_user(user).search([])
                    with self.assertRaises(AccessError):
                        row.with_user(user).write({"training_count": 99})
                    with self.assertRaises(AccessError):
                        row.with_user(user).unlink()

    def test_multi_company(self):
        Campaign = self.env["don.campaign"].with_user(self.pl)
        self.assertNotIn(self.campaign_b, Campaign.search([]))
        with self.assertRaises(AccessError):
            self.campaign_b.with_user(self.pl).read(["name"])
        self.assertFalse(
            self.env["don.signal.card"]
            .with_user(self.pl_b)
            .search([("id", "=", self.card_club.id)])
        )
        self.assertFalse(Campaign.name_search("Elders"), "name_search honours the company rule")

    def test_trainings_managed_by_projectleider(self):
        event = self._training(self.school, "2025-09-01 17:00:00", campaign=self.campaign)
        # the projectleider plans trainings and registers attendance
        event.with_user(self.pl).write({"don_evaluation": "<p>Good</p>"})
        reg = (
            self.env["event.registration"]
            .with_user(self.pl)
            .create({"event_id": event.id, "name": "Docent"})
        )
        reg.action_set_done()
        # a professional reads trainings but cannot change them or see attendees
        event.with_user(self.prof).read(["name", "don_partner_id"])
        with self.assertRaises(AccessError):
            event.with_user(self.prof).write({"name": "x"})
        with self.assertRaises(AccessError):
            reg.with_user(self.prof).read(["name"])

    def test_projectleider_is_no_events_officer(self):
        # A DON role gives rights inside DON only: the municipality's other
        # events (and their attendees) stay closed to the Projectleider.
        self.assertFalse(self.pl.has_group("event.group_event_user"))
        other = self.env["event.event"].create(
            {
                "name": "Open dag gemeentewerf",
                "date_begin": "2025-10-01 09:00:00",
                "date_end": "2025-10-01 12:00:00",
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": other.id, "name": "Inwoner Jansen"}
        )
        Event = self.env["event.event"].with_user(self.pl)
        self.assertFalse(Event.search([("id", "=", other.id)]))
        with self.assertRaises(AccessError):
            other.with_user(self.pl).write({"name": "x"})
        with self.assertRaises(AccessError):
            registration.with_user(self.pl).read(["name"])
        training = self._training(self.school, "2025-09-01 17:00:00", campaign=self.campaign)
        self.assertEqual(Event.search([("id", "in", (other | training).ids)]), training)

    def test_reach_fields_on_partner_hidden_for_others(self):
        self.assertEqual(self.club.with_user(self.kt).don_reach_training_count, 1)
        with self.assertRaises(AccessError):
            self.club.with_user(self.plain).read(["don_signals_after"])

    def test_campaign_screens_readable_for_every_reader(self):
        """Kanban and form of a campaign open for each role that reads
        campaigns: counts, reach and the trainings list included."""
        fields_ = [
            "name",
            "held_training_count",
            "planned_training_count",
            "reach_people_count",
            "reach_signals_after",
            "training_ids",
        ]
        for role in ("pl", "manager", "kt", "prof", "reporting"):
            with self.subTest(role=role):
                campaign = self.campaign.with_user(getattr(self, role))
                values = campaign.read(fields_)[0]
                self.assertEqual(values["held_training_count"], 1)
                self.assertEqual(values["reach_people_count"], 2)
                club = self.club.with_user(getattr(self, role))
                club.read(["don_training_ids", "don_card_received_id", "don_last_training_date"])
