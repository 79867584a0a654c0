# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A DON role gives rights inside DON only: the Projectleider manages the
DON project and its actions, not every project of the municipality
(issue 15)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestProjectleiderScope(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.don_project = cls.env["project.project"].create(
            {"name": "DON Testdorp", "is_don_project": True, "company_id": cls.company_a.id}
        )
        cls.other_project = cls.env["project.project"].create(
            {"name": "Herinrichting markt", "company_id": cls.company_a.id}
        )
        cls.other_task = cls.env["project.task"].create(
            {"name": "Offerte bestrating", "project_id": cls.other_project.id}
        )

    def test_no_project_manager_group(self):
        self.assertFalse(self.pl.has_group("project.group_project_manager"))
        self.assertFalse(self.pl.has_group("project.group_project_user"))

    def test_actions_in_the_don_project(self):
        Task = self.env["project.task"].with_user(self.pl)
        task = Task.create(
            {
                "name": "Huisbezoek plannen",
                "project_id": self.don_project.id,
                "don_case_id": self.case_a.id,
                "user_ids": [Command.set(self.kt_soc.ids)],
            }
        )
        task.write({"date_deadline": "2027-01-15 12:00:00"})
        self.assertEqual(Task.search([("project_id", "=", self.don_project.id)]), task)
        self.don_project.with_user(self.pl).write({"description": "<p>Aanpak 2027</p>"})
        task.unlink()

    def test_no_rights_outside_don(self):
        Task = self.env["project.task"].with_user(self.pl)
        self.assertFalse(Task.search([("id", "=", self.other_task.id)]))
        with self.assertRaises(AccessError):
            self.other_task.with_user(self.pl).read(["name"])
        with self.assertRaises(AccessError):
            Task.create({"name": "Nieuw", "project_id": self.other_project.id})
        with self.assertRaises(AccessError):
            self.other_project.with_user(self.pl).write({"name": "Anders"})
        with self.assertRaises(AccessError):
            self.env["report.project.task.user"].with_user(self.pl).search([])

    def test_project_users_keep_their_rights(self):
        # A Projectleider who is also a Project user of the municipality
        # keeps what that group gives.
        self.pl.groups_id = [Command.link(self.env.ref("project.group_project_user").id)]
        Task = self.env["project.task"].with_user(self.pl)
        self.assertTrue(Task.search([("id", "=", self.other_task.id)]))
