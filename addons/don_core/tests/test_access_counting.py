# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fast paths of the access rule give exactly what the relation says.

Four shortcuts keep restricted users' screens as fast as the superuser's
(see bench/): a Kernteamlid's rule on cases, youths and groups is the
company test (they have a row for every record of their municipality), a
count without a filter of its own is counted in the relation, a count whose
filter reads only fields copied into the relation (a case's start date and
stage, a contribution's date) is counted on the copies, and the relation is
partitioned per model. Each is compared here with the plain
answer of the relation, for every role and domain."""

import datetime
import itertools

from odoo import Command
from odoo.exceptions import AccessError
from odoo.modules.migration import load_script
from odoo.tests import tagged

from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_security")
class TestAccessCounting(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_a = cls.env["don.group"].create(
            {"name": "Groep Stationsplein", "company_id": cls.company_a.id}
        )
        cls.group_z = cls.env["don.group"].create(
            {"name": "Groep Haven", "company_id": cls.company_b.id}
        )
        cls.users = cls.don_users + cls.kt_b

    def relation_ids(self, model_name, user, companies=None):
        """The relation's answer, read directly, for the user's companies."""
        companies = companies or user.company_ids
        model = self.env[model_name].with_context(active_test=False)
        self.env.cr.execute(
            "SELECT res_id FROM don_access_entry WHERE res_model = %s AND user_id = %s",
            [model_name, user.id],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return set(model.browse(ids).filtered(lambda r: r.company_id in companies).ids)

    def orm_count(self, model):
        """The count through the ORM's query (a filter of its own)."""
        return model.search_count([("id", "!=", 0)])

    def test_counts_equal_the_orm_for_every_user_and_model(self):
        self.case_b.active = False  # an archived case is counted only on request
        for user in self.users:
            for model_name in self.env["don.access"]._secured_models():
                with self.subTest(user=user.login, model=model_name):
                    model = self.env[model_name].with_user(user)
                    count = model.search_count([])
                    self.assertEqual(count, self.orm_count(model))
                    self.assertEqual(count, len(model.search([])))
                    archived = model.with_context(active_test=False)
                    self.assertEqual(archived.search_count([]), self.orm_count(archived))
                    self.assertEqual(model.search_count([], limit=1), min(count, 1))

    def copied_domains(self, model):
        """Filters on the copied fields: every supported operator, negations,
        alternatives and NULL, combined with each other."""
        copied = self.env["don.access"]._copied_fields(model)
        today = datetime.date(2026, 3, 15)
        domains = []
        if "rec_date" in copied:
            f = copied["rec_date"]
            domains += [
                [(f, ">=", today)],
                [(f, ">", "2026-03-15")],
                [(f, "<", today)],
                [(f, "<=", today)],
                [(f, "=", today)],
                [(f, "!=", today)],
                [(f, "=", False)],
                [(f, "!=", False)],
                [(f, ">=", today - datetime.timedelta(days=365)), (f, "<=", today)],
                ["|", (f, "<", today), (f, ">", today)],
                ["!", (f, ">=", today)],
            ]
        if "rec_state" in copied:
            f = copied["rec_state"]
            domains += [
                [(f, "=", "aanpak")],
                [(f, "!=", "afgesloten")],
                [(f, "in", ["aanmelding", "aanpak"])],
                [(f, "not in", ["afgesloten"])],
                [(f, "in", ["aanpak", False])],
                [(f, "not in", ["aanpak", False])],
                [(f, "in", [])],
                [(f, "=", False)],
            ]
        if "rec_ref" in copied:
            f = copied["rec_ref"]
            domains += [
                [(f, "=", self.dom_pol.id)],
                [(f, "!=", self.dom_pol.id)],
                [(f, "in", [self.dom_soc.id, self.dom_pol.id])],
                [(f, "not in", [self.dom_soc.id])],
                [(f, "=", False)],
                [(f, "in", [self.dom_soc.id, False])],
            ]
        if "rec_date" in copied and "rec_ref" in copied:
            date_f, ref_f = copied["rec_date"], copied["rec_ref"]
            domains += [
                [(date_f, ">=", today), (ref_f, "=", self.dom_soc.id)],
                ["|", (ref_f, "=", False), (date_f, "<", today)],
            ]
        if "rec_date" in copied and "rec_state" in copied:
            date_f, state_f = copied["rec_date"], copied["rec_state"]
            domains += [
                [(state_f, "!=", "afgesloten"), (date_f, ">=", today)],
                ["|", (state_f, "=", "aanpak"), "!", (date_f, "<", today)],
            ]
        return domains

    def spread_copied_values(self):
        """Dates before, on and after the reference day; several stages."""
        day = datetime.date(2026, 3, 15)
        for offset, note in zip(
            (-500, -30, 0, 10, -1),
            self.note_pol | self.note_soc | self.note_kt | self.note_inv | self.note_z,
            strict=True,
        ):
            note.date = day + datetime.timedelta(days=offset)
        self.case_a.write({"date_start": day, "stage": "aanpak", "lead_domain_id": self.dom_soc.id})
        self.case_b.write({"date_start": day - datetime.timedelta(days=400)})
        self.case_z.write(
            {
                "date_start": day + datetime.timedelta(days=3),
                "stage": "afgesloten",
                "closing_reason": "goal_reached",
                "date_closed": day + datetime.timedelta(days=5),
            }
        )

    def test_filtered_counts_equal_the_orm(self):
        """Every filter on copied fields, for every role and model that
        copies fields: counted in the relation, equal to the ORM's search."""
        self.spread_copied_values()
        self.case_b.active = False
        access = self.env["don.access"]
        models = [
            name for name in access._secured_models() if access._copied_fields(self.env[name])
        ]
        self.assertIn("don.case", models)
        self.assertIn("don.case.note", models)
        for model_name in models:
            for domain in self.copied_domains(self.env[model_name]):
                # The shortcut answers this filter (no fallback to the ORM).
                self.assertIsNotNone(access._copied_condition(self.env[model_name], domain), domain)
                for user in self.users:
                    with self.subTest(user=user.login, model=model_name, domain=domain):
                        model = self.env[model_name].with_user(user)
                        count = model.search_count(domain)
                        self.assertEqual(count, len(model.search(domain)))
                        self.assertEqual(model.search_count(domain, limit=1), min(count, 1))
                        archived = model.with_context(active_test=False)
                        self.assertEqual(
                            archived.search_count(domain), len(archived.search(domain))
                        )

    def groupings(self, model):
        """Groupings by copied fields: each alone (a date per day, month and
        year: the ORM groups a date by a granularity), and two together."""
        copied = list(self.env["don.access"]._copied_fields(model).values())
        specs = [
            [f"{f}:{granularity}"] if model._fields[f].type == "date" else [f]
            for f in copied
            for granularity in (
                ("day", "month", "year") if model._fields[f].type == "date" else ("",)
            )
        ]
        singles = [spec[0] for spec in specs if not spec[0].endswith((":day", ":year"))]
        return specs + [list(pair) for pair in itertools.combinations(singles, 2)]

    def test_grouped_counts_equal_the_orm(self):
        """Counts per copied field (contributions per domain, cases per stage
        or month) are counted in the relation and equal the ORM's grouping
        of the same records, for every role, filter and grouping."""
        self.spread_copied_values()
        self.case_b.active = False
        access = self.env["don.access"]
        models = [
            name for name in access._secured_models() if access._copied_fields(self.env[name])
        ]
        through_relation = 0
        for model_name in models:
            for domain in [[], *self.copied_domains(self.env[model_name])]:
                for groupby in self.groupings(self.env[model_name]):
                    for user in self.users:
                        with self.subTest(
                            user=user.login, model=model_name, domain=domain, groupby=groupby
                        ):
                            model = self.env[model_name].with_user(user)
                            if access.with_user(user)._grouped_rows_query(
                                model, domain, groupby, ["__count"], []
                            ):
                                through_relation += 1
                            ids = model.search(domain).ids
                            # A filter on the id is not copied: the ORM's own grouping.
                            expected = model._read_group([("id", "in", ids)], groupby, ["__count"])
                            self.assertEqual(
                                model._read_group(domain, groupby, ["__count"]), expected
                            )
                            having = [("__count", ">", 1)]
                            self.assertEqual(
                                model._read_group(domain, groupby, ["__count"], having=having),
                                model._read_group(
                                    [("id", "in", ids)], groupby, ["__count"], having
                                ),
                            )
        # Restricted users' groupings did go through the relation.
        self.assertGreater(through_relation, 100)

    def test_grouped_read_group_as_the_web_client_asks(self):
        """The list grouped by domain under the date filter (web_read_group,
        with the pager's group count): the same groups and counts as the
        ORM's grouping of the records the user finds."""
        self.spread_copied_values()
        since = [("date", ">=", datetime.date(2025, 1, 1))]
        for user in self.users:
            with self.subTest(user=user.login):
                Note = self.env["don.case.note"].with_user(user)
                groups = Note.web_read_group(since, ["domain_id"], ["domain_id"])
                found = Note.search(since)
                self.assertEqual(groups["length"], len(found.domain_id))
                self.assertEqual(
                    {g["domain_id"][0]: g["domain_id_count"] for g in groups["groups"]},
                    {
                        d.id: len(found.filtered(lambda n, d=d: n.domain_id == d))
                        for d in found.domain_id
                    },
                )

    def test_pages_equal_the_orm(self):
        """A page of a list ordered by the copied date (the contributions,
        newest first) is chosen in the user's rows of the relation: the same
        records in the same order as the ORM's search, for every role,
        filter, order, offset and page size."""
        self.spread_copied_values()
        self.case_b.active = False
        access = self.env["don.access"]
        models = [
            name
            for name in access._secured_models()
            if "rec_date" in access._copied_fields(self.env[name])
        ]
        self.assertIn("don.case.note", models)
        through_relation = 0
        for model_name in models:
            date_f = access._copied_fields(self.env[model_name])["rec_date"]
            orders = [None, f"{date_f} desc, id desc", f"{date_f}, id", f"{date_f} asc, id desc"]
            for domain in [[], *self.copied_domains(self.env[model_name])]:
                for user in self.users:
                    model = self.env[model_name].with_user(user)
                    for order, (offset, limit) in itertools.product(
                        orders, ((0, 1), (0, 2), (1, 2), (2, 80), (0, 80))
                    ):
                        with self.subTest(
                            user=user.login,
                            model=model_name,
                            domain=domain,
                            order=order,
                            offset=offset,
                            limit=limit,
                        ):
                            if (
                                access.with_user(user)._page_query(
                                    model, domain, offset, limit, order
                                )
                                is not None
                            ):
                                through_relation += 1
                            # Without a limit: the ORM's own search.
                            expected = model.search(domain, order=order).ids
                            page = model.search(domain, offset=offset, limit=limit, order=order)
                            self.assertEqual(page.ids, expected[offset : offset + limit])
                            fetched = model.search_fetch(
                                domain, [date_f], offset=offset, limit=limit, order=order
                            )
                            self.assertEqual(fetched.ids, page.ids)
                    archived = model.with_context(active_test=False)
                    self.assertEqual(
                        archived.search(domain, limit=80).ids, archived.search(domain).ids[:80]
                    )
        self.assertGreater(through_relation, 500)

    def test_other_pages_are_searched_by_the_orm(self):
        """A page ordered by another field, by a many2one (ordered by its
        name), or without a limit, and the superuser's and a Kernteamlid's
        cases, keep the ORM's search."""
        page = self.env["don.access"].with_user(self.prof_soc)._page_query
        Note = self.env["don.case.note"].with_user(self.prof_soc)
        Case = self.env["don.case"].with_user(self.prof_soc)
        for model, domain, limit, order in (
            (Note, [], 80, "name"),
            (Note, [], 80, "domain_id, date desc"),
            (Note, [], 80, "id desc"),
            (Note, [], 80, "date desc, name"),
            (Note, [], 80, "date desc, domain_id"),
            (Note, [], None, "date desc, id desc"),
            (Note, [("note_type", "!=", False)], 80, "date desc, id desc"),
            (Case, [], 80, "reference"),
            (Case, [("youth_id", "ilike", "Noah")], 80, None),
        ):
            with self.subTest(model=model._name, domain=domain, limit=limit, order=order):
                self.assertIsNone(page(model, domain, 0, limit, order))
                expected = model.search(domain, order=order).ids
                self.assertEqual(
                    model.search(domain, limit=limit, order=order).ids, expected[:limit]
                )
        self.assertIsNotNone(page(Note, [], 0, 80, None))
        self.assertIsNone(
            self.env["don.access"]._page_query(self.env["don.case.note"], [], 0, 80, None)
        )
        self.assertIsNone(
            self.env["don.access"]
            .with_user(self.kt_pol)
            ._page_query(self.env["don.case"].with_user(self.kt_pol), [], 0, 80, None)
        )

    def test_a_page_never_shows_what_the_table_does_not(self):
        """The relation picks the page's ids; the domain and the rules are
        applied to them again: a row left in the relation for a record that
        moved out of the filter, or out of the user's reach, shows nothing."""
        self.spread_copied_values()
        Note = self.env["don.case.note"].with_user(self.prof_soc)
        since = [("date", ">=", datetime.date(2026, 1, 1))]
        visible = Note.search(since, limit=80)
        self.assertTrue(visible)
        note = visible[0]
        # The table changes behind the relation's back (no ORM write).
        self.env.cr.execute("UPDATE don_case_note SET date = '2020-01-01' WHERE id = %s", [note.id])
        self.env.invalidate_all()
        self.assertNotIn(note, Note.search(since, limit=80))

    def test_other_groupings_are_grouped_by_the_orm(self):
        """A grouping by a field that is not copied, a sum, or a filter on
        another field is never answered from the copies."""
        grouped = self.env["don.access"].with_user(self.prof_soc)._grouped_rows_query
        Note = self.env["don.case.note"].with_user(self.prof_soc)
        for domain, groupby, aggregates, having in (
            ([], ["note_type"], ["__count"], []),
            ([], ["domain_id", "case_id"], ["__count"], []),
            ([], ["domain_id"], ["case_id:count_distinct"], []),
            ([], ["domain_id"], ["__count", "id:sum"], []),
            ([("note_type", "!=", False)], ["domain_id"], ["__count"], []),
            ([("domain_id", "=", "Politie")], ["domain_id"], ["__count"], []),
            ([], ["domain_id"], ["__count"], [("id:sum", ">", 1)]),
            ([], [], ["__count"], []),
        ):
            with self.subTest(domain=domain, groupby=groupby, aggregates=aggregates):
                self.assertIsNone(grouped(Note, domain, groupby, aggregates, having))
        self.assertIsNotNone(grouped(Note, [], ["domain_id"], ["__count"], []))
        # The superuser and a Kernteamlid's cases (the company test) keep the table.
        self.assertIsNone(
            self.env["don.access"]._grouped_rows_query(
                self.env["don.case.note"], [], ["domain_id"], ["__count"], []
            )
        )

    def test_other_filters_are_counted_by_the_orm(self):
        """A filter on a field that is not copied, a join or a hierarchy
        operator is never answered from the copies."""
        Case = self.env["don.case"]
        Note = self.env["don.case.note"]
        condition = self.env["don.access"]._copied_condition
        for model, domain in (
            (Case, [("youth_id", "ilike", "Noah")]),
            (Case, [("stage", "!=", "afgesloten"), ("director_id", "=", self.prof_soc.id)]),
            (Case, ["|", ("stage", "=", "aanpak"), ("reference", "ilike", "CAS")]),
            (Case, [("stage", "ilike", "aan")]),
            (Case, [("active", "=", False)]),
            (Note, [("date", ">=", "2026-01-01"), ("note_type", "!=", False)]),
            # A domain named, not given by id: searched on the domains, with their rules.
            (Note, [("domain_id", "=", "Politie")]),
            (Note, [("domain_id", "ilike", "Pol")]),
            (Note, [("domain_id", "in", ["Politie"])]),
            (Note, [("case_id.stage", "=", "aanpak")]),
            (Note, [(1, "=", 1)]),
        ):
            with self.subTest(domain=domain):
                self.assertIsNone(condition(model, domain))
                user_model = model.with_user(self.kt_pol)
                self.assertEqual(user_model.search_count(domain), len(user_model.search(domain)))

    def test_filtered_counts_follow_writes_at_once(self):
        day = datetime.date(2026, 3, 15)
        self.spread_copied_values()
        Case = self.env["don.case"].with_user(self.kt_pol)
        Note = self.env["don.case.note"].with_user(self.kt_pol)
        since = [("date", ">=", day)]
        before = Note.search_count(since)
        self.assertIn(self.note_pol, Note.search([]))
        self.note_pol.date = day + datetime.timedelta(days=1)
        self.assertEqual(Note.search_count(since), before + 1)
        self.assertEqual(Note.search_count(since), len(Note.search(since)))
        # A new contribution, and one moved to another case, carry their date.
        prof = self.env["don.case.note"].with_user(self.prof_soc)
        note = prof.create(
            {
                "case_id": self.case_a.id,
                "name": "Gesprek school",
                "body": "Afspraken met de mentor.",
                "domain_id": self.dom_soc.id,
                "date": day + datetime.timedelta(days=2),
            }
        )
        self.assertIn(note, prof.search(since))
        self.assertEqual(prof.search_count(since), len(prof.search(since)))
        self.env["don.case.note"].browse(note.id).case_id = self.case_b
        self.assertEqual(prof.search_count(since), len(prof.search(since)))
        # Closing a case (a new stage) takes it out of "Open" at once.
        open_before = Case.search_count([("stage", "!=", "afgesloten")])
        self.case_a.write({"stage": "afgesloten", "closing_reason": "moved", "date_closed": day})
        self.assertEqual(Case.search_count([("stage", "!=", "afgesloten")]), open_before - 1)

    def test_writing_a_copied_field_on_no_records(self):
        """A server action or an import that writes a date or stage on an
        empty selection did nothing in the ORM but failed in SQL ('IN ()')."""
        models = [
            name
            for name, model in self.env.registry.items()
            if not model._abstract and getattr(model, "_don_access_copied", None)
        ]
        self.assertIn("don.case", models)
        for model in models:
            with self.subTest(model=model):
                records = self.env[model].browse()
                for copied in records._don_access_copied.values():
                    field = records._fields[copied]
                    value = (
                        field.selection[0][0]
                        if field.type == "selection"
                        else datetime.date(2026, 3, 1)
                    )
                    self.assertTrue(records.write({copied: value}))
                if records._active_name:
                    records.write({records._active_name: False})

    def test_counts_follow_the_relation_at_once(self):
        Case = self.env["don.case"].with_user(self.prof_soc)
        self.assertEqual(Case.search_count([]), 1)
        self.case_b.involved_user_ids = [Command.link(self.prof_soc.id)]
        self.assertEqual(Case.search_count([]), 2)
        self.case_b.active = False
        self.assertEqual(Case.search_count([]), 1)
        self.assertEqual(Case.with_context(active_test=False).search_count([]), 2)
        self.case_b.active = True
        self.assertEqual(Case.search_count([]), 2)
        self.case_a.involved_user_ids = [Command.unlink(self.prof_soc.id)]
        self.assertEqual(Case.search_count([]), 1)
        Note = self.env["don.case.note"].with_user(self.prof_soc)
        before = Note.search_count([])
        self.note_inv.user_ids = [Command.clear()]
        self.assertEqual(Note.search_count([]), before - 1)

    def test_counts_keep_to_the_selected_municipalities(self):
        self.prof_soc.write({"company_ids": [Command.link(self.company_b.id)]})
        self.case_z.involved_user_ids = [Command.link(self.prof_soc.id)]
        Case = self.env["don.case"].with_user(self.prof_soc)
        both = (self.company_a | self.company_b).ids
        self.assertEqual(Case.with_context(allowed_company_ids=both).search_count([]), 2)
        self.assertEqual(
            Case.with_context(allowed_company_ids=self.company_b.ids).search_count([]), 1
        )
        self.assertEqual(
            Case.with_context(allowed_company_ids=self.company_a.ids).search_count([]), 1
        )

    def test_another_rule_is_respected(self):
        """A rule an administrator adds still binds counts."""
        Case = self.env["don.case"].with_user(self.prof_soc)
        self.case_b.involved_user_ids = [Command.link(self.prof_soc.id)]
        self.assertEqual(Case.search_count([]), 2)
        self.env["ir.rule"].create(
            {
                "name": "Only case A",
                "model_id": self.env["ir.model"]._get_id("don.case"),
                "domain_force": f"[('id', '=', {self.case_a.id})]",
            }
        )
        self.assertEqual(Case.search_count([]), 1)
        self.assertEqual(Case.search_count([], limit=10), 1)

    def test_outsiders_get_no_count(self):
        for user in self.outsiders - self.privacy:
            with self.subTest(user=user.login):
                model = self.env["don.case"].with_user(user)
                try:
                    count = model.search_count([])
                except AccessError:
                    continue
                self.assertEqual(count, 0)
        self.company_a.don_require_2fa = True
        with self.assertRaisesRegex(AccessError, "two-factor"):
            self.env["don.case.note"].with_user(self.prof_soc).search_count([])

    def test_kernteam_shortcut_equals_the_relation(self):
        """A Kernteamlid's rule on cases, youths and groups is the company
        test: it must give the records the relation gives, no more."""
        for user in self.users:
            for model_name in ("don.case", "don.youth", "don.group"):
                with self.subTest(user=user.login, model=model_name):
                    found = (
                        self.env[model_name]
                        .with_user(user)
                        .with_context(active_test=False)
                        .search([])
                    )
                    self.assertEqual(set(found.ids), self.relation_ids(model_name, user))
        sees_all = self.env["don.access"]._user_sees_all
        self.assertTrue(sees_all("don.case", self.kt_pol.id))
        self.assertFalse(sees_all("don.case", self.prof_soc.id))
        self.assertFalse(sees_all("don.case.note", self.kt_pol.id))
        # Leaving the Kernteam ends the shortcut at once.
        self.env.ref("don_core.group_don_kernteam").write(
            {"users": [Command.unlink(self.kt_pol.id)]}
        )
        self.assertFalse(sees_all("don.case", self.kt_pol.id))
        self.assertNotIn(self.case_b, self.env["don.case"].with_user(self.kt_pol).search([]))
        # And never reaches the other municipality.
        self.assertNotIn(self.case_z, self.env["don.case"].with_user(self.kt_soc).search([]))

    def test_relation_is_partitioned_per_model(self):
        cr = self.env.cr
        cr.execute(
            """SELECT c.relname FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
                 JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'don_access_entry'"""
        )
        partitions = {row[0] for row in cr.fetchall()}
        for model_name in self.env["don.access"]._secured_models():
            self.assertIn(f"don_access_entry__{self.env[model_name]._table}", partitions)
        self.assertIn("don_access_entry__default", partitions)
        cr.execute("SELECT count(*) FROM don_access_entry__default")
        self.assertEqual(cr.fetchone()[0], 0)

    def test_upgrade_from_the_unpartitioned_table(self):
        """18.0.1.0.0 had one plain table: migrations/18.0.1.1.0 converts it
        and every secured model's init takes its rows, unchanged, into its
        partition (tests/test_upgrade.py runs a real update of an
        18.0.1.0.0 database)."""
        cr = self.env.cr
        snapshot = "SELECT res_model, res_id, user_id, company_id, active FROM don_access_entry"
        cr.execute(snapshot)
        before = sorted(cr.fetchall())
        self.assertTrue(before)
        cr.execute(
            """CREATE TABLE don_access_entry_legacy AS
                   SELECT res_model, res_id, user_id FROM don_access_entry;
               DROP TABLE don_access_entry CASCADE;
               ALTER TABLE don_access_entry_legacy RENAME TO don_access_entry;
               ALTER TABLE don_access_entry ADD PRIMARY KEY (res_model, res_id, user_id),
                   ADD FOREIGN KEY (user_id) REFERENCES res_users(id) ON DELETE CASCADE;
               CREATE INDEX don_access_entry_user_idx
                   ON don_access_entry (user_id, res_model, res_id)"""
        )
        for step in ("pre", "post"):
            script = load_script(f"don_core/migrations/18.0.1.1.0/{step}-migrate.py", "don_core")
            if step == "post":
                # In the update, the models' init runs between the two scripts.
                for model_name in self.env["don.access"]._secured_models():
                    self.env[model_name].init()
            script.migrate(cr, "18.0.1.0.0")
        cr.execute(snapshot)
        self.assertEqual(sorted(cr.fetchall()), before)
        cr.execute("SELECT relkind FROM pg_class WHERE relname = 'don_access_entry'")
        self.assertEqual(cr.fetchone()[0], "p")
        self.assertEqual(self.env["don.case"].with_user(self.prof_soc).search([]), self.case_a)

    def test_migration_leaves_a_partitioned_relation_alone(self):
        """The scripts run only on the plain table: on a database that is
        partitioned already (a new install, a repeated update) they change
        nothing."""
        cr = self.env.cr
        snapshot = "SELECT res_model, res_id, user_id, company_id, active FROM don_access_entry"
        cr.execute(snapshot)
        before = sorted(cr.fetchall())
        for step in ("pre", "post"):
            script = load_script(f"don_core/migrations/18.0.1.1.0/{step}-migrate.py", "don_core")
            script.migrate(cr, "18.0.1.0.0")
            script.migrate(cr, None)
        cr.execute(snapshot)
        self.assertEqual(sorted(cr.fetchall()), before)

    def test_rows_waiting_in_the_default_partition_move_to_their_own(self):
        """In an update, an addon's models load after don_core: their rows
        wait in the default partition (without company) until the model's
        init creates its partition, which takes them with their record's
        company and active flag."""
        cr = self.env.cr
        self.case_b.active = False
        snapshot = (
            "SELECT res_model, res_id, user_id, company_id, active, rec_date, rec_state"
            " FROM don_access_entry WHERE res_model = 'don.case'"
        )
        cr.execute(snapshot)
        before = sorted(cr.fetchall())
        self.assertTrue(before)
        cr.execute(
            """CREATE TEMPORARY TABLE waiting AS
                   SELECT res_model, res_id, user_id FROM don_access_entry__don_case;
               DROP TABLE don_access_entry__don_case;
               INSERT INTO don_access_entry (res_model, res_id, user_id)
                   SELECT * FROM waiting"""
        )
        cr.execute("SELECT count(*) FROM don_access_entry__default WHERE company_id IS NULL")
        self.assertEqual(cr.fetchone()[0], len(before))
        self.env["don.access"]._ensure_partition(self.env["don.case"])
        cr.execute(snapshot)
        self.assertEqual(sorted(cr.fetchall()), before)
        cr.execute("SELECT count(*) FROM don_access_entry__default")
        self.assertEqual(cr.fetchone()[0], 0)

    def copies_snapshot(self):
        """The relation's rows of cases and contributions with their copies."""
        self.env.cr.execute(
            "SELECT res_model, res_id, user_id, rec_date, rec_state, rec_ref FROM don_access_entry"
            " WHERE res_model IN ('don.case', 'don.case.note')"
        )
        return sorted(self.env.cr.fetchall(), key=str)

    def filter_index_definitions(self):
        """The definitions of the filter indexes of cases and contributions."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN"
            " ('don_access_entry__don_case_filter_idx',"
            " 'don_access_entry__don_case_note_filter_idx')"
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def test_upgrade_fills_the_copies(self):
        """18.0.1.2.0 -> 18.0.1.3.0: the relation had no copied columns; the
        update adds them, fills them from the records and builds the
        filter index, after which filtered counts are right."""
        cr = self.env.cr
        self.spread_copied_values()
        self.env.flush_all()
        before = self.copies_snapshot()
        cr.execute(
            """DROP INDEX don_access_entry__don_case_filter_idx;
               DROP INDEX don_access_entry__don_case_note_filter_idx;
               ALTER TABLE don_access_entry
                 DROP COLUMN rec_date, DROP COLUMN rec_state, DROP COLUMN rec_ref"""
        )
        access = self.env["don.access"]
        access._ensure_table()
        for model_name in ("don.case", "don.case.note"):
            access._ensure_partition(self.env[model_name])
        self.assertEqual(self.copies_snapshot(), before)
        self.assertEqual(len(self.filter_index_definitions()), 2)
        Note = self.env["don.case.note"].with_user(self.kt_pol)
        since = [("date", ">=", datetime.date(2026, 3, 15))]
        self.assertEqual(Note.search_count(since), len(Note.search(since)))

    def test_upgrade_copies_the_domain(self):
        """18.0.1.4.0 -> 18.0.1.5.0: the relation had no ``rec_ref`` and
        filter indexes without it; the upgrade's script drops the indexes,
        the models' init adds the column, fills it from the records and
        builds the indexes again with it, after which counts per domain are
        right and answered from the index alone."""
        cr = self.env.cr
        self.spread_copied_values()
        self.env.flush_all()
        before = self.copies_snapshot()
        self.assertTrue(any(row[5] for row in before))
        cr.execute(
            """DROP INDEX don_access_entry__don_case_filter_idx;
               DROP INDEX don_access_entry__don_case_note_filter_idx;
               ALTER TABLE don_access_entry DROP COLUMN rec_ref;
               CREATE INDEX don_access_entry__don_case_filter_idx
                   ON don_access_entry__don_case (user_id, rec_date)
                   INCLUDE (company_id, active, rec_state);
               CREATE INDEX don_access_entry__don_case_note_filter_idx
                   ON don_access_entry__don_case_note (user_id, rec_date)
                   INCLUDE (company_id, active, rec_state)"""
        )
        script = load_script("don_core/migrations/18.0.1.5.0/pre-migrate.py", "don_core")
        script.migrate(cr, "18.0.1.4.0")
        access = self.env["don.access"]
        access._ensure_table()
        for model_name in ("don.case", "don.case.note"):
            access._ensure_partition(self.env[model_name])
        self.assertEqual(self.copies_snapshot(), before)
        definitions = self.filter_index_definitions()
        self.assertEqual(len(definitions), 2)
        self.assertTrue(all("rec_ref" in definition for definition in definitions), definitions)
        Note = self.env["don.case.note"].with_user(self.kt_pol)
        self.assertEqual(
            dict(Note._read_group([], ["domain_id"], ["__count"])),
            dict(Note._read_group([("id", "in", Note.search([]).ids)], ["domain_id"], ["__count"])),
        )

    def test_upgrade_orders_the_filter_index_by_id(self):
        """18.0.1.5.0 -> 18.0.1.6.0: the filter indexes are built again with
        the id after the date, the copies untouched, after which a page of
        contributions by date is read from the index and equals the ORM's."""
        cr = self.env.cr
        self.spread_copied_values()
        self.env.flush_all()
        before = self.copies_snapshot()
        for partition in ("don_access_entry__don_case", "don_access_entry__don_case_note"):
            cr.execute(
                f"""DROP INDEX {partition}_filter_idx;
                    CREATE INDEX {partition}_filter_idx ON {partition} (user_id, rec_date)
                        INCLUDE (company_id, active, rec_state, rec_ref)"""
            )
        script = load_script("don_core/migrations/18.0.1.6.0/post-migrate.py", "don_core")
        script.migrate(cr, "18.0.1.5.0")
        self.assertEqual(self.copies_snapshot(), before)
        definitions = self.filter_index_definitions()
        self.assertEqual(len(definitions), 2)
        for definition in definitions:
            self.assertIn("(user_id, rec_date, res_id) INCLUDE", definition)
        Note = self.env["don.case.note"].with_user(self.kt_pol)
        since = [("date", ">=", datetime.date(2026, 1, 1))]
        self.assertEqual(Note.search(since, limit=2).ids, Note.search(since).ids[:2])
