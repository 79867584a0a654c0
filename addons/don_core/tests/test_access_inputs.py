# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The inputs of the access relation (issue 15): team membership, the
rights to change it, the groups it gives and takes, the share act, and
group membership through the implied-group closure."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DonTestCommon, don_test_user


@tagged("post_install", "-at_install", "don_security")
class TestAccessInputs(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.group_kt = env.ref("don_core.group_don_kernteam")
        cls.group_prof = env.ref("don_core.group_don_professional")
        cls.group_pl = env.ref("don_core.group_don_projectleider")
        cls.group_pol = env.ref("don_core.group_domain_politie")
        cls.group_soc = env.ref("don_core.group_domain_sociaal")
        cls.group_vei = env.ref("don_core.group_domain_veiligheid")
        cls.team_1 = env["don.kernteam"].create(
            {
                "name": "Kernteam Noord",
                "company_id": cls.company_a.id,
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        cls.team_2 = env["don.kernteam"].create(
            {
                "name": "Kernteam Zuid",
                "company_id": cls.company_a.id,
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        cls.meeting_2 = env["don.meeting"].create(
            {"kernteam_id": cls.team_2.id, "date": datetime(2026, 12, 8, 9, 30)}
        )
        cls.item_2 = env["don.agenda.item"].create(
            {
                "meeting_id": cls.meeting_2.id,
                "kind": "case",
                "case_id": cls.case_a.id,
                "name": "ZUID-GEHEIM bespreking casus A",
            }
        )
        cls.newcomer = don_test_user(env, "t_newcomer", "base.group_user", cls.company_a)

    def member_of(self, team, user):
        return team.member_ids.filtered(lambda m: m.user_id == user)

    def sees(self, user, records):
        """What ``user`` finds of ``records`` (nothing when refused), and
        the access relation must agree."""
        try:
            found = records.with_user(user).search([("id", "in", records.ids)])
        except AccessError:
            found = records.browse()
        if found:
            self.assertEqual(
                self.env["don.access"]._user_can_see(records._name, found.ids, user.id),
                set(found.ids),
            )
        return found

    # ------------------------------------------------------------------
    # 2. A second Kernteam
    # ------------------------------------------------------------------
    def test_leaving_a_second_team_ends_its_meetings_at_once(self):
        groups = self.kt_soc.groups_id
        self.assertEqual(self.sees(self.kt_soc, self.meeting_2), self.meeting_2)
        self.assertEqual(self.sees(self.kt_soc, self.item_2), self.item_2)
        self.member_of(self.team_2, self.kt_soc).with_user(self.pl).unlink()
        # Still a member of the first team: her groups do not change ...
        self.assertEqual(self.kt_soc.groups_id, groups)
        # ... and yet the second team's meeting and minutes are closed to her.
        self.assertFalse(self.sees(self.kt_soc, self.meeting_2))
        self.assertFalse(self.sees(self.kt_soc, self.item_2))
        with self.assertRaises(AccessError):
            self.meeting_2.with_user(self.kt_soc).read(["minutes"])
        with self.assertRaises(AccessError):
            self.item_2.with_user(self.kt_soc).read(["name"])

    def test_joining_a_team_opens_its_meetings_at_once(self):
        # A Kernteamlid (by hand) who is no member of the team.
        self.assertFalse(self.sees(self.kt_vei, self.meeting_2))
        member = (
            self.env["don.kernteam.member"]
            .with_user(self.pl)
            .create(
                {"kernteam_id": self.team_2.id, "user_id": self.kt_vei.id, "role": "veiligheid"}
            )
        )
        self.assertEqual(self.sees(self.kt_vei, self.meeting_2), self.meeting_2)
        # Archiving the membership closes it again; so does becoming agenda member.
        member.with_user(self.pl).active = False
        self.assertFalse(self.sees(self.kt_vei, self.meeting_2))
        member.with_user(self.pl).active = True
        self.assertEqual(self.sees(self.kt_vei, self.meeting_2), self.meeting_2)
        member.with_user(self.pl).is_agenda_member = True
        self.assertFalse(self.sees(self.kt_vei, self.meeting_2))

    # ------------------------------------------------------------------
    # 5. Configuration rights never become data rights
    # ------------------------------------------------------------------
    def test_beheerder_cannot_make_anyone_a_member(self):
        Member = self.env["don.kernteam.member"].with_user(self.manager)
        for user in (self.manager, self.newcomer):
            with self.assertRaises(AccessError):
                Member.create(
                    {"kernteam_id": self.team_1.id, "user_id": user.id, "role": "politie"}
                )
        with self.assertRaises(AccessError):
            self.env["don.kernteam"].with_user(self.manager).create(
                {
                    "name": "Eigen team",
                    "company_id": self.company_a.id,
                    "member_ids": [Command.create({"user_id": self.manager.id, "role": "politie"})],
                }
            )
        with self.assertRaises(AccessError):
            self.member_of(self.team_1, self.kt_soc).with_user(self.manager).write(
                {"user_id": self.manager.id}
            )
        with self.assertRaises(AccessError):
            self.member_of(self.team_1, self.kt_soc).with_user(self.manager).unlink()
        self.assertNotIn(self.group_kt, self.manager.groups_id)
        self.assertNotIn(self.group_pol, self.manager.groups_id)
        self.assertFalse(self.sees(self.manager, self.youth_a | self.youth_b))
        with self.assertRaises(AccessError):
            self.note_pol.with_user(self.manager).read(["body"])

    def test_beheerder_cannot_give_themselves_groups(self):
        Users = self.env["res.users"].with_user(self.manager)
        for vals in (
            {"groups_id": [Command.link(self.group_kt.id)]},
            {f"in_group_{self.group_pol.id}": True},
        ):
            with self.assertRaises(AccessError):
                Users.browse(self.manager.id).write(vals)
            with self.assertRaises(AccessError):
                Users.browse(self.newcomer.id).write(vals)
        with self.assertRaises(AccessError):
            self.group_kt.with_user(self.manager).write({"users": [Command.link(self.manager.id)]})
        # The group of a domain decides who reads it: not configuration.
        with self.assertRaises(AccessError):
            self.dom_pol.with_user(self.manager).write({"group_id": self.group_kt.id})
        with self.assertRaises(AccessError):
            self.env["don.domain"].with_user(self.manager).create(
                {"name": "Eigen domein", "code": "eigen", "group_id": self.group_prof.id}
            )
        self.dom_pol.with_user(self.manager).write({"description": "Politie-eenheid"})
        self.assertNotIn(self.group_kt, self.manager.groups_id)

    def test_nobody_manages_their_own_membership(self):
        with self.assertRaises(AccessError):
            self.env["don.kernteam.member"].with_user(self.kt_pol).create(
                {"kernteam_id": self.team_1.id, "user_id": self.kt_pol.id, "role": "politie"}
            )
        # The project leader neither: not to join, not to change their role.
        with self.assertRaises(AccessError):
            self.env["don.kernteam.member"].with_user(self.pl).create(
                {"kernteam_id": self.team_1.id, "user_id": self.pl.id, "role": "politie"}
            )
        with self.assertRaises(AccessError):
            self.member_of(self.team_1, self.pl).with_user(self.pl).write({"role": "politie"})
        # For others, the project leader does.
        member = (
            self.env["don.kernteam.member"]
            .with_user(self.pl)
            .create({"kernteam_id": self.team_1.id, "user_id": self.newcomer.id, "role": "politie"})
        )
        self.assertIn(self.group_pol, self.newcomer.groups_id)
        # Another municipality's team is not theirs to manage.
        team_b = self.env["don.kernteam"].create(
            {"name": "Team B", "company_id": self.company_b.id}
        )
        with self.assertRaises(AccessError):
            member.with_user(self.pl).write({"kernteam_id": team_b.id})

    # ------------------------------------------------------------------
    # 6. Leaving the last Kernteam
    # ------------------------------------------------------------------
    def test_leaving_the_last_team_takes_away_what_membership_gave(self):
        Member = self.env["don.kernteam.member"].with_user(self.pl)
        member = Member.create(
            {"kernteam_id": self.team_1.id, "user_id": self.newcomer.id, "role": "politie"}
        )
        given = self.group_kt | self.group_prof | self.group_pol
        self.assertEqual(self.newcomer.groups_id & given, given)
        self.assertEqual(self.sees(self.newcomer, self.note_pol), self.note_pol)
        member.unlink()
        self.assertFalse(self.newcomer.groups_id & given)
        self.assertFalse(self.sees(self.newcomer, self.youth_a | self.youth_b))
        self.assertFalse(
            self.env["don.access"]._user_can_see("don.youth", self.youth_a.ids, self.newcomer.id)
        )
        self.assertFalse(self.sees(self.newcomer, self.note_pol))

    def test_deleting_a_team_is_leaving_it(self):
        team = self.env["don.kernteam"].create(
            {"name": "Tijdelijk", "company_id": self.company_a.id}
        )
        self.env["don.kernteam.member"].with_user(self.pl).create(
            {"kernteam_id": team.id, "user_id": self.newcomer.id, "role": "politie"}
        )
        self.assertIn(self.group_pol, self.newcomer.groups_id)
        team.with_user(self.pl).unlink()
        self.assertFalse(self.newcomer.groups_id & (self.group_kt | self.group_pol))

    def test_groups_given_by_hand_stay(self):
        # prof_vei is Professional of Veiligheid by hand.
        member = (
            self.env["don.kernteam.member"]
            .with_user(self.pl)
            .create({"kernteam_id": self.team_1.id, "user_id": self.prof_vei.id, "role": "sociaal"})
        )
        self.assertIn(self.group_soc, self.prof_vei.groups_id)
        member.with_user(self.pl).role = "politie"
        self.assertNotIn(self.group_soc, self.prof_vei.groups_id, "the old role's domain goes")
        self.assertIn(self.group_pol, self.prof_vei.groups_id)
        member.with_user(self.pl).unlink()
        groups = self.prof_vei.groups_id
        self.assertFalse(groups & (self.group_kt | self.group_pol))
        self.assertEqual(
            groups & (self.group_prof | self.group_vei), self.group_prof | self.group_vei
        )

    def test_a_role_held_in_another_team_stays(self):
        member = self.env["don.kernteam.member"].with_user(self.pl)
        first = member.create(
            {"kernteam_id": self.team_1.id, "user_id": self.newcomer.id, "role": "politie"}
        )
        member.create(
            {"kernteam_id": self.team_2.id, "user_id": self.newcomer.id, "role": "politie"}
        )
        first.unlink()
        self.assertIn(self.group_kt, self.newcomer.groups_id)
        self.assertIn(self.group_pol, self.newcomer.groups_id)

    # ------------------------------------------------------------------
    # 7. / 8. The share act cannot be skipped
    # ------------------------------------------------------------------
    def test_context_key_does_not_open_the_share_act(self):
        note = self.note_soc.with_user(self.kt_soc).with_context(don_share_wizard=True)
        with self.assertRaises(UserError):
            note.write({"sharing_level": "kernteam", "legal_basis_id": self.basis.id})
        with self.assertRaises(UserError):
            note.write({"user_ids": [Command.link(self.prof_vei.id)]})
        self.assertEqual(self.note_soc.sharing_level, "domain")
        self.assertFalse(self.sees(self.prof_vei, self.note_soc))

    def test_moving_to_another_domain_is_a_share_act(self):
        note = self.note_soc.with_user(self.kt_soc)
        for context in ({}, {"don_share_wizard": True}):
            with self.assertRaises(UserError):
                note.with_context(**context).write({"domain_id": self.dom_pol.id})
        self.assertEqual(self.note_soc.domain_id, self.dom_soc)
        self.assertFalse(self.sees(self.kt_pol, self.note_soc))
        # Through the act: legal basis and reason in the chatter.
        Wizard = self.env["don.share.wizard"].with_user(self.kt_soc)
        wizard = Wizard.create(
            {
                "res_model": "don.case.note",
                "res_id": self.note_soc.id,
                "sharing_level": "domain",
                "domain_id": self.dom_pol.id,
                "reason": "Overdracht aan de wijkagent",
            }
        )
        with self.assertRaises(UserError):
            wizard.action_apply()  # no legal basis
        wizard.legal_basis_id = self.basis
        wizard.action_apply()
        self.assertEqual(self.note_soc.domain_id, self.dom_pol)
        self.assertEqual(self.sees(self.kt_pol, self.note_soc), self.note_soc)
        body = self.note_soc.message_ids[:1].body
        self.assertIn("Overdracht aan de wijkagent", body)
        self.assertIn(self.basis.display_name, body)

    def test_share_act_token_is_for_one_record(self):
        # Inside the act on one record, another record is not widened.
        with self.note_soc._don_share_act(), self.assertRaises(UserError):
            self.note_inv.with_user(self.kt_soc).write({"sharing_level": "kernteam"})

    # ------------------------------------------------------------------
    # Group membership through the implied-group closure (fail closed)
    # ------------------------------------------------------------------
    def test_this_odoo_keeps_groups_where_the_relation_reads_them(self):
        """Fails when an Odoo upgrade moves what the access relation reads."""
        Users, Groups = self.env["res.users"], self.env["res.groups"]
        for field, relation, column1, column2 in (
            (Users._fields["groups_id"], "res_groups_users_rel", "uid", "gid"),
            (Groups._fields["implied_ids"], "res_groups_implied_rel", "gid", "hid"),
        ):
            self.assertEqual(
                (field.type, field.relation, field.column1, field.column2),
                ("many2many", relation, column1, column2),
            )
        # 18.0 also stores implied groups in res_groups_users_rel (later Odoo
        # does not): the closure gives the same members either way.
        self.assertIn(self.group_prof, self.pl.groups_id)
        closure = self.env["don.access"]._group_closure()[0]
        self.assertIn(self.group_pl.id, closure[self.group_kt.id])
        self.assertIn(self.group_pl.id, closure[self.group_prof.id])

    def test_roles_through_implied_groups_without_their_rows(self):
        # As later Odoo stores them: only the directly given group.
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM res_groups_users_rel WHERE uid = %s AND gid IN %s",
            [self.pl.id, (self.group_kt.id, self.group_prof.id)],
        )
        self.env.invalidate_all()
        self.env["don.access"]._recompute(user_ids=self.pl.ids)
        # (Odoo's own model access of this version then refuses: the access
        # relation is computed through the closure.)
        Access = self.env["don.access"]
        self.assertEqual(
            Access._user_can_see("don.case", self.case_b.ids, self.pl.id), {self.case_b.id}
        )
        self.assertEqual(
            Access._user_can_see("don.case.note", self.note_kt.ids, self.pl.id), {self.note_kt.id}
        )
        self.assertTrue(Access._user_sees_all("don.youth", self.pl.id))

    def test_every_way_of_removing_a_role_removes_access(self):
        custom = self.env["res.groups"].create({"name": "Wijkteam Noord"})

        def kt_user(login):
            return don_test_user(self.env, login, "don_core.group_don_kernteam", self.company_a)

        removals = {
            "groups_id": lambda u: u.write({"groups_id": [Command.unlink(self.group_kt.id)]}),
            "in_group": lambda u: u.write(
                {
                    f"in_group_{self.group_kt.id}": False,
                    f"in_group_{self.group_prof.id}": False,
                }
            ),
            "group users": lambda u: self.group_kt.write({"users": [Command.unlink(u.id)]}),
            "archived": lambda u: u.write({"active": False}),
            "company": lambda u: u.write(
                {"company_ids": [Command.set(self.company_b.ids)], "company_id": self.company_b.id}
            ),
        }
        for name, remove in removals.items():
            with self.subTest(name):
                user = kt_user(f"t_remove_{name.replace(' ', '_')}")
                self.assertEqual(self.sees(user, self.case_b), self.case_b)
                remove(user)
                self.env.invalidate_all()
                if user.active:
                    self.assertFalse(self.sees(user, self.case_b), name)
                self.assertFalse(
                    self.env["don.access"]._user_can_see("don.case", self.case_b.ids, user.id), name
                )
        # A role held through an implied group of another group, taken away
        # by changing that group's implied groups.
        user = don_test_user(self.env, "t_remove_implied", "base.group_user", self.company_a)
        custom.write({"users": [Command.link(user.id)]})
        custom.write({"implied_ids": [Command.link(self.group_kt.id)]})
        self.assertEqual(self.sees(user, self.case_b), self.case_b)
        self.env.cr.execute(
            "DELETE FROM res_groups_users_rel WHERE uid = %s AND gid IN %s",
            [user.id, (self.group_kt.id, self.group_prof.id)],
        )
        custom.write({"implied_ids": [Command.unlink(self.group_kt.id)]})
        self.assertFalse(self.sees(user, self.case_b))

    # ------------------------------------------------------------------
    # Need to know for the OM agenda member
    # ------------------------------------------------------------------
    def test_om_agenda_member_sees_only_the_cases_on_its_agenda(self):
        self.env["don.kernteam.member"].with_user(self.pl).create(
            {"kernteam_id": self.team_1.id, "user_id": self.kt_om.id, "role": "om"}
        )
        cases = self.case_a | self.case_b
        # Kernteamlid, but agenda member held to need to know (the default).
        self.assertTrue(self.company_a.don_om_need_to_know)
        self.assertFalse(self.sees(self.kt_om, cases))
        self.assertFalse(self.sees(self.kt_om, self.youth_a | self.youth_b))
        self.assertFalse(self.sees(self.kt_om, self.note_kt))
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": self.team_1.id,
                "date": fields.Datetime.now() + timedelta(days=5),
                "attendee_ids": [Command.set((self.pl | self.kt_om).ids)],
            }
        )
        self.assertFalse(self.sees(self.kt_om, cases), "an empty agenda opens nothing")
        item = self.env["don.agenda.item"].create(
            {"meeting_id": meeting.id, "kind": "case", "case_id": self.case_a.id, "name": "A"}
        )
        self.assertEqual(self.sees(self.kt_om, cases), self.case_a)
        self.assertEqual(self.sees(self.kt_om, self.youth_a | self.youth_b), self.youth_a)
        self.assertEqual(self.sees(self.kt_om, item), item)
        # What is shared with every Kernteamlid is not shared with the OM ...
        self.assertFalse(self.sees(self.kt_om, self.note_kt))
        # ... what is shared with them by name is.
        with self.note_inv._don_share_act():
            self.note_inv.write({"user_ids": [Command.link(self.kt_om.id)]})
        self.assertEqual(self.sees(self.kt_om, self.note_inv), self.note_inv)
        # The period after the meeting (30 days by default).
        meeting.date = fields.Datetime.now() - timedelta(days=31)
        self.assertFalse(self.sees(self.kt_om, cases))
        self.company_a.don_om_period_days = 60
        self.assertEqual(self.sees(self.kt_om, cases), self.case_a)
        # Not invited: nothing.
        meeting.attendee_ids = [Command.unlink(self.kt_om.id)]
        self.assertFalse(self.sees(self.kt_om, cases))
        meeting.attendee_ids = [Command.link(self.kt_om.id)]
        item.unlink()
        self.assertFalse(self.sees(self.kt_om, cases))
        # The municipality may choose otherwise: then the OM is a Kernteamlid.
        settings = self.env["res.config.settings"].with_company(self.company_a).create({})
        self.assertTrue(settings.don_om_need_to_know)
        settings.don_om_need_to_know = False
        settings.execute()
        self.assertFalse(self.company_a.don_om_need_to_know)
        self.assertEqual(self.sees(self.kt_om, cases), cases)
        self.assertEqual(self.sees(self.kt_om, self.note_kt), self.note_kt)

    def test_om_access_ends_with_the_period_by_the_daily_job(self):
        self.env["don.kernteam.member"].with_user(self.pl).create(
            {"kernteam_id": self.team_1.id, "user_id": self.kt_om.id, "role": "om"}
        )
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": self.team_1.id,
                "date": fields.Datetime.now() - timedelta(days=29),
                "attendee_ids": [Command.set(self.kt_om.ids)],
            }
        )
        self.env["don.agenda.item"].create(
            {"meeting_id": meeting.id, "kind": "case", "case_id": self.case_b.id, "name": "B"}
        )
        self.assertEqual(self.sees(self.kt_om, self.case_b), self.case_b)
        # Two days later (the date moved in SQL: nothing but time changed).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE don_meeting SET date = date - interval '2 days' WHERE id = %s", [meeting.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.sees(self.kt_om, self.case_b), self.case_b, "until the job runs")
        self.env["don.access"]._cron_need_to_know()
        self.assertFalse(self.sees(self.kt_om, self.case_b))
