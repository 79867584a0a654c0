# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DonAwarenessCommon


@tagged("post_install", "-at_install")
class TestSignalCardVersioning(DonAwarenessCommon):
    def test_catalogue_filtered_on_audience(self):
        Indicator = self.env["don.indicator"]
        category = self.env["don.signal.category"].search([], limit=1)
        parents_only = Indicator.create(
            {
                "name": "Child has new expensive clothes (parents only)",
                "category_id": category.id,
                "audience_internal": False,
                "audience_school": False,
                "audience_sportclub": False,
                "audience_parents": True,
            }
        )
        card = self.env["don.signal.card"].create(
            {"name": "Clubs v2", "audience": "sportclub", "company_id": self.company_a.id}
        )
        card.action_load_catalogue()
        self.assertNotIn(parents_only, card.signal_line_ids.indicator_id)
        self.assertEqual(
            set(card.signal_line_ids.indicator_id.ids),
            set(Indicator.search([("audience_sportclub", "=", True)]).ids),
        )
        self.assertTrue(card.risk_line_ids and card.protective_line_ids)
        self.assertEqual(card.version, 2, "versions are numbered per audience")

    def test_publish_new_version_keeps_old_readable_and_unchanged(self):
        old = self.card_club
        self.assertEqual(old.state, "published")
        old_texts = sorted(old.line_ids.mapped("name"))
        indicator = old.signal_line_ids[0].indicator_id
        old_name = old.signal_line_ids[0].name
        # the catalogue changes after publication
        indicator.name = "Renamed indicator in the catalogue"
        new_indicator = self.env["don.indicator"].create(
            {"name": "Brand-new indicator", "category_id": indicator.category_id.id}
        )
        action = old.action_new_version()
        new = self.env["don.signal.card"].browse(action["res_id"])
        self.assertEqual((new.version, new.state), (2, "draft"))
        self.assertEqual(new.route_line_ids.phone, "0800-7000", "reporting route copied")
        self.assertIn(new_indicator, new.signal_line_ids.indicator_id)
        new.action_publish()
        old.invalidate_recordset()
        self.assertEqual(old.state, "superseded")
        self.assertEqual(new.state, "published")
        # the old version is still readable, with its frozen texts
        self.assertEqual(old.signal_line_ids[0].name, old_name)
        self.assertEqual(sorted(old.line_ids.mapped("name")), old_texts)
        self.assertNotIn("Brand-new indicator", old.line_ids.mapped("name"))
        self.assertEqual(
            self.env["don.signal.card"]._current_for_audience("sportclub", self.company_a), new
        )
        self.assertEqual(self.club.with_company(self.company_a)._don_current_signal_card(), new)
        # a professional can still read the superseded version
        self.assertTrue(old.with_user(self.prof).line_ids.mapped("name"))

    def test_published_card_is_frozen(self):
        card = self.card_club
        with self.assertRaises(UserError):
            card.intro = "Changed afterwards"
        with self.assertRaises(UserError):
            card.signal_line_ids[0].name = "Changed afterwards"
        with self.assertRaises(UserError):
            card.line_ids[0].unlink()
        with self.assertRaises(UserError):
            self.env["don.signal.card.line"].create(
                {"card_id": card.id, "section": "route", "name": "Extra"}
            )
        with self.assertRaises(UserError):
            card.unlink()
        with self.assertRaises(UserError):
            card.action_load_catalogue()

    def test_publish_requires_content(self):
        card = self.env["don.signal.card"].create(
            {"name": "Empty", "audience": "school", "company_id": self.company_a.id}
        )
        with self.assertRaises(UserError):
            card.action_publish()
        card.action_load_catalogue()
        with self.assertRaises(UserError):
            card.action_publish()  # no reporting route yet

    def test_card_keeps_catalogue_translations(self):
        """The frozen lines carry the catalogue texts in every language."""
        self.env["res.lang"]._activate_lang("nl_NL")
        category = self.env["don.signal.category"].search([], limit=1)
        indicator = self.env["don.indicator"].create(
            {"name": "Carries a lot of cash (test)", "category_id": category.id}
        )
        indicator.update_field_translations("name", {"nl_NL": "Heeft veel contant geld (test)"})
        card = self.env["don.signal.card"].create(
            {"name": "Clubs", "audience": "sportclub", "company_id": self.company_a.id}
        )
        card.action_load_catalogue()
        line = card.signal_line_ids.filtered(lambda ln: ln.indicator_id == indicator)
        self.assertEqual(line.name, "Carries a lot of cash (test)")
        self.assertEqual(line.with_context(lang="nl_NL").name, "Heeft veel contant geld (test)")
        # a later translation change in the catalogue does not reach the card
        indicator.update_field_translations("name", {"nl_NL": "Gewijzigd"})
        line.invalidate_recordset()
        self.assertEqual(line.with_context(lang="nl_NL").name, "Heeft veel contant geld (test)")
        factor_line = card.risk_line_ids[:1]
        self.assertTrue(factor_line.with_context(lang="nl_NL").group_name)
