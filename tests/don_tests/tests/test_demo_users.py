# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every demo user of `make run` logs in, in Dutch, and sees the DON menu."""

from odoo.tests import HttpCase, tagged

DEMO_USERS = {
    "projectleider": "don_core.group_don_projectleider",
    "kt.veiligheid": "don_core.group_don_kernteam",
    "kt.sociaal": "don_core.group_don_kernteam",
    "kt.politie": "don_core.group_don_kernteam",
    "om.agendalid": "don_core.group_don_kernteam",
    "jeugdconsulent": "don_core.group_don_professional",
    "boa": "don_core.group_don_professional",
    "beheerder": "don_core.group_don_manager",
    "privacy": "don_core.group_don_privacy",
    "rapportage": "don_core.group_don_reporting",
    "driehoek": "don_bestuur.group_don_driehoek",
}


@tagged("post_install", "-at_install", "don_demo")
class TestDemoUsers(HttpCase):
    def test_demo_users_log_in_and_see_don_in_dutch(self):
        Users = self.env["res.users"].with_context(active_test=False)
        root_menu = self.env.ref("don_core.menu_don_root")
        for login, group in DEMO_USERS.items():
            user = Users.search([("login", "=", login)])
            self.assertTrue(user, f"demo user {login} exists")
            self.assertEqual(user.lang, "nl_NL", login)
            self.assertTrue(user.has_group(group), login)
            self.assertFalse(user.has_group("base.group_allow_export"), f"{login} cannot export")
            self.authenticate(login, "don-demo")
            menus = self.url_open("/web/webclient/load_menus/1").json()
            self.assertIn(str(root_menu.id), {str(key) for key in menus}, login)
            root = menus.get(str(root_menu.id)) or menus.get(root_menu.id)
            self.assertEqual(root["name"], "DON")
            self.logout()
        # The DON menu itself is translated: a Dutch user sees no English.
        menu_names = (
            self.env["ir.ui.menu"]
            .with_context(lang="nl_NL")
            .search([("id", "child_of", root_menu.id)])
            .mapped("name")
        )
        self.assertIn("Casussen", menu_names)
        self.assertNotIn("Cases", menu_names)

    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)
