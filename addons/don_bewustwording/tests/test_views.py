# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import DonAwarenessCommon

ACTIONS = {
    "don_bewustwording.don_campaign_action": ("pl", "kt", "prof", "manager", "reporting"),
    "don_bewustwording.don_signal_card_action": ("pl", "prof", "manager", "reporting"),
    "don_bewustwording.don_training_action": ("pl", "prof", "manager"),
    "don_bewustwording.don_awareness_partner_action": ("pl", "prof", "manager"),
    "don_bewustwording.don_awareness_partner_due_action": ("pl", "kt", "manager"),
    "don_bewustwording.don_awareness_org_report_action": ("pl", "prof", "manager", "reporting"),
    "don_bewustwording.don_campaign_reach_report_action": ("pl", "manager", "reporting"),
}


@tagged("post_install", "-at_install")
class TestViews(DonAwarenessCommon):
    def test_menus_open_for_their_roles(self):
        """Every awareness screen loads and lists for the roles of its menu."""
        for xmlid, roles in ACTIONS.items():
            action = self.env.ref(xmlid)
            for role in roles:
                with self.subTest(action=xmlid, role=role):
                    Model = self.env[action.res_model].with_user(getattr(self, role))
                    modes = [m for m in action.view_mode.split(",") if m != "calendar"]
                    views = Model.get_views([(False, m) for m in modes] + [(False, "search")])
                    self.assertTrue(views["views"])
                    Model.search_read([], ["display_name"], limit=5)

    def test_partner_form_for_every_internal_user(self):
        for role in ("pl", "kt", "prof", "manager", "reporting", "privacy", "plain"):
            with self.subTest(role=role):
                Partner = self.env["res.partner"].with_user(getattr(self, role))
                arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
                has_page = "don_awareness" in arch
                self.assertEqual(has_page, role in ("pl", "kt", "prof", "manager", "reporting"))
                self.assertEqual("don_intake_url" in arch, role in ("pl", "kt", "manager"))
