# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access matrix of the guests of agenda items (don.agenda.item.guest),
derived like the others: who reads a guest is who reads its item (the
registry's rule on the item decides), plus the guest themselves; only the
project leader of the meeting invites, changes or removes a guest."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestAgendaGuestMatrix(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.guest_partner = cls.prof_vei.partner_id
        cls.external = env["res.partner"].create({"name": "Jongerenwerk Gastdorp"})
        team = env["don.kernteam"].create(
            {
                "name": "Kernteam Gastdorp",
                "company_id": cls.company_a.id,
                "shell_partner_ids": [Command.set((cls.guest_partner | cls.external).ids)],
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                    Command.create({"user_id": cls.kt_pol.id, "role": "politie"}),
                ],
            }
        )
        cls.meeting = env["don.meeting"].create(
            {
                "kernteam_id": team.id,
                "date": fields.Datetime.now() + timedelta(days=5),
                "attendee_ids": [Command.set((cls.pl | cls.kt_soc | cls.kt_pol).ids)],
            }
        )
        Item = env["don.agenda.item"]
        cls.general = Item.create(
            {"meeting_id": cls.meeting.id, "kind": "general", "name": "Halt en jongerenwerk"}
        )
        cls.case_item = Item.create(
            {
                "meeting_id": cls.meeting.id,
                "kind": "case",
                "case_id": cls.case_b.id,
                "name": "Nieuwe informatie",
            }
        )
        Guest = env["don.agenda.item.guest"]
        cls.guest_confirmed = Guest.create(
            {"item_id": cls.general.id, "partner_id": cls.guest_partner.id}
        )
        cls.guest_confirmed.with_user(cls.pl).action_confirm_confidentiality()
        cls.guest_open = Guest.create(
            {"item_id": cls.case_item.id, "partner_id": cls.guest_partner.id}
        )
        cls.guest_external = Guest.create(
            {"item_id": cls.general.id, "partner_id": cls.external.id}
        )
        cls.everybody = cls.don_users | cls.outsiders | cls.kt_b
        cls.guests = cls.guest_confirmed | cls.guest_open | cls.guest_external

    def assertMatrix(self, check, record_or_model, expected, *args):
        got = {user.login for user in self.everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {user.login for user in expected}, f"{check.__name__}")

    def test_the_population_holds_every_group_with_access(self):
        held = self.everybody.groups_id
        accesses = self.env["ir.model.access"].search(
            [("model_id.model", "=", "don.agenda.item.guest")]
        )
        self.assertTrue(accesses)
        for access in accesses:
            self.assertIn(access.group_id, held, access.name)

    def test_read_follows_the_item_and_the_guest(self):
        for guest in self.guests:
            with self.subTest(guest=guest.partner_id.name, item=guest.item_id.name):
                item_readers = self.everybody.filtered(
                    lambda u, g=guest: self.can_read(u, g.item_id)
                )
                expected = item_readers | guest.user_id
                self.assertMatrix(self.can_read, guest, expected)
        # The derivation holds something: the meeting's members read, the
        # other municipality and the outsiders do not.
        readers = self.everybody.filtered(lambda u: self.can_read(u, self.guest_external))
        self.assertIn(self.pl, readers)
        self.assertIn(self.kt_soc, readers)
        self.assertNotIn(self.kt_b, readers)
        self.assertFalse(readers & self.outsiders)
        # The guest reads their own invitation before confirming it (to
        # confirm it), not the item: the item opens after the confirmation.
        self.assertTrue(self.can_read(self.prof_vei, self.guest_open))
        self.assertFalse(self.can_read(self.prof_vei, self.case_item))
        self.assertTrue(self.can_read(self.prof_vei, self.general))

    def test_only_the_project_leader_changes_guests(self):
        self.assertMatrix(
            self.can_write, self.guest_external, self.pl, {"partner_id": self.external.id}
        )
        vals = {"item_id": self.case_item.id, "partner_id": self.external.id}
        self.assertMatrix(self.can_create, "don.agenda.item.guest", self.pl, vals)
        self.assertMatrix(self.can_unlink, self.guest_external, self.pl)

    def test_nobody_forges_a_confirmation(self):
        # Writing the confirmation or moving a guest to another item is
        # refused for every user, whatever their rights on the item.
        for vals in ({"confirmed_date": fields.Datetime.now()}, {"item_id": self.general.id}):
            for user in self.everybody:
                with self.subTest(user=user.login, vals=list(vals)):
                    with self.assertRaises(UserError):
                        self.guest_open.with_user(user).write(vals)
        self.assertFalse(self.guest_open.confirmed_date)
