# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Dutch user sees Dutch on DON screens, whoever wrote the data, and each
DON role starts on its own work (issue 19)."""

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "don_demo")
class TestScreensDutch(TransactionCase):
    def test_inherited_selection_labels_are_dutch(self):
        # The sharing level comes from the don_core mixin, the activity state
        # from mail's: both are Dutch on a signal and a case.
        nl = self.env(context={"lang": "nl_NL"})
        for model in ("don.signal", "don.case.note", "don.case"):
            for field, value, dutch in (
                ("sharing_level", "domain", "Eigen domein"),
                ("sharing_level", "involved", "Alleen de genoemde betrokkenen"),
                ("activity_state", "overdue", "Te laat"),
                ("activity_state", "today", "Vandaag"),
            ):
                if field not in nl[model]._fields:
                    continue
                labels = dict(nl[model]._fields[field]._description_selection(nl))
                self.assertEqual(labels[value], dutch, f"{model}.{field}")

    def test_demo_creation_messages_are_dutch(self):
        # The demo data are written before the Dutch model names are loaded:
        # their "... aangemaakt" lines are rewritten afterwards.
        Message = self.env["mail.message"].sudo()
        english = Message.search(
            [
                "|",
                ("model", "=like", "don.%"),
                ("model", "=", "event.event"),
                ("message_type", "=", "notification"),
                "|",
                "|",
                "|",
                ("body", "ilike", "<p>Event aangemaakt</p>"),
                ("body", "ilike", "Case file aangemaakt"),
                ("body", "ilike", "Young person aangemaakt"),
                ("body", "ilike", "Kernteam meeting aangemaakt"),
            ]
        )
        self.assertFalse(english.mapped("body"))
        self.assertTrue(
            Message.search_count(
                [("model", "=", "don.case"), ("body", "ilike", "Casusdossier aangemaakt")]
            )
        )

    def test_project_task_labels_on_actions_are_dutch(self):
        # Kernteam > Acties groups project tasks: no English Odoo label there.
        fields_nl = self.env["project.task"].with_context(lang="nl_NL").fields_get(["sequence"])
        self.assertNotEqual(fields_nl["sequence"]["string"], "Sequence")

    def test_each_role_lands_on_its_own_work(self):
        cases = self.env.ref("don_core.don_case_action")
        expected = {
            "don_core.group_don_projectleider": self.env.ref("don_core.don_kernteam_action"),
            "don_core.group_don_kernteam": cases,
            "don_core.group_don_professional": cases,
            "don_core.group_don_privacy": self.env.ref("don_core.don_access_log_action"),
            "don_core.group_don_reporting": self.env.ref(
                "don_rapportage.don_report_dashboard_action_open"
            ),
        }
        for index, (group, action) in enumerate(expected.items()):
            user = new_test_user(
                self.env, login=f"t_home_{index}", groups=f"base.group_user,{group}"
            )
            self.assertEqual(user.action_id.id, action.id, group)
        # Ticking a role later gives its home action; a home action an
        # administrator chose stays.
        user = new_test_user(self.env, login="t_home_later", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.write({"groups_id": [fields.Command.link(self.env.ref(next(iter(expected))).id)]})
        self.assertEqual(user.action_id.id, expected["don_core.group_don_projectleider"].id)
        chosen = self.env.ref("don_core.don_youth_action")
        user.action_id = chosen.id
        user.write(
            {"groups_id": [fields.Command.link(self.env.ref("don_core.group_don_privacy").id)]}
        )
        self.assertEqual(user.action_id.id, chosen.id)
        # The demo users too.
        demo = self.env["res.users"].search([("login", "=", "kt.politie")])
        self.assertEqual(demo.action_id.id, cases.id)

    def test_legal_basis_found_by_the_law(self):
        found = self.env["don.legal.basis"].name_search("Wet politiegegevens")
        self.assertTrue(found)
        names = self.env["don.legal.basis"].browse([row[0] for row in found]).mapped("convenant")
        self.assertEqual(set(names), {"Wet politiegegevens"})

    def test_contribution_kind_follows_the_domain(self):
        police = self.env["res.users"].search([("login", "=", "kt.politie")])
        social = self.env["res.users"].search([("login", "=", "kt.sociaal")])
        Note = self.env["don.case.note"]
        self.assertEqual(Note.with_user(police).default_get(["note_type"])["note_type"], "police")
        self.assertEqual(Note.with_user(social).default_get(["note_type"])["note_type"], "care")

    def test_training_mails_in_dutch(self):
        # Events' registration mails take the event's language.
        pl = self.env["res.users"].search([("login", "=", "projectleider")])
        partner = self.env["res.partner"].search([("don_org_type", "!=", False)], limit=1)
        training = (
            self.env["event.event"]
            .with_user(pl)
            .with_context(lang="en_US")
            .create(
                {
                    "name": "Signalen herkennen",
                    "don_is_training": True,
                    "don_partner_id": partner.id,
                    "date_begin": fields.Datetime.now(),
                    "date_end": fields.Datetime.now(),
                }
            )
        )
        self.assertEqual(training.lang, "nl_NL")

    def test_period_report_labels_in_the_readers_language(self):
        # Generated by a project leader who works in English: a Dutch reader
        # still reads Dutch labels, an English reader English ones.
        pl = new_test_user(
            self.env,
            login="t_pl_english",
            groups="base.group_user,don_core.group_don_projectleider,don_core.group_domain_veiligheid",
            lang="en_US",
        )
        today = fields.Date.context_today(self.env["don.period.report"].with_user(pl))
        report = (
            self.env["don.period.report"]
            .with_user(pl)
            .create(
                {
                    "company_id": self.env.ref("base.main_company").id,
                    "period_type": "year",
                    "year": today.year,
                }
            )
        )
        report.action_generate()
        lines = report.line_ids.filtered(lambda line: line.dimension == "channel")
        self.assertTrue(lines)
        dutch = lines.with_context(lang="nl_NL")
        english = lines.with_context(lang="en_US")
        self.assertEqual(set(english.mapped("dimension_label")), {"Per channel"})
        self.assertEqual(set(dutch.mapped("dimension_label")), {"Per kanaal"})

    def test_upgrade_translates_labels_frozen_in_english(self):
        # Reports generated before 18.0.1.2.0 hold their labels in one
        # language: the upgrade gives them their Dutch labels.
        pl = self.env["res.users"].search([("login", "=", "projectleider")])
        report = (
            self.env["don.period.report"]
            .with_user(pl)
            .create(
                {
                    "company_id": self.env.ref("base.main_company").id,
                    "period_type": "year",
                    "year": fields.Date.context_today(self.env.user).year,
                }
            )
        )
        report.action_generate()
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE don_period_report_line
                  SET dimension_label = jsonb_build_object('en_US', dimension_label->>'en_US'),
                      key_label = jsonb_build_object('en_US', key_label->>'en_US')
                WHERE report_id = %s""",
            [report.id],
        )
        report.line_ids.invalidate_recordset()
        lines = report.line_ids.with_context(lang="nl_NL")
        feedback = lines.filtered(lambda line: line.dimension == "feedback")
        self.assertEqual(set(feedback.mapped("dimension_label")), {"Per feedback timeliness"})
        report.line_ids._don_translate_frozen_labels()
        self.assertNotIn("Per feedback timeliness", feedback.mapped("dimension_label"))
        self.assertNotIn("Total", lines.mapped("key_label"))
        self.assertIn("Totaal", lines.mapped("key_label"))

    def test_mayor_and_professionals_are_offered_their_own_menus(self):
        def menu_xmlids(login):
            user = self.env["res.users"].search([("login", "=", login)])
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
            return {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}

        mayor = menu_xmlids("burgemeester")
        self.assertIn("don_bestuur.menu_don_gezag_measure_mayor", mayor)
        self.assertNotIn("don_signalen.menu_don_signal", mayor)
        self.assertNotIn("don_core.menu_don_case_note", mayor)
        professional = menu_xmlids("jeugdconsulent")
        self.assertIn("don_core.menu_don_case", professional)
        self.assertNotIn("don_core.menu_don_meeting", professional)
        self.assertIn("don_core.menu_don_meeting", menu_xmlids("kt.sociaal"))
