# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Query counts of the main flows, pinned, and independent of the number of
records. Speed at scale is measured in bench/, not here."""

from odoo import Command
from odoo.tests import tagged, users

from .common import DonTestCommon

CASE_FORM_SPEC = {
    "reference": {},
    "youth_id": {"fields": {"display_name": {}}},
    "stage": {},
    "director_id": {"fields": {"display_name": {}}},
    "lead_domain_id": {"fields": {"display_name": {}}},
    "involved_user_ids": {"fields": {"display_name": {}}},
    "summary": {},
    "has_hidden_info": {},
    "don_editable": {},
    "note_count": {},
    "note_ids": {
        "fields": {
            "date": {},
            "name": {},
            "domain_id": {"fields": {"display_name": {}}},
            "sharing_level": {},
        }
    },
}
CASE_LIST_SPEC = {
    "reference": {},
    "youth_id": {"fields": {"display_name": {}}},
    "stage": {},
    "director_id": {"fields": {"display_name": {}}},
    "date_start": {},
}


@tagged("post_install", "-at_install", "don_performance")
class TestQueryCounts(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.extra_cases = cls.env["don.case"]
        for index in range(20):
            youth = cls.env["don.youth"].create(
                {"name": f"Jongere {index}", "company_id": cls.company_a.id}
            )
            cls.extra_cases |= cls.env["don.case"].create(
                {"youth_id": youth.id, "involved_user_ids": [Command.set(cls.prof_soc.ids)]}
            )
        for case in cls.extra_cases[:10]:
            cls.env["don.case.note"].create(
                [
                    {
                        "case_id": case.id,
                        "name": f"Bijdrage {n}",
                        "body": "x",
                        "domain_id": cls.dom_soc.id,
                        "author_id": cls.kt_soc.id,
                    }
                    for n in range(5)
                ]
            )
        cls.env["don.case.note"].create(
            {
                "case_id": cls.extra_cases[10].id,
                "name": "Enige bijdrage",
                "body": "x",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_counts_do_not_grow_with_records(self):
        Case = self.env["don.case"].with_user(self.prof_soc)
        # Warm the caches that do not depend on the data (rules, groups).
        Case.web_search_read([], CASE_LIST_SPEC, limit=1)
        self.case_a.with_user(self.kt_soc).web_read(CASE_FORM_SPEC)
        small = self._count(lambda: Case.web_search_read([], CASE_LIST_SPEC, limit=5))
        large = self._count(lambda: Case.web_search_read([], CASE_LIST_SPEC, limit=20))
        self.assertEqual(small, large, "listing cases: queries must not depend on the page size")
        few = self._count(
            lambda: self.extra_cases[10].with_user(self.kt_soc).web_read(CASE_FORM_SPEC)
        )
        many = self._count(
            lambda: self.extra_cases[0].with_user(self.kt_soc).web_read(CASE_FORM_SPEC)
        )
        self.assertEqual(few, many, "opening a case: queries must not depend on its contributions")

    @users("t_kt_soc")
    def test_open_case(self):
        case = self.case_a.with_env(self.env)
        case.web_read(CASE_FORM_SPEC)  # warm the rule caches
        self.env.invalidate_all()
        # The two-factor requirement and the capacity the access log records
        # are cached per user: no query for either here.
        # 16: the contributions are searched with the columns the tab shows
        # (one query through the rules, not a search and then a read), and
        # counted from the tab's lines (no count query).
        with self.assertQueryCount(t_kt_soc=16):
            case.web_read(CASE_FORM_SPEC)

    @users("t_prof_soc")
    def test_list_cases(self):
        Case = self.env["don.case"]
        Case.web_search_read([], CASE_LIST_SPEC, limit=80)  # warm the rule caches
        self.env.invalidate_all()
        # 6: the page is one consultation, logged in one INSERT (issue 20).
        with self.assertQueryCount(t_prof_soc=6):
            Case.web_search_read([], CASE_LIST_SPEC, limit=80)

    @users("t_kt_soc")
    def test_write_contribution(self):
        note = self.note_soc.with_env(self.env)
        note.write({"name": "Eerste versie"})  # warm the rule caches
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(t_kt_soc=18):
            note.write({"name": "Gezinssituatie bijgewerkt", "body": "Nieuwe informatie"})
