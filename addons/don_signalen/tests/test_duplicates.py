# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Duplicate proposals on intake: same youth, same place and category,
similar text, within a period; only what the user may see."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import SignalTestCommon


@tagged("post_install", "-at_install")
class TestSignalDuplicates(SignalTestCommon):
    def _signal(self, **vals):
        base = {
            "name": "Signaal",
            "description": "Iets anders gezien",
            "channel_id": self.ch_school.id,
            "reporter_partner_id": self.school.id,
            "domain_id": self.dom_soc.id,
            "author_id": self.kt_soc.id,
            "company_id": self.company_a.id,
        }
        base.update(vals)
        return self.env["don.signal"].with_context(don_signal_no_feedback=True).create(base)

    def test_pg_trgm_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'don_signal_description_trgm_idx'"
        )
        self.assertIn("gin_trgm_ops", self.env.cr.fetchone()[0])

    def test_same_youth_within_period(self):
        new = self._signal(youth_ids=[Command.set(self.youth_b.ids)])
        self.assertIn(self.sig_soc, new.with_user(self.kt_soc).duplicate_ids)
        old = self._signal(
            youth_ids=[Command.set(self.youth_b.ids)],
            date_received=fields.Datetime.now() - timedelta(days=200),
        )
        self.assertNotIn(old, new.with_user(self.kt_soc).duplicate_ids)

    def test_same_place_and_category(self):
        first = self._signal(
            neighbourhood_id=self.hood.id, category_id=self.category.id, description="Brommer"
        )
        second = self._signal(
            neighbourhood_id=self.hood.id, category_id=self.category.id, description="Geldzorgen"
        )
        other_cat = self._signal(neighbourhood_id=self.hood.id, description="Vechtpartij")
        self.assertIn(first, second.with_user(self.kt_soc).duplicate_ids)
        self.assertNotIn(other_cat, second.with_user(self.kt_soc).duplicate_ids)
        by_location = self._signal(
            location="Skatebaan Parkweg", category_id=self.category.id, description="Messen"
        )
        again = self._signal(
            location="skatebaan parkweg", category_id=self.category.id, description="Pakketjes"
        )
        self.assertIn(by_location, again.with_user(self.kt_soc).duplicate_ids)

    def test_similar_text(self):
        first = self._signal(
            description="Jongen van ongeveer 14 met dure scooter hangt elke avond bij de snackbar"
        )
        second = self._signal(
            description="Jongen van ongeveer 14 met een dure scooter hangt iedere avond "
            "bij snackbar"
        )
        unrelated = self._signal(description="Vader belt over schoolkeuze van dochter")
        proposals = second.with_user(self.kt_soc).duplicate_ids
        self.assertIn(first, proposals)
        self.assertNotIn(unrelated, proposals)

    def test_invisible_duplicates_are_not_revealed(self):
        # sig_pol is about the same text but only the police may see it.
        new = self._signal(description=self.sig_pol.description)
        self.assertIn(self.sig_pol.id, new._don_duplicate_candidate_ids())
        as_soc = new.with_user(self.kt_soc)
        self.assertNotIn(self.sig_pol, as_soc.duplicate_ids)
        self.assertEqual(as_soc.duplicate_count, len(as_soc.duplicate_ids))
        data = as_soc.web_read(
            {"duplicate_ids": {"fields": {"display_name": {}}}, "duplicate_count": {}}
        )
        self.assertNotIn(self.sig_pol.reference, str(data))
        # Another municipality is never a candidate.
        self.assertNotIn(self.sig_z.id, new._don_duplicate_candidate_ids())

    def test_bundled_into_self_not_proposed(self):
        new = self._signal(youth_ids=[Command.set(self.youth_b.ids)])
        self.sig_soc.write({"bundle_id": new.id})
        self.assertNotIn(self.sig_soc, new.with_user(self.kt_soc).duplicate_ids)

    def test_query_count_of_proposals(self):
        new = self._signal(
            youth_ids=[Command.set(self.youth_b.ids)],
            neighbourhood_id=self.hood.id,
            category_id=self.category.id,
        )
        signal = new.with_user(self.kt_soc)
        # Warm-up of the rules and registry caches (a user's first search
        # after a restart), then the steady state is pinned.
        self.env.invalidate_all()
        self.assertIn(self.sig_soc, signal.duplicate_ids)
        self.env.invalidate_all()
        self.assertTrue(signal.reference)  # the record itself is in cache
        with self.assertQueryCount(__system__=5, t_kt_soc=5):
            proposals = signal.duplicate_ids
        self.assertIn(self.sig_soc, proposals)
