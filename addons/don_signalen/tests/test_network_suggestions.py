# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Young people named together in a signal are proposed as a relation, and
only a decision of the handler adds it to the network."""

from datetime import datetime

from odoo import Command
from odoo.addons.don_core.tests.common import DonTestCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install", "don_network")
class TestNetworkSuggestions(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.youth_c = cls.env["don.youth"].create(
            {"name": "Sam Koster", "company_id": cls.company_a.id}
        )
        cls.channel = cls.env.ref("don_signalen.channel_politie")

    def make_signal(self, youths, user=None, **vals):
        values = {
            "name": "Samen gezien bij het station",
            "description": "Drie jongeren samen bij de fietsenstalling, overdracht van pakketjes.",
            "channel_id": self.channel.id,
            "reporter_type": "person",
            "reporter_name": "Wijkagent",
            "youth_ids": [Command.set(youths.ids)],
            "domain_id": self.dom_soc.id,
            "date_received": datetime(2026, 3, 14, 21, 30),
            "company_id": self.company_a.id,
        }
        values.update(vals)
        Signal = self.env["don.signal"]
        if user:
            Signal = Signal.with_user(user)
        return Signal.create(values)

    def suggestions(self, signal, user=None):
        Suggestion = self.env["don.relation.suggestion"]
        if user:
            Suggestion = Suggestion.with_user(user)
        return Suggestion.search([("signal_id", "=", signal.id)], order="youth_a_id, youth_b_id")

    def test_pairs_are_proposed_never_created(self):
        relations_before = self.env["don.network.relation"].search_count([])
        youths = self.youth_a | self.youth_b | self.youth_c
        signal = self.make_signal(youths, user=self.kt_soc)
        proposals = self.suggestions(signal)
        self.assertEqual(len(proposals), 3, "every pair of the three young people")
        self.assertEqual(set(proposals.mapped("state")), {"proposed"})
        pairs = {frozenset((s.youth_a_id.id, s.youth_b_id.id)) for s in proposals}
        self.assertIn(frozenset((self.youth_a.id, self.youth_c.id)), pairs)
        self.assertEqual(
            self.env["don.network.relation"].search_count([]),
            relations_before,
            "nothing enters the network without a decision",
        )

    def test_confirm_creates_a_relation_from_the_signal(self):
        signal = self.make_signal(self.youth_a | self.youth_b, user=self.kt_soc)
        proposal = self.suggestions(signal, self.kt_soc)
        proposal.action_confirm()
        relation = proposal.relation_id
        self.assertEqual(proposal.state, "confirmed")
        self.assertEqual(proposal.decided_by_id, self.kt_soc)
        self.assertEqual(relation.relation_type, "found_together")
        self.assertEqual(relation.info_source, "signal")
        self.assertEqual(relation.author_id, self.kt_soc)
        self.assertEqual(relation.domain_id, self.dom_soc)
        self.assertEqual(str(relation.date_from), "2026-03-14")
        self.assertEqual(
            relation.source_youth_id | relation.target_youth_id, self.youth_a | self.youth_b
        )
        self.assertIn(signal.reference, relation.description)
        # It is now part of the network of the young person.
        data = (
            self.env["don.network.relation"]
            .with_user(self.kt_soc)
            .get_network("don.youth", self.youth_a.id, 1, "2026-06-01")
        )
        self.assertEqual([edge["id"] for edge in data["edges"]], relation.ids)
        with self.assertRaises(UserError):
            proposal.action_confirm()

    def test_reject_and_resync(self):
        signal = self.make_signal(self.youth_a | self.youth_b, user=self.kt_soc)
        proposal = self.suggestions(signal, self.kt_soc)
        proposal.action_reject()
        self.assertEqual(proposal.state, "rejected")
        self.assertFalse(proposal.relation_id)
        with self.assertRaises(UserError):
            proposal.action_confirm()
        # A young person added: only the new pairs are proposed; the decision stays.
        signal.with_user(self.kt_soc).youth_ids = [Command.link(self.youth_c.id)]
        proposals = self.suggestions(signal)
        self.assertEqual(len(proposals), 3)
        self.assertEqual(proposal.state, "rejected")
        # A young person removed: their open proposals go.
        signal.with_user(self.kt_soc).youth_ids = [Command.unlink(self.youth_c.id)]
        self.assertEqual(self.suggestions(signal), proposal)

    def test_visible_only_with_the_signal_and_both_young_people(self):
        police = self.make_signal(
            self.youth_a | self.youth_b, domain_id=self.dom_pol.id, author_id=self.kt_pol.id
        )
        self.assertEqual(len(self.suggestions(police, self.kt_pol)), 1)
        self.assertFalse(self.suggestions(police, self.kt_soc), "no access to the police signal")
        # The professional is listed on the signal but sees only youth_a.
        listed = self.make_signal(
            self.youth_a | self.youth_b,
            sharing_level="involved",
            user_ids=[Command.set(self.prof_soc.ids)],
        )
        self.assertTrue(listed.with_user(self.prof_soc).read(["name"]))
        self.assertFalse(self.suggestions(listed, self.prof_soc))
        proposal = self.suggestions(listed)
        with self.assertRaises(AccessError):
            proposal.with_user(self.prof_soc).action_confirm()
        for user in self.outsiders | self.kt_b:
            with self.assertRaises(AccessError):
                self.env["don.relation.suggestion"].with_user(user).search([]).read(["state"])
                self.env["don.relation.suggestion"].with_user(user).browse(proposal.id).read(
                    ["state"]
                )

    def test_suggestion_access_matrix(self):
        signal = self.make_signal(self.youth_a | self.youth_b, author_id=self.kt_soc.id)
        proposal = self.suggestions(signal)
        everybody = self.don_users | self.outsiders | self.kt_b
        readers = {user.login for user in everybody if self.can_read(user, proposal)}
        # Own domain, no case: the Kernteam members of Sociaal domein.
        self.assertEqual(readers, {self.kt_soc.login})
        deciders = {
            user.login
            for user in everybody
            if self._attempt(lambda u=user: proposal.with_user(u).action_reject())
        }
        self.assertEqual(deciders, {self.kt_soc.login})
        unlinkers = {user.login for user in everybody if self.can_unlink(user, proposal)}
        self.assertEqual(unlinkers, set(), "a proposal is decided on, not deleted")
