# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention: a closed case is proposed after its retention period, and
after approval (or the grace period) anonymised or deleted everywhere."""

import os
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import DonTestCommon

NOW = "2026-06-01 10:00:00"
NAME_X = "Xaviera Quispelaar"  # a name that occurs nowhere else
NAME_Y = "Yorick Onaangeroerd"
# Tables of Odoo's mail and attachment storage searched besides don_*.
ODOO_TABLES = (
    "mail_message",
    "mail_tracking_value",
    "ir_attachment",
    "mail_activity",
    "mail_mail",
    "mail_followers",
    "project_task",
)


class RetentionCommon(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["don.retention.review"]
        cls.policy = cls.env["don.retention.policy"].create(
            {
                "company_id": cls.company_a.id,
                "record_type": "case",
                "period_years": 7,
                "action": "anonymise",
            }
        )

    @classmethod
    def _closed_case(cls, name, closed_on, start=date(2015, 1, 1), friend=None):
        env = cls.env
        youth = env["don.youth"].create(
            {
                "name": f"{name} tijdelijk",
                "company_id": cls.company_a.id,
                "street": f"Straat van {name} 1",
                "date_of_birth": date(2004, 3, 3),
            }
        )
        # A tracked rename: old and new value hold the name.
        youth.write({"name": name})
        case = env["don.case"].create(
            {
                "youth_id": youth.id,
                "director_id": cls.kt_soc.id,
                "involved_user_ids": [Command.set(cls.prof_soc.ids)],
                "summary": f"<p>Samenvatting over {name}</p>",
                "date_start": start,
            }
        )
        if friend:
            # This file mentions another young person as a friend.
            env["don.case.relation"].create(
                {
                    "case_id": case.id,
                    "relation_type": "friend",
                    "name": f"Vriend {friend.name}",
                    "related_youth_id": friend.id,
                    "domain_id": cls.dom_soc.id,
                    "author_id": cls.kt_soc.id,
                }
            )
        env["don.case.note"].create(
            {
                "case_id": case.id,
                "name": f"Gesprek met {name}",
                "body": f"{name} vertelt over de school",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        env["don.case.factor"].create(
            {
                "case_id": case.id,
                "factor_id": cls.factor.id,
                "explanation": f"{name} verzuimt",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        env["don.case.relation"].create(
            {
                "case_id": case.id,
                "relation_type": "parent",
                "name": f"Moeder van {name}",
                "remarks": f"Zorgt goed voor {name}",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        env["don.intervention"].create(
            {
                "case_id": case.id,
                "name": f"Huisbezoek {name}",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
                "result_note": f"{name} werkt mee",
            }
        )
        attachment = env["ir.attachment"].create(
            {
                "name": f"Verslag {name}.txt",
                "raw": f"Verslag over {name}".encode(),
                "mimetype": "text/plain",
                "res_model": "don.case",
                "res_id": case.id,
            }
        )
        case.message_post(
            body=f"Overleg over {name}",
            subject=f"Casus {name}",
            attachment_ids=attachment.ids,
        )
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.kt_soc.id,
            summary=f"Bellen over {name}",
            note=f"Moeder van {name} terugbellen",
        )
        # Openings by a professional: the access log holds the name.
        case.with_user(cls.kt_soc).web_read({"reference": {}, "summary": {}})
        youth.with_user(cls.kt_soc).web_read({"name": {}})
        case.write(
            {"stage": "afgesloten", "closing_reason": "goal_reached", "date_closed": closed_on}
        )
        env.flush_all()
        env.cr.precommit.run()  # tracking values are written at commit
        return youth, case

    def name_hits(self, name):
        """Every (table, column) of DON and of Odoo's mail/attachment storage
        that still holds ``name``, checked in SQL."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """SELECT c.table_name, c.column_name, c.data_type
                 FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('text', 'character varying', 'jsonb', 'bytea')
                  AND (c.table_name LIKE 'don\\_%%' OR c.table_name IN %s)""",
            [ODOO_TABLES],
        )
        hits = []
        for table, column, data_type in cr.fetchall():
            if data_type == "bytea":
                condition = SQL(
                    "position(convert_to(%s, 'UTF8') in %s) > 0", name, SQL.identifier(column)
                )
            else:
                condition = SQL("%s::text ILIKE %s", SQL.identifier(column), f"%{name}%")
            cr.execute(SQL("SELECT count(*) FROM %s WHERE %s", SQL.identifier(table), condition))
            if cr.fetchone()[0]:
                hits.append(f"{table}.{column}")
        return hits

    def run_job(self):
        self.Review._cron_retention(commit=False)
        self.env.invalidate_all()


@tagged("post_install", "-at_install", "don_privacy")
class TestRetention(RetentionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Closed 8 years before "now" (period 7 years): due. Closed 6 years
        # before: not yet due.
        cls.youth_x, cls.case_x = cls._closed_case(NAME_X, date(2018, 5, 1))
        # Y's file mentions X as a friend: Y keeps the relation, X's link and
        # name go.
        cls.youth_y, cls.case_y = cls._closed_case(NAME_Y, date(2020, 5, 1), friend=cls.youth_x)

    def test_retention_date_set_on_closing(self):
        self.assertEqual(self.case_x.retention_date, date(2025, 5, 1))
        self.assertEqual(self.case_y.retention_date, date(2027, 5, 1))
        self.assertFalse(self.case_a.retention_date, "an open case has no retention date")
        # Changing the period moves the dates.
        self.policy.period_years = 5
        self.assertEqual(self.case_y.retention_date, date(2025, 5, 1))

    @freeze_time(NOW)
    def test_anonymised_everywhere_after_approval(self):
        self.assertTrue(self.name_hits(NAME_X), "the test data hold the name")
        logs_before = self.env["don.access.log"].search_count([("user_id", "=", self.kt_soc.id)])
        self.run_job()
        review = self.Review.search([("case_id", "=", self.case_x.id)])
        self.assertEqual(review.state, "to_review")
        self.assertEqual(review.subject_ref, self.case_x.reference)
        self.assertFalse(self.Review.search([("case_id", "=", self.case_y.id)]), "not yet due")
        # Nothing is removed before approval.
        self.run_job()
        self.assertEqual(review.state, "to_review")
        self.assertIn("don_youth.name", self.name_hits(NAME_X))
        self.assertEqual(self.case_x.note_ids.body, f"{NAME_X} vertelt over de school")

        review.with_user(self.privacy).action_approve()
        self.assertEqual(review.decided_by_id, self.privacy)
        self.run_job()
        self.assertEqual(review.state, "done")
        self.assertEqual(self.name_hits(NAME_X), [])
        # The other youth's file is untouched, apart from X's link and name.
        self.assertIn("don_youth.name", self.name_hits(NAME_Y))
        self.assertEqual(self.youth_y.name, NAME_Y)
        self.assertEqual(self.case_y.note_ids.body, f"{NAME_Y} vertelt over de school")
        friend = self.case_y.relation_ids.filtered(lambda r: r.relation_type == "friend")
        self.assertTrue(friend)
        self.assertFalse(friend.related_youth_id)
        # The figures are kept; the fact of access too (user, date), nameless.
        case = self.case_x.with_context(active_test=False)
        self.assertEqual(case.privacy_state, "anonymised")
        self.assertEqual(case.closing_reason, "goal_reached")
        self.assertEqual(case.intervention_ids.type_id, self.itype)
        self.assertEqual(self.youth_x.privacy_state, "anonymised")
        self.assertFalse(self.youth_x.date_of_birth)
        self.assertFalse(case.message_ids.filtered(lambda m: m.body))
        logs = self.env["don.access.log"].search([("user_id", "=", self.kt_soc.id)])
        self.assertEqual(len(logs), logs_before)
        x_logs = logs.filtered(lambda log: log.res_id in (case.id, self.youth_x.id))
        self.assertTrue(x_logs)
        self.assertFalse(any(x_logs.mapped("subject_name")))

    def test_mentions_in_other_files_are_scrubbed(self):
        """Another (open) file mentions X by name in free text: after X's
        erasure the name is gone from it, the rest of the text stays."""
        note = self.env["don.case.note"].create(
            {
                "case_id": self.case_a.id,
                "name": f"Gezien met {NAME_X}",
                "body": f"<p>{NAME_Y} werd bij het station gezien met {NAME_X.upper()}.</p>",
                "domain_id": self.dom_soc.id,
                "author_id": self.kt_soc.id,
            }
        )
        self.case_a.write({"summary": f"<p>Vriendschap met {NAME_X} baart zorgen</p>"})
        self.run_job()
        self.Review.search([("case_id", "=", self.case_x.id)]).with_user(
            self.privacy
        ).action_approve()
        self.run_job()
        self.assertEqual(self.name_hits(NAME_X), [])
        self.assertNotIn(NAME_X.lower(), note.body.lower())
        self.assertIn(NAME_Y, note.body)
        self.assertIn("[anonymised]", note.body)
        self.assertEqual(note.name, "Gezien met [anonymised]")
        self.assertIn("baart zorgen", self.case_a.summary)
        self.assertNotIn(NAME_X, self.case_a.summary)
        self.assertEqual(self.youth_y.name, NAME_Y)

    @freeze_time(NOW)
    def test_delete_mode_removes_records_keeps_log(self):
        self.policy.action = "delete"
        case_id, youth_id = self.case_x.id, self.youth_x.id
        self.run_job()
        review = self.Review.search([("case_id", "=", case_id)])
        self.assertEqual(review.action, "delete")
        review.with_user(self.privacy).action_approve()
        self.run_job()
        self.assertEqual(review.state, "done")
        self.assertFalse(
            self.env["don.case"].with_context(active_test=False).browse(case_id).exists()
        )
        self.assertFalse(
            self.env["don.youth"].with_context(active_test=False).browse(youth_id).exists()
        )
        self.assertEqual(self.name_hits(NAME_X), [])
        self.assertTrue(
            self.env["don.access.log"].search(
                [("res_model", "=", "don.case"), ("res_id", "=", case_id)]
            ),
            "the fact of access is kept",
        )
        self.assertEqual(self.youth_y.name, NAME_Y)

    @freeze_time(NOW)
    def test_attachment_files_leave_the_filestore(self):
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "don.case"), ("res_id", "=", self.case_x.id)]
        )
        path = attachment._full_path(attachment.store_fname)
        self.assertTrue(os.path.exists(path))
        self.run_job()
        self.Review.search([("case_id", "=", self.case_x.id)]).with_user(
            self.privacy
        ).action_approve()
        self.run_job()
        self.assertFalse(attachment.exists())
        # The scheduler's garbage collection (after its commit) removes the
        # file; here the unsafe variant runs inside the test transaction.
        self.env["ir.attachment"]._gc_file_store_unsafe()
        self.assertFalse(os.path.exists(path))

    def test_grace_period(self):
        self.policy.grace_days = 10
        with freeze_time("2026-06-01"):
            self.run_job()
            review = self.Review.search([("case_id", "=", self.case_x.id)])
            self.assertEqual(review.due_date, date(2026, 6, 11))
        with freeze_time("2026-06-10"):
            self.run_job()
            self.assertEqual(review.state, "to_review")
            self.assertEqual(self.youth_x.name, NAME_X)
        with freeze_time("2026-06-11"):
            self.run_job()
            self.assertEqual(review.state, "done")
            self.assertEqual(self.name_hits(NAME_X), [])

    @freeze_time(NOW)
    def test_nothing_before_its_date(self):
        # A proposal for a case that is not due (forged, or reopened since) is
        # cancelled, never carried out.
        review = self.Review.sudo().create(
            {
                "company_id": self.company_a.id,
                "record_type": "case",
                "action": "delete",
                "case_id": self.case_y.id,
                "youth_id": self.youth_y.id,
                "subject_ref": self.case_y.reference,
                "retention_date": date(2020, 1, 1),
                "state": "approved",
            }
        )
        self.run_job()
        self.assertEqual(review.state, "cancelled")
        self.assertTrue(self.case_y.exists())
        self.assertEqual(self.case_y.note_ids.body, f"{NAME_Y} vertelt over de school")
        # A case reopened after the proposal is not touched either.
        self.run_job()
        review_x = self.Review.search([("case_id", "=", self.case_x.id)])
        self.case_x.action_reopen()
        review_x.with_user(self.privacy).action_approve()
        self.run_job()
        self.assertEqual(review_x.state, "cancelled")
        self.assertEqual(self.youth_x.name, NAME_X)

    @freeze_time(NOW)
    def test_rejected_proposal_is_kept_and_not_proposed_again(self):
        self.run_job()
        review = self.Review.search([("case_id", "=", self.case_x.id)])
        review.with_user(self.privacy).write({"decision_note": "Lopende procedure"})
        review.with_user(self.privacy).action_reject()
        self.assertEqual(review.state, "rejected")
        self.assertEqual(review.hold_until, date(2027, 6, 1))
        self.run_job()
        self.assertEqual(self.Review.search_count([("case_id", "=", self.case_x.id)]), 1)
        self.assertEqual(self.youth_x.name, NAME_X)

    @freeze_time(NOW)
    def test_only_privacy_officer_decides(self):
        self.run_job()
        review = self.Review.search([("case_id", "=", self.case_x.id)])
        for user in self.don_users | self.manager | self.reporting | self.plain:
            with self.assertRaises(AccessError, msg=user.login):
                review.with_user(user).action_approve()
        self.assertEqual(review.state, "to_review")


@tagged("post_install", "-at_install", "don_privacy")
class TestRetentionResume(RetentionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.youth_1, cls.case_1 = cls._closed_case("Eerste Onderbrokenjongere", date(2017, 1, 1))
        cls.youth_2, cls.case_2 = cls._closed_case("Tweede Onderbrokenjongere", date(2017, 2, 1))

    @freeze_time(NOW)
    def test_interrupted_job_resumes(self):
        self.run_job()
        reviews = self.Review.search([("case_id", "in", (self.case_1 | self.case_2).ids)])
        self.assertEqual(len(reviews), 2)
        reviews.with_user(self.privacy).action_approve()
        Factor = self.registry["don.case.factor"]
        original = Factor._don_privacy_erase

        def crash_on_second(records, youth, mode):
            # Fails half-way through the second case: its notes were already
            # anonymised when the factors fail.
            if youth == self.youth_2:
                raise RuntimeError("simulated crash")
            return original(records, youth, mode)

        with (
            patch.object(Factor, "_don_privacy_erase", crash_on_second),
            mute_logger("odoo.addons.don_core.models.don_retention_review"),
        ):
            self.run_job()
        review_1 = reviews.filtered(lambda r: r.case_id == self.case_1)
        review_2 = reviews - review_1
        self.assertEqual(review_1.state, "done")
        self.assertEqual(review_2.state, "approved")
        self.assertIn("simulated crash", review_2.last_error)
        # The half-done work of the second case was undone: nothing half.
        self.assertEqual(
            self.case_2.note_ids.body, "Tweede Onderbrokenjongere vertelt over de school"
        )
        self.assertEqual(self.youth_2.name, "Tweede Onderbrokenjongere")
        # The next run finishes the job; the first case is not processed again.
        with patch.object(
            type(self.env["don.privacy"]),
            "_erase_case",
            autospec=True,
            side_effect=type(self.env["don.privacy"])._erase_case,
        ) as erase:
            self.run_job()
        self.assertEqual(erase.call_count, 1)
        self.assertEqual(review_2.state, "done")
        self.assertFalse(review_2.last_error)
        self.assertEqual(self.name_hits("Onderbrokenjongere"), [])

    @freeze_time(NOW)
    def test_erasing_twice_is_harmless(self):
        Privacy = self.env["don.privacy"]
        Privacy._erase_case(self.case_1, "anonymise")
        Privacy._erase_case(self.case_1, "anonymise")
        self.assertEqual(self.case_1.privacy_state, "anonymised")
        Privacy._erase_case(self.case_2, "delete")
        Privacy._erase_youth(self.youth_2, "delete")
        self.assertFalse(self.case_2.exists())
        self.assertEqual(self.name_hits("Onderbrokenjongere"), [])


@tagged("post_install", "-at_install", "don_privacy")
class TestRetentionStoppedAndRerun(RetentionCommon):
    """The job stopped after some cases (a batch, as when it is killed after
    a commit) and run again: every case done once, no survivor of any name in
    any table, the chatter, tracking values, attachments or the filestore."""

    NAMES = (
        "Anouk Gestoptebatch",
        "Bilal Gestoptebatch",
        "Cato Gestoptebatch",
        "Daan Gestoptebatch",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = {}
        for index, name in enumerate(cls.NAMES):
            cls.cases[name] = cls._closed_case(name, date(2017, 1 + index, 1))

    def _files_with(self, text):
        Attachment = self.env["ir.attachment"]
        root = Attachment._filestore()
        found = []
        for dirpath, _dirs, files in os.walk(root):
            for filename in files:
                path = os.path.join(dirpath, filename)
                with open(path, "rb") as handle:
                    if text.encode() in handle.read():
                        found.append(path)
        return found

    @freeze_time(NOW)
    def test_stopped_after_two_cases_then_rerun(self):
        self.run_job()
        case_ids = [case.id for _youth, case in self.cases.values()]
        reviews = self.Review.search([("case_id", "in", case_ids)])
        self.assertEqual(len(reviews), 4)
        reviews.with_user(self.privacy).action_approve()
        files = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "don.case"), ("res_id", "in", case_ids)])
        )
        self.assertEqual(len(files), 4)
        self.assertTrue(all(files.mapped("store_fname")), "the reports are in the filestore")
        for name in self.NAMES:
            self.assertTrue(self._files_with(name), name)
        # Stopped after two cases.
        self.Review._cron_retention(commit=False, batch_size=2)
        self.env.invalidate_all()
        done = reviews.filtered(lambda review: review.state == "done")
        self.assertEqual(len(done), 2)
        for name, (youth, _case) in self.cases.items():
            if youth.privacy_state:
                self.assertEqual(self.name_hits(name), [], name)
            else:
                self.assertEqual(youth.name, name, "untouched, not half done")
                self.assertIn("don_case_note.body", self.name_hits(name))
        # The rerun finishes the other two, and does not redo the first two.
        with patch.object(
            type(self.env["don.privacy"]),
            "_erase_case",
            autospec=True,
            side_effect=type(self.env["don.privacy"])._erase_case,
        ) as erase:
            self.run_job()
        self.assertEqual(erase.call_count, 2)
        self.assertEqual(set(reviews.mapped("state")), {"done"})
        self.env["ir.attachment"]._gc_file_store_unsafe()
        for name in self.NAMES:
            self.assertEqual(self.name_hits(name), [], name)
            self.assertEqual(self._files_with(name), [], f"{name} in the filestore")
        self.assertFalse(files.exists())


@tagged("post_install", "-at_install", "don_privacy")
class TestRetentionYouthWithoutCase(RetentionCommon):
    def test_youth_without_case_deleted_after_its_period(self):
        self.env["don.retention.policy"].create(
            {
                "company_id": self.company_a.id,
                "record_type": "youth",
                "period_years": 1,
                "action": "delete",
            }
        )
        old = self.env["don.youth"].create(
            {"name": "Oude Registratiezonder", "company_id": self.company_a.id}
        )
        recent = self.env["don.youth"].create(
            {"name": "Recente Registratiezonder", "company_id": self.company_a.id}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE don_youth SET create_date = %s WHERE id = %s", ["2024-01-01 09:00", old.id]
        )
        self.env.cr.execute(
            "UPDATE don_youth SET create_date = %s WHERE id = %s", ["2026-03-01 09:00", recent.id]
        )
        self.env.invalidate_all()
        with freeze_time(NOW):
            self.run_job()
            review = self.Review.search([("youth_id", "=", old.id)])
            self.assertEqual(review.record_type, "youth")
            self.assertFalse(self.Review.search([("youth_id", "=", recent.id)]))
            self.assertTrue(old.exists(), "nothing before approval")
            review.with_user(self.privacy).action_approve()
            self.run_job()
        self.assertEqual(review.state, "done")
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        self.assertEqual(self.name_hits("Oude Registratiezonder"), [])
        # Youths with a case are never proposed as "without a case".
        self.assertFalse(self.Review.search([("youth_id", "=", self.youth_a.id)]))
