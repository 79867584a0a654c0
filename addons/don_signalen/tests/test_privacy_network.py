# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Network data in the privacy lifecycle: relations and relation proposals
that name a young person go with them; the other young person keeps their
own data; the data-subject export lists them."""

from odoo.addons.don_core.tests.common import DonTestCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install", "don_privacy")
class TestPrivacyNetwork(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.youth_c = cls.env["don.youth"].create(
            {"name": "Sem Kuipers", "company_id": cls.company_a.id}
        )
        base = {
            "company_id": cls.company_a.id,
            "domain_id": cls.dom_soc.id,
            "author_id": cls.kt_soc.id,
        }
        Relation = cls.env["don.network.relation"]
        cls.rel_ab = Relation.create(
            dict(
                base,
                source_youth_id=cls.youth_a.id,
                target_youth_id=cls.youth_b.id,
                relation_type="friendship",
                description="Vrienden sinds de basisschool",
            )
        )
        cls.rel_bc = Relation.create(
            dict(
                base,
                source_youth_id=cls.youth_b.id,
                target_youth_id=cls.youth_c.id,
                relation_type="friendship",
            )
        )
        cls.signal = cls.env["don.signal"].create(
            dict(
                base,
                channel_id=cls.env.ref("don_signalen.channel_politie").id,
                reporter_type="anonymous",
                name="Drie jongens bij het station",
                description="Samen gezien",
                youth_ids=[(6, 0, (cls.youth_a | cls.youth_b | cls.youth_c).ids)],
            )
        )
        cls.Suggestion = cls.env["don.relation.suggestion"]

    def _suggestions_with(self, youth):
        return self.Suggestion.search(
            ["|", ("youth_a_id", "=", youth.id), ("youth_b_id", "=", youth.id)]
        )

    def test_scope_lists_relations_and_proposals(self):
        scope = self.youth_a._don_privacy_related_records()
        self.assertEqual(scope["don.network.relation"], self.rel_ab)
        self.assertEqual(scope["don.relation.suggestion"], self._suggestions_with(self.youth_a))
        self.assertTrue(scope["don.relation.suggestion"])

    def test_erasure_removes_relations_and_proposals_of_that_youth_only(self):
        proposals_a = self._suggestions_with(self.youth_a)
        proposal_bc = self._suggestions_with(self.youth_c) - proposals_a
        self.assertTrue(proposal_bc)
        self.env["don.privacy"]._erase_youth(self.youth_a, "anonymise")
        self.env.invalidate_all()
        self.assertFalse(self.rel_ab.exists())
        self.assertFalse(proposals_a.exists())
        self.assertTrue(self.rel_bc.exists())
        self.assertTrue(proposal_bc.exists())
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM don_network_relation"
            " WHERE source_youth_id = %s OR target_youth_id = %s",
            [self.youth_a.id, self.youth_a.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_export_lists_relations_without_other_names(self):
        records = self.env["don.network.relation"].browse(self.rel_ab.id)
        exported = records._don_privacy_export(self.youth_a)
        text = str(exported)
        self.assertIn("Vrienden sinds de basisschool", text)
        self.assertNotIn(self.youth_b.name, text)
