# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matches between domains (Verwijsindex principle, issue 17): the holders
and the project leader learn which domains hold information, whom to
contact and since when, never what the other domain holds."""

import json
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SignalTestCommon

BOA_MARK = "BOA-INHOUD-7731"
POL_MARK = "POLITIE-INHOUD-7732"
JC_MARK = "CONSULENT-INHOUD-7733"


class MatchCommon(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hood_match = cls.env["don.neighbourhood"].create(
            {"name": "Vogelbuurt", "company_id": cls.company_a.id}
        )
        cls.category_match = cls.env["don.signal.category"].create({"name": "Test ronselen"})
        cls.Match = cls.env["don.match"]

    def report(self, user, domain, mark, **values):
        """A signal recorded by ``user`` in the backend, as they would, and
        the job that tells the holders (triggered by the detection)."""
        signal = (
            self.env["don.signal"]
            .with_user(user)
            .with_company(self.company_a)
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "Jongen benaderd bij de snackbar",
                    "description": f"{mark} jongen van 15 wordt bij de snackbar aangesproken",
                    "youth_description": "Daan, 15 jaar",
                    "channel_id": self.ch_police.id,
                    "reporter_type": "person",
                    "reporter_name": user.name,
                    "domain_id": domain.id,
                    "neighbourhood_id": self.hood_match.id,
                    "category_id": self.category_match.id,
                    "company_id": self.company_a.id,
                    **values,
                }
            )
        )
        self.Match._cron_don_tell()
        return signal

    def scenario(self):
        """The boa, the police officer and the youth consultant each report
        what they saw of the same young person, at the same place."""
        boa = self.report(self.prof_vei, self.dom_vei, BOA_MARK)
        police = self.report(self.kt_pol, self.dom_pol, POL_MARK)
        consultant = self.report(self.prof_soc, self.dom_soc, JC_MARK)
        matches = self.Match.search(
            [("neighbourhood_id", "=", self.hood_match.id), ("state", "=", "open")]
        )
        return (boa | police | consultant).with_env(self.env), matches


@tagged("post_install", "-at_install", "don_signalen")
class TestMatch(MatchCommon):
    def test_scenario_one_match_for_the_holders_and_the_project_leader(self):
        signals, matches = self.scenario()
        self.assertEqual(len(matches), 1, "one match, extended as each domain reported")
        match = matches
        self.assertEqual(match.match_type, "place")
        self.assertEqual(
            set(match.participant_ids.domain_id.ids),
            {self.dom_vei.id, self.dom_pol.id, self.dom_soc.id},
        )
        holders = self.prof_vei | self.kt_pol | self.prof_soc
        self.assertEqual(match.user_ids, holders)
        self.assertEqual(
            match.date_first, fields.Date.to_date(min(signals.mapped("date_received")))
        )
        for user in holders | self.pl:
            self.assertEqual(self.visible(user, match), match, user.login)
            found = self.Match.with_user(user).search(
                [("neighbourhood_id", "=", self.hood_match.id)]
            )
            self.assertEqual(found, match, user.login)
        # Kernteam members who hold nothing, other roles and the other
        # municipality learn nothing: not the match, its domains, its notices.
        for user in self.kt_vei | self.kt_soc | self.kt_om | self.kt_b:
            self.assertFalse(self.visible(user, match), user.login)
            with self.assertRaises(AccessError):
                match.with_user(user).read(["domain_names"])
            self.assertFalse(
                self.env["don.match.participant"]
                .with_user(user)
                .search([("match_id", "=", match.id)])
            )
            self.assertFalse(
                self.env["don.match.notice"].with_user(user).search([("match_id", "=", match.id)])
            )
            self.assertFalse(
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", "don.match"), ("res_id", "=", match.id)])
            )
        # Outside DON: no right on matches at all.
        for user in self.outsiders:
            with self.assertRaises(AccessError):
                self.Match.with_user(user).search([])

    def test_match_reveals_existence_and_contact_only(self):
        signals, match = self.scenario()
        marks = {BOA_MARK, POL_MARK, JC_MARK}
        own = {self.prof_vei: BOA_MARK, self.kt_pol: POL_MARK, self.prof_soc: JC_MARK}
        for user, mark in own.items():
            as_user = match.with_user(user)
            fnames = [name for name, field in as_user._fields.items() if not field.groups]
            data = as_user.read(fnames)
            data += as_user.participant_ids.read(["domain_id", "user_id", "date_first"])
            data += as_user.notice_ids.read(["user_id", "summary", "create_date"])
            messages = (
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", "don.match"), ("res_id", "=", match.id)])
            )
            data += messages.read(["body", "subject", "record_name", "preview"])
            data += [as_user.display_name]
            text = json.dumps(data, default=str)
            for other in marks - {mark}:
                self.assertNotIn(other, text, user.login)
            # Nothing points from the match to the signals themselves.
            for signal in signals:
                self.assertNotIn(signal.reference, text, user.login)
            # And the other domains' signals stay closed to this holder.
            for signal in signals.filtered(lambda s, u=user: s.author_id != u):
                if signal.domain_id.group_id in user.groups_id:
                    continue
                with self.assertRaises(AccessError):
                    signal.with_user(user).read(["description"])
            # What they learn: the domains and whom to contact.
            self.assertIn(self.dom_pol.name, text)
            self.assertIn(self.kt_pol.name, text)
        # The notifications and e-mails of the match carry no content either.
        mails = self.env["mail.mail"].search(
            [("model", "=", "don.match"), ("res_id", "=", match.id)]
        )
        notified = self.env["mail.notification"].search(
            [("mail_message_id.res_id", "=", match.id), ("mail_message_id.model", "=", "don.match")]
        )
        self.assertTrue(notified)
        self.assertLessEqual(set(notified.res_partner_id.ids), set(match.user_ids.partner_id.ids))
        bodies = json.dumps(
            mails.mapped("body_html") + notified.mail_message_id.mapped("body"), default=str
        )
        for mark in marks:
            self.assertNotIn(mark, bodies)
        # Activities: none are created for a match (nothing to assign).
        self.assertFalse(self.env["mail.activity"].search([("res_model", "=", "don.match")]))

    def test_who_was_told_what_and_when(self):
        _signals, match = self.scenario()
        notices = match.notice_ids
        # Two holders when the police reported (the match was found), all
        # three when the youth consultant joined.
        self.assertEqual(len(notices), 2 + 3)
        self.assertEqual(notices.user_id, match.user_ids)
        last = notices.filtered(lambda n: n.user_id == self.prof_vei).sorted("id")[-1]
        self.assertIn(self.dom_soc.name, last.summary)
        self.assertTrue(last.create_date)

    def test_youth_match_over_signals_contributions_and_interventions(self):
        youth = self.env["don.youth"].create(
            {"name": "Sem Willems", "company_id": self.company_a.id}
        )
        case = self.env["don.case"].create({"youth_id": youth.id, "company_id": self.company_a.id})
        self.env["don.case.note"].create(
            {
                "case_id": case.id,
                "name": "Politie: staandehouding",
                "body": POL_MARK,
                "domain_id": self.dom_pol.id,
                "author_id": self.kt_pol.id,
            }
        )
        self.assertFalse(self.Match.search([("youth_id", "=", youth.id)]), "one domain: no match")
        self.env["don.intervention"].create(
            {
                "case_id": case.id,
                "name": "Gesprek leerplicht",
                "type_id": self.itype.id,
                "domain_id": self.dom_soc.id,
                "author_id": self.kt_soc.id,
            }
        )
        match = self.Match.search([("youth_id", "=", youth.id)])
        self.assertEqual(len(match), 1)
        self.assertEqual(match.match_type, "youth")
        # Found at once; told by the job the detection triggered.
        self.assertFalse(match.notice_ids)
        self.assertTrue(
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", self.env.ref("don_signalen.ir_cron_don_match_tell").id)]
            )
        )
        self.Match._cron_don_tell()
        self.assertEqual(match.notice_ids.user_id, self.kt_pol | self.kt_soc)
        self.assertTrue(all(match.participant_ids.mapped("told_date")))
        self.assertEqual(match.user_ids, self.kt_pol | self.kt_soc)
        signal = self.report(self.prof_vei, self.dom_vei, BOA_MARK, neighbourhood_id=False)
        signal.sudo().youth_ids = [Command.link(youth.id)]
        self.assertEqual(self.Match.search([("youth_id", "=", youth.id)]), match, "extended")
        self.assertIn(self.prof_vei, match.user_ids)
        self.assertEqual(len(match.participant_ids.domain_id), 3)

    def test_match_on_the_agenda(self):
        _signals, match = self.scenario()
        kernteam = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Samenloop",
                "company_id": self.company_a.id,
                "member_ids": [Command.create({"user_id": self.pl.id, "role": "projectleider"})],
            }
        )
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": kernteam.id, "date": fields.Datetime.now() + timedelta(days=3)}
        )
        meeting.with_user(self.pl).action_prepare_agenda()
        item = meeting.agenda_item_ids.filtered(lambda i: i.match_id == match)
        self.assertEqual(len(item), 1)
        self.assertEqual(item.kind, "match")
        self.assertIn(match.reference, item.name)
        self.assertNotIn(BOA_MARK, item.name)
        self.assertIn("match", item.reason_keys)
        # Once on an agenda, the next preparation does not propose it again.
        meeting.with_user(self.pl).action_prepare_agenda()
        self.assertEqual(len(meeting.agenda_item_ids.filtered(lambda i: i.match_id == match)), 1)
        later = self.env["don.meeting"].create(
            {"kernteam_id": kernteam.id, "date": fields.Datetime.now() + timedelta(days=10)}
        )
        later.with_user(self.pl).action_prepare_agenda()
        self.assertFalse(later.agenda_item_ids.filtered(lambda i: i.match_id == match))

    def test_closing_is_logged_and_needs_a_reason(self):
        _signals, match = self.scenario()
        wizard = self.env["don.match.close.wizard"].with_user(self.kt_pol)
        with self.assertRaises(UserError):
            wizard.create({"match_id": match.id, "reason": "  "}).action_confirm()
        # Nobody changes a match by writing to it, holders included.
        with self.assertRaises(AccessError):
            match.with_user(self.kt_pol).write({"state": "closed"})
        with self.assertRaises(AccessError):
            match.with_user(self.kt_pol).write({"user_ids": [Command.link(self.kt_soc.id)]})
        # Who may not see it cannot close it.
        with self.assertRaises(AccessError):
            self.env["don.match.close.wizard"].with_user(self.kt_soc).create(
                {"match_id": match.id, "reason": "Niet dezelfde jongen"}
            ).action_confirm()
        wizard.create({"match_id": match.id, "reason": "Besproken, zelfde jongen"}).action_confirm()
        self.assertEqual(match.state, "closed")
        self.assertEqual(match.closed_by_id, self.kt_pol)
        self.assertEqual(match.close_reason, "Besproken, zelfde jongen")
        self.assertEqual(match.date_closed, fields.Date.context_today(match.with_user(self.kt_pol)))
        bodies = " ".join(match.message_ids.mapped("body"))
        self.assertIn("Besproken, zelfde jongen", bodies)
        self.assertIn(self.kt_pol.name, bodies)
        # A new signal of a domain already in the closed match does not open
        # it again.
        self.report(self.kt_pol, self.dom_pol, POL_MARK)
        self.assertFalse(
            self.Match.search(
                [("neighbourhood_id", "=", self.hood_match.id), ("state", "=", "open")]
            )
        )

    def test_one_domain_is_no_match(self):
        self.report(self.prof_vei, self.dom_vei, BOA_MARK)
        self.report(self.kt_vei, self.dom_vei, BOA_MARK)
        self.assertFalse(self.Match.search([("neighbourhood_id", "=", self.hood_match.id)]))

    def test_other_period_is_no_match(self):
        self.report(self.prof_vei, self.dom_vei, BOA_MARK)
        self.report(
            self.kt_pol,
            self.dom_pol,
            POL_MARK,
            date_received=fields.Datetime.now() - timedelta(days=90),
        )
        self.assertFalse(self.Match.search([("neighbourhood_id", "=", self.hood_match.id)]))

    def test_nobody_creates_a_match_by_hand(self):
        with self.assertRaises(AccessError):
            self.Match.with_user(self.pl).create(
                {
                    "company_id": self.company_a.id,
                    "match_type": "place",
                    "date_first": fields.Date.today(),
                    "date_last": fields.Date.today(),
                }
            )


@tagged("post_install", "-at_install", "don_privacy")
class TestMatchPrivacy(MatchCommon):
    """A match about a young person is in their subject-request export (the
    domains, never what they hold) and goes when they are erased."""

    def _youth_match(self):
        for user, domain, mark in (
            (self.kt_vei, self.dom_vei, BOA_MARK),
            (self.kt_pol, self.dom_pol, POL_MARK),
        ):
            self.report(user, domain, mark, youth_ids=[Command.set(self.youth_a.ids)])
        match = self.Match.search([("youth_id", "=", self.youth_a.id)])
        self.assertEqual(len(match), 1)
        return match

    def test_match_in_export_without_content(self):
        match = self._youth_match()
        exported = self.env["don.privacy"]._export_youth(self.youth_a)
        rows = exported["don.match"]
        self.assertEqual([row["reference"] for row in rows], [match.reference])
        self.assertEqual(rows[0]["domains"], match.domain_names)
        text = str(rows)
        for mark in (BOA_MARK, POL_MARK):
            self.assertNotIn(mark, text)

    def test_match_erased_with_the_young_person(self):
        match = self._youth_match()
        match_id = match.id
        self.assertTrue(
            self.env["mail.message"].search(
                [("model", "=", "don.match"), ("res_id", "=", match_id)]
            )
        )
        self.env["don.privacy"]._erase_youth(self.youth_a, "delete")
        self.env.invalidate_all()
        self.assertFalse(self.Match.search([("id", "=", match_id)]))
        self.assertFalse(self.env["don.match.notice"].search([("match_id", "=", match_id)]))
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "don.match"), ("res_id", "=", match_id)]
            )
        )
