# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Search by name in cases, signals and interventions (issue 17): the
default search field finds the young person's name, only for users who may
see the young person, and is no oracle for the others."""

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SignalTestCommon

RANDOM_NAME = "Xqzwy Plomperdink"


@tagged("post_install", "-at_install", "don_signalen")
class TestSearchName(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Intervention = cls.env["don.intervention"]
        cls.int_a = Intervention.create(
            {
                "case_id": cls.case_a.id,
                "name": "Gesprek met moeder",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
                "user_ids": [(6, 0, cls.prof_soc.ids)],
            }
        )
        cls.int_b = Intervention.create(
            {
                "case_id": cls.case_b.id,
                "name": "Gesprek met mentor",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )

    def default_search(self, user, model, text):
        """What the search box finds when ``user`` types ``text``: the
        domain of the first field of the model's search view."""
        Model = self.env[model].with_user(user)
        arch = etree.fromstring(Model.get_view(view_type="search")["arch"])
        field = arch.xpath("//field")[0]
        domain = field.get("filter_domain") or f"[('{field.get('name')}', 'ilike', self)]"
        domain = safe_eval(domain, {"self": text})
        return Model.search(domain), Model.search_count(domain), Model.read_group(domain, [], [])

    def test_the_name_finds_cases_signals_and_interventions(self):
        for model, expected in (
            ("don.case", self.case_a),
            ("don.signal", self.sig_case),
            ("don.intervention", self.int_a),
        ):
            for user in (self.kt_soc, self.prof_soc):
                found, _count, _groups = self.default_search(user, model, "Noah")
                self.assertIn(expected.id, found.ids, f"{model} {user.login}")
                self.assertTrue(
                    all(record.case_id.youth_id == self.youth_a for record in found)
                    if model != "don.case"
                    else all(case.youth_id == self.youth_a for case in found),
                )
        # The first name alone and a part of the last name do as well.
        found, _count, _groups = self.default_search(self.kt_soc, "don.case", "verbeek")
        self.assertEqual(found, self.case_a)

    def test_no_oracle_for_who_may_not_see_the_young_person(self):
        # prof_soc may not see Liam (not involved in his case), though they
        # recorded a signal that names him.
        self.assertFalse(self.can_read(self.prof_soc, self.youth_b))
        for model in ("don.case", "don.signal", "don.intervention"):
            hidden = self.default_search(self.prof_soc, model, "Liam")
            random = self.default_search(self.prof_soc, model, RANDOM_NAME)
            self.assertEqual(hidden[0].ids, random[0].ids, model)
            self.assertEqual(hidden[1], random[1], model)
            self.assertEqual(
                hidden[2][0]["__count"] if hidden[2] else 0,
                random[2][0]["__count"] if random[2] else 0,
                model,
            )
        # The other municipality's young person is no answer either.
        for model in ("don.case", "don.signal", "don.intervention"):
            found, count, _groups = self.default_search(self.kt_soc, model, "Zara")
            self.assertFalse(found, model)
            self.assertEqual(count, 0)
        # Who may see Liam finds him.
        found, _count, _groups = self.default_search(self.kt_soc, "don.case", "Liam")
        self.assertEqual(found, self.case_b)
