# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every consultation of personal data is logged once, through every
channel; emergency access; referrals; the access review."""

import base64
import json
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DonTestCommon


class ConsultationCommon(DonTestCommon):
    def setUp(self):
        super().setUp()
        self.Log = self.env["don.access.log"]
        self.last_id = self.Log.search([], limit=1).id or 0

    def new_logs(self):
        return self.Log.search([("id", ">", self.last_id)], order="id")


@tagged("post_install", "-at_install", "don_privacy")
class TestConsultationChannels(ConsultationCommon):
    def test_form_of_each_personal_model_logs_once(self):
        spec = {"display_name": {}, "name": {}}
        for record, user, youth in (
            (self.note_kt, self.kt_vei, self.youth_a),
            (self.intervention_kt, self.kt_vei, self.youth_a),
            (self.youth_a, self.kt_vei, self.youth_a),
        ):
            before = self.new_logs()
            record.with_user(user).web_read(spec)
            log = self.new_logs() - before
            self.assertEqual(len(log), 1, record._name)
            self.assertEqual(
                (log.action, log.res_model, log.res_id), ("open", record._name, record.id)
            )
            self.assertEqual(log.youth_id, youth)
            self.assertEqual(log.purpose, "kernteam")
            self.assertIn("Kernteam", log.capacity)

    def test_case_form_with_its_lines_is_one_consultation(self):
        # The form reads its contributions and interventions (x2many) through
        # their own web_read: still one entry, for the case.
        self.case_a.with_user(self.prof_soc).web_read(
            {
                "reference": {},
                "note_ids": {"fields": {"name": {}}},
                "intervention_ids": {"fields": {"name": {}}},
            }
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_model, "don.case")
        self.assertEqual(log.purpose, "involved")
        self.assertTrue(log.involved)

    def test_refused_form_logs_nothing(self):
        for user, record in ((self.prof_vei, self.case_a), (self.plain, self.note_kt)):
            with self.assertRaises(AccessError):
                record.with_user(user).web_read({"display_name": {}, "company_id": {}})
        self.assertFalse(self.new_logs())

    def test_list_page_logs_once_for_all_rows(self):
        result = (
            self.env["don.case"]
            .with_user(self.kt_vei)
            .web_search_read(
                [("company_id", "=", self.company_a.id)],
                {"reference": {}, "youth_id": {}},
                limit=80,
            )
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.action, "list")
        self.assertEqual(log.record_count, len(result["records"]))
        self.assertEqual(log.youth_ids, self.youth_a | self.youth_b)
        # A list with no rows, or of labels only, is no consultation.
        self.env["don.case"].with_user(self.kt_vei).web_search_read(
            [("id", "=", 0)], {"reference": {}}
        )
        self.env["don.case"].with_user(self.kt_vei).web_search_read([], {"display_name": {}})
        self.assertEqual(len(self.new_logs()), 1)

    def test_list_of_a_user_without_access_logs_nothing(self):
        self.env["don.case.note"].with_user(self.prof_vei).web_search_read(
            [("case_id", "=", self.case_a.id)], {"name": {}}
        )
        self.assertFalse(self.new_logs())

    def test_api_search_read_logs_once(self):
        rows = (
            self.env["don.youth"]
            .with_user(self.kt_soc)
            .search_read([("company_id", "=", self.company_a.id)], ["name"])
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual((log.action, log.record_count), ("list", len(rows)))

    def test_list_export_logs_once(self):
        self.kt_soc.groups_id = [
            Command.link(self.env.ref("don_core.group_don_export").id),
            Command.link(self.env.ref("base.group_allow_export").id),
        ]
        cases = self.env["don.case"].with_user(self.kt_soc).search([])
        cases.export_data(["reference", "note_ids/name"])
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual((log.action, log.record_count), ("export", len(cases)))
        # Refused export: nothing.
        with self.assertRaises(AccessError):
            cases.with_user(self.kt_vei).export_data(["reference"])
        self.assertEqual(len(self.new_logs()), 1)

    def test_network_view_logs_once_with_the_people_shown(self):
        self.env["don.network.relation"].create(
            {
                "relation_type": "friendship",
                "domain_id": self.dom_soc.id,
                "sharing_level": "kernteam",
                "legal_basis_id": self.basis.id,
                "author_id": self.kt_soc.id,
                "company_id": self.company_a.id,
                "source_youth_id": self.youth_a.id,
                "target_youth_id": self.youth_b.id,
            }
        )
        self.env["don.network.relation"].with_user(self.kt_vei).get_network(
            "don.youth", self.youth_a.id, 1
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.action, "network")
        self.assertEqual(log.youth_ids, self.youth_a | self.youth_b)
        with self.assertRaises(AccessError):
            self.env["don.network.relation"].with_user(self.plain).get_network(
                "don.youth", self.youth_a.id, 1
            )
        self.assertEqual(len(self.new_logs()), 1)

    def test_inzage_lists_consultations_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.case_a.with_user(self.kt_vei).web_read({"reference": {}})
        self.env["don.case"].with_user(self.kt_vei).web_search_read([], {"reference": {}})
        self.privacy.lang = "nl_NL"
        rows = (
            self.env["don.access.log"]
            .with_user(self.privacy)
            .with_context(lang="nl_NL")
            .search([("id", ">", self.last_id)])
            ._don_privacy_export(self.youth_a)
        )
        self.assertEqual(len(rows), 2)
        texts = json.dumps(rows, ensure_ascii=False)
        self.assertIn("Geopend", texts)
        self.assertIn("In een lijst getoond", texts)
        self.assertIn("Taak als Kernteamlid", texts)
        self.assertIn("Casus", texts)
        self.assertNotIn("don.case", texts)
        # Both entries are in the young person's scope (the list via its
        # people, the form via the case).
        scope = self.youth_a._don_privacy_related_records()["don.access.log"]
        self.assertLessEqual(self.new_logs(), scope)
        self.assertNotIn(
            self.new_logs()[0],
            self.youth_z._don_privacy_related_records().get("don.access.log", self.Log),
        )


@tagged("post_install", "-at_install", "don_privacy")
class TestListEntryPeople(ConsultationCommon):
    """A list page is one entry naming every young person it showed: the
    inzage of each finds it, an erasure takes out only the one erased."""

    def list_page(self):
        self.env["don.case"].with_user(self.kt_vei).web_search_read(
            [("company_id", "=", self.company_a.id)], {"reference": {}, "youth_id": {}}
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.youth_ids, self.youth_a | self.youth_b)
        return log

    def scope(self, youth):
        return youth._don_privacy_related_records().get("don.access.log", self.Log)

    def test_each_young_person_finds_the_list_entry(self):
        log = self.list_page()
        self.assertIn(log, self.scope(self.youth_a))
        self.assertIn(log, self.scope(self.youth_b))
        self.assertNotIn(log, self.scope(self.youth_z))
        Log = self.Log.with_context(active_test=False)
        self.assertIn(log, Log.search([("youth_ids", "in", self.youth_b.ids)]))
        self.assertIn(log, Log.search([("youth_ids", "=", self.youth_a.id)]))
        self.assertNotIn(log, Log.search([("youth_ids", "not in", self.youth_a.ids)]))
        self.assertNotIn(log, Log.search([("youth_ids", "=", False)]))
        # The young people of many entries: read in one query.
        logs = Log.search([("youth_ids", "!=", False)], limit=50)
        logs.invalidate_recordset(["youth_ids"])
        with self.assertQueryCount(1):
            logs.mapped("youth_ids")

    def test_erasure_takes_out_only_the_young_person_erased(self):
        log = self.list_page()
        self.scope(self.youth_a)._don_privacy_erase(self.youth_a.sudo(), "anonymise")
        self.assertEqual(log.youth_ids, self.youth_b)
        self.assertNotIn(log, self.scope(self.youth_a))
        self.assertIn(log, self.scope(self.youth_b))
        # Who consulted what, and when, stays.
        self.assertEqual((log.action, log.user_id), ("list", self.kt_vei))

    def test_a_deleted_young_person_leaves_no_link(self):
        youth = self.env["don.youth"].create({"name": "Tim Wis", "company_id": self.company_a.id})
        self.env["don.youth"].with_user(self.kt_vei).web_search_read(
            [("id", "in", (youth | self.youth_a).ids)], {"name": {}}
        )
        log = self.new_logs()
        self.assertEqual(log.youth_ids, youth | self.youth_a)
        youth_id = youth.id
        youth.unlink()
        self.assertEqual(log.youth_ids, self.youth_a)
        self.assertFalse(self.Log.search([("youth_ids", "in", [youth_id])]))


@tagged("post_install", "-at_install", "don_privacy")
class TestEmergencyAccess(ConsultationCommon):
    def setUp(self):
        super().setUp()
        self.company_a.don_emergency_access = True
        self.reason = "Melding van acuut gevaar, casusregisseur onbereikbaar"

    def _request(self, user, reference=None, reason=None):
        return (
            self.env["don.emergency.access"]
            .with_user(user)
            .with_company(self.company_a)
            ._request(reference or self.case_a.reference, reason or self.reason)
        )

    def test_off_by_default(self):
        company = self.env["res.company"].create({"name": "Gemeente Nieuwdorp"})
        self.assertFalse(company.don_emergency_access)
        self.company_a.don_emergency_access = False
        with self.assertRaises(UserError):
            self._request(self.prof_vei)
        self.assertFalse(self.can_read(self.prof_vei, self.case_a))

    def test_grant_opens_the_case_notifies_and_expires(self):
        self.assertFalse(self.can_read(self.prof_vei, self.case_a))
        case = self._request(self.prof_vei)
        self.assertEqual(case, self.case_a)
        self.assertTrue(self.can_read(self.prof_vei, self.case_a))
        # The case's young person follows the case; the case's items keep
        # their own sharing levels.
        self.assertTrue(self.can_read(self.prof_vei, self.youth_a))
        self.assertFalse(self.can_read(self.prof_vei, self.note_soc))
        grant = self.env["don.emergency.access"].search([("user_id", "=", self.prof_vei.id)])
        self.assertEqual(len(grant), 1)
        self.assertAlmostEqual(
            grant.date_end, grant.date_start + timedelta(hours=4), delta=timedelta(seconds=1)
        )
        # Told at once: the case director and the privacy officer.
        message = self.env["mail.message"].search(
            [
                ("subject", "ilike", self.case_a.reference),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(
            set(message.partner_ids.ids), set((self.kt_soc | self.privacy).partner_id.ids)
        )
        self.assertIn(self.reason, message.body)
        self.assertNotIn("Noah", message.body)
        # Logged with the reason, and opening the form says why.
        log = self.new_logs()
        self.assertEqual((log.action, log.reason), ("emergency", self.reason))
        self.case_a.with_user(self.prof_vei).web_read({"reference": {}})
        self.assertEqual(self.new_logs()[-1].purpose, "emergency")
        # In the review until explained.
        exc = self.env["don.access.exception"].search([("emergency_id", "=", grant.id)])
        self.assertEqual((exc.kind, exc.state), ("emergency", "open"))
        # Expiry: the cron takes the grant out of the access relation.
        self.env.cr.execute(
            "UPDATE don_emergency_access SET date_end = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(minutes=1), grant.id],
        )
        grant.invalidate_recordset()
        self.assertTrue(self.can_read(self.prof_vei, self.case_a), "until the cron ran")
        self.env["don.emergency.access"]._cron_expire()
        self.assertFalse(self.can_read(self.prof_vei, self.case_a))
        self.assertFalse(self.can_read(self.prof_vei, self.youth_a))
        self.assertTrue(grant.revoked)
        self.assertEqual(exc.state, "open", "expiry is no explanation")

    def test_switching_off_ends_every_grant(self):
        self._request(self.prof_vei)
        self.company_a.don_emergency_access = False
        self.assertFalse(self.can_read(self.prof_vei, self.case_a))

    def test_refusals(self):
        with self.assertRaises(UserError):
            self._request(self.prof_vei, reason="even kijken")
        with self.assertRaises(UserError):
            self._request(self.prof_vei, reference="CAS-0000-9999")
        # No DON role: no emergency access.
        for user in (self.plain, self.reporting, self.manager):
            with self.assertRaises(AccessError):
                self._request(user)
        # Another municipality's case cannot be named.
        with self.assertRaises(UserError):
            self._request(self.prof_vei, reference=self.case_z.reference)
        self.assertFalse(self.env["don.emergency.access"].search([]))
        self.assertFalse(self.can_read(self.prof_vei, self.case_a))

    def test_grants_cannot_be_forged_or_extended(self):
        with self.assertRaises(AccessError):
            self.env["don.emergency.access"].with_user(self.prof_vei).create(
                {
                    "case_id": self.case_a.id,
                    "user_id": self.prof_vei.id,
                    "company_id": self.company_a.id,
                    "reason": self.reason,
                    "date_end": datetime(2099, 1, 1),
                }
            )
        self._request(self.prof_vei)
        grant = self.env["don.emergency.access"].search([("user_id", "=", self.prof_vei.id)])
        for user in (self.prof_vei, self.privacy):
            with self.assertRaises(AccessError):
                grant.with_user(user).write({"date_end": datetime(2099, 1, 1)})
        # Only one's own grants are readable (and all of them by the officer).
        self.assertFalse(self.env["don.emergency.access"].with_user(self.prof_soc).search([]))
        self.assertEqual(self.env["don.emergency.access"].with_user(self.privacy).search([]), grant)

    def test_already_visible_needs_no_grant(self):
        self._request(self.prof_soc)
        self.assertFalse(self.env["don.emergency.access"].search([]))

    def test_wizard_returns_the_case_form(self):
        wizard = (
            self.env["don.emergency.access.wizard"]
            .with_user(self.prof_vei)
            .with_company(self.company_a)
            .create({"case_reference": self.case_a.reference, "reason": self.reason})
        )
        action = wizard.action_open_case()
        self.assertEqual((action["res_model"], action["res_id"]), ("don.case", self.case_a.id))


@tagged("post_install", "-at_install", "don_privacy")
class TestReferral(ConsultationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zvh = cls.env["res.partner"].create(
            {"name": "Zorg- en Veiligheidshuis Testregio", "is_company": True}
        )

    def _referral(self, user, **vals):
        return (
            self.env["don.case.referral"]
            .with_user(user)
            .create(
                {
                    "case_id": self.case_a.id,
                    "recipient_type": "zvh",
                    "recipient_id": self.zvh.id,
                    "legal_basis_id": self.basis.id,
                    "shared_description": "Samenvatting en gezinssituatie",
                    "note_ids": [Command.set(self.note_soc.ids)],
                    "answer_deadline": date.today() + timedelta(days=14),
                    **vals,
                }
            )
        )

    def test_access_matrix(self):
        referral = self._referral(self.kt_soc)
        self.assertEqual(referral.decided_by_id, self.kt_soc)
        self.assertTrue(referral.reference.startswith("VRW-"))
        # Whoever sees the case sees its referrals; nobody else.
        for user in self.don_users | self.outsiders | self.kt_b:
            self.assertEqual(
                self.can_read(user, referral), self.can_read(user, self.case_a), user.login
            )
        self.assertTrue(self.can_read(self.prof_soc, referral))
        self.assertFalse(self.can_read(self.prof_vei, referral))
        # Made by who may change the case, only with items they may see.
        with self.assertRaises(AccessError):
            self._referral(self.prof_soc, note_ids=[])
        with self.assertRaises(AccessError):
            self._referral(self.kt_vei, note_ids=[Command.set(self.note_soc.ids)])
        for user in self.outsiders:
            with self.assertRaises(AccessError, msg=user.login):
                self._referral(user)
        # A referral is kept.
        for user in self.don_users | self.env.ref("base.user_admin"):
            with self.assertRaises(UserError, msg=user.login):
                referral.with_user(user).unlink()

    def test_items_of_another_case_refused(self):
        with self.assertRaises(ValidationError):
            self._referral(self.kt_soc, note_ids=[Command.set(self.note_z.ids)])

    def test_disclosure_logged_status_and_reminder(self):
        referral = self._referral(self.kt_soc)
        log = self.new_logs()
        self.assertEqual((log.action, log.res_id), ("disclosure", self.case_a.id))
        self.assertIn(self.zvh.name, log.reason)
        # No answer by the date: one reminder for who decided.
        self.env.cr.execute(
            "UPDATE don_case_referral SET answer_deadline = %s, date = %s WHERE id = %s",
            [date.today() - timedelta(days=1), date.today() - timedelta(days=20), referral.id],
        )
        referral.invalidate_recordset()
        Referral = self.env["don.case.referral"]
        Referral._cron_remind()
        Referral._cron_remind()
        activity = referral.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.kt_soc)
        self.assertNotIn("Noah", activity.summary + (activity.note or ""))
        # The answer comes back: the reminder is done.
        referral.with_user(self.kt_soc).action_received()
        self.assertEqual(referral.state, "ontvangen")
        self.assertFalse(referral.activity_ids)
        referral.with_user(self.kt_soc).action_returned()
        self.assertEqual(referral.state, "teruggelegd")

    def test_in_the_subject_request_export(self):
        referral = self._referral(self.kt_soc)
        request = (
            self.env["don.subject.request"]
            .with_user(self.privacy)
            .create(
                {
                    "kind": "inzage",
                    "requester_name": "Moeder Verbeek",
                    "requester_relation": "parent",
                    "company_id": self.company_a.id,
                    "youth_id": self.youth_a.id,
                    "identity_checked": True,
                }
            )
        )
        request.action_export()
        json_file = request.export_attachment_ids.filtered(
            lambda a: a.mimetype == "application/json"
        )
        data = json.loads(base64.b64decode(json_file.sudo().datas))["data"]
        rows = data["don.case.referral"]
        self.assertEqual(rows[0]["reference"], referral.reference)
        self.assertEqual(rows[0]["recipient_id"], self.zvh.name)
        self.assertEqual(rows[0]["legal_basis_id"], self.basis.display_name)
        # The disclosure is in the consultations of the inzage too.
        actions = [row["action"] for row in data["don.access.log"]]
        self.assertIn("Shared outside DON", actions)


@tagged("post_install", "-at_install", "don_privacy")
class TestAccessReview(ConsultationCommon):
    """A scripted week of normal and abnormal use."""

    def _log(self, user, record, when, purpose, action="open"):
        youth = record if record._name == "don.youth" else record.youth_id
        self.Log.sudo().with_context(don_access_log_write=True).create(
            {
                "date": when,
                "user_id": user.id,
                "action": action,
                "purpose": purpose,
                "res_model": record._name,
                "res_id": record.id,
                "youth_id": youth.id,
                "involved": purpose == "involved",
                "company_id": self.company_a.id,
            }
        )

    def test_scripted_week(self):
        self.company_a.write({"don_access_review_threshold": 5, "don_access_burst": 25})
        monday = datetime(2026, 11, 23, 9, 0)  # 10:00 Dutch time
        cases = self.env["don.case"].create([{"youth_id": self.youth_b.id} for _i in range(45)])
        # Four weeks of baseline: Kernteamleden open about 20 files a day.
        for day in range(28, 0, -1):
            when = monday - timedelta(days=day)
            for user in (self.kt_soc, self.kt_pol):
                for case in cases[:20]:
                    self._log(user, case, when, "kernteam")
        # The week under review.
        for day in range(5):
            when = monday + timedelta(days=day)
            # Normal: Kernteamleden open many files in office hours.
            for user in (self.kt_soc, self.kt_pol):
                for i, case in enumerate(cases[:20]):
                    self._log(user, case, when + timedelta(minutes=30 * i), "kernteam")
            # Normal: the professional opens the file they work on.
            self._log(self.prof_soc, self.case_a, when, "involved")
        # Abnormal: a professional opens a file they are not involved in.
        self._log(self.prof_vei, self.case_b, monday + timedelta(days=1), "domain")
        # Abnormal: a Kernteamlid opens 45 files in a day, more than twice the usual.
        for i, case in enumerate(cases):
            self._log(self.kt_vei, case, monday + timedelta(days=2, minutes=15 * i), "kernteam")
        # Abnormal: a burst of 30 openings in five minutes.
        for i in range(30):
            self._log(self.kt_om, cases[i], monday + timedelta(days=3, seconds=10 * i), "kernteam")
        # Abnormal: at 02:30 Dutch time (01:30 UTC).
        self._log(self.kt_soc, self.case_a, datetime(2026, 11, 26, 1, 30), "kernteam")
        Exception_ = self.env["don.access.exception"]
        found = Exception_._detect(
            self.company_a, monday - timedelta(hours=9), monday + timedelta(days=7)
        )
        self.assertEqual(
            {(exc.kind, exc.user_id) for exc in found},
            {
                ("uninvolved", self.prof_vei),
                ("volume", self.kt_vei),
                ("burst", self.kt_om),
                ("night", self.kt_soc),
            },
        )
        volume = found.filtered(lambda e: e.kind == "volume")
        self.assertEqual((volume.count, volume.baseline), (45, 20))
        self.assertEqual(found.filtered(lambda e: e.kind == "night").date, date(2026, 11, 26))
        # Idempotent.
        self.assertFalse(
            Exception_._detect(
                self.company_a, monday - timedelta(hours=9), monday + timedelta(days=7)
            )
        )
        # The weekly message lists only the exceptions; explained ones leave it.
        night = found.filtered(lambda e: e.kind == "night").with_user(self.privacy)
        with self.assertRaises(UserError):
            night.action_explain()
        night.explanation = "Nachtdienst crisisteam, bevestigd door de teamleider"
        night.action_explain()
        self.assertEqual((night.state, night.explained_by_id), ("explained", self.privacy))
        with self.assertRaises(UserError):
            night.write({"explanation": "anders"})
        with self.assertRaises(AccessError):
            night.with_user(self.kt_soc).write({"explanation": "zelf verklaard"})
        self.env["don.access.log.report"]._cron_review_access()
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.privacy.partner_id.ids)], limit=1
        )
        for user in (self.prof_vei, self.kt_vei, self.kt_om):
            self.assertIn(user.name, message.body)
        self.assertNotIn(self.kt_pol.name, message.body)
        self.assertNotIn(self.kt_soc.name, message.body, "explained")
        self.assertNotIn("Noah", message.body)
        self.assertNotIn("Liam", message.body)
        with self.assertRaises(AccessError):
            message.with_user(self.kt_vei).read(["body"])
        with self.assertRaises(AccessError):
            self.env["don.access.exception"].with_user(self.kt_soc).search([])


@tagged("post_install", "-at_install", "don_privacy")
class TestInform(ConsultationCommon):
    def _states(self):
        # A new request each time: nothing of the view in the record cache.
        self.env.invalidate_all()
        rows = self.env["don.case.inform.report"].with_user(self.privacy).search([])
        return {row.case_reference: row.inform_state for row in rows}

    def test_privacy_officer_sees_cases_without_either(self):
        states = self._states()
        self.assertEqual(states[self.case_a.reference], "missing")
        self.assertEqual(states[self.case_b.reference], "missing")
        self.assertNotIn(self.case_z.reference, states, "another municipality")
        Inform = self.env["don.case.inform"].with_user(self.kt_soc)
        Inform.create(
            {"case_id": self.case_a.id, "kind": "informed", "recipient": "both", "method": "letter"}
        )
        end = date.today() + timedelta(days=60)
        restriction = Inform.create(
            {
                "case_id": self.case_b.id,
                "kind": "restricted",
                "restriction_ground": "investigation",
                "restriction_reason": "Lopend politieonderzoek, afgestemd met het OM",
                "restriction_end": end,
            }
        )
        states = self._states()
        self.assertEqual(states[self.case_a.reference], "informed")
        self.assertEqual(states[self.case_b.reference], "restricted")
        # Reviewed when it ends: an activity on the end date.
        activity = restriction.activity_ids
        self.assertEqual(activity.date_deadline, end)
        self.assertEqual(activity.user_id, self.kt_soc)
        # Once ended, the case is back in the list.
        self.env.cr.execute(
            "UPDATE don_case_inform SET date = %s, restriction_end = %s WHERE id = %s",
            [date.today() - timedelta(days=90), date.today() - timedelta(days=1), restriction.id],
        )
        self.assertEqual(self._states()[self.case_b.reference], "missing")
        # The officer reads the status, never the records or the case.
        with self.assertRaises(AccessError):
            restriction.with_user(self.privacy).read(["restriction_reason"])

    def test_restriction_needs_ground_reason_and_end(self):
        Inform = self.env["don.case.inform"].with_user(self.kt_soc)
        with self.assertRaises(ValidationError):
            Inform.create({"case_id": self.case_a.id, "kind": "restricted"})
        with self.assertRaises(ValidationError):
            Inform.create(
                {
                    "case_id": self.case_a.id,
                    "kind": "restricted",
                    "restriction_ground": "investigation",
                    "restriction_reason": "Onderzoek",
                    "restriction_end": date.today(),
                }
            )

    def test_access_follows_the_case(self):
        record = self.env["don.case.inform"].create(
            {"case_id": self.case_a.id, "kind": "informed", "recipient": "youth", "method": "email"}
        )
        for user in self.don_users | self.outsiders | self.kt_b:
            self.assertEqual(
                self.can_read(user, record), self.can_read(user, self.case_a), user.login
            )
        with self.assertRaises(AccessError):
            self.env["don.case.inform"].with_user(self.prof_soc).create(
                {
                    "case_id": self.case_a.id,
                    "kind": "informed",
                    "recipient": "youth",
                    "method": "email",
                }
            )

    def test_letter_in_dutch_and_logged(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.kt_soc)
            .with_context(lang="nl_NL")
            ._render_qweb_pdf("don_core.action_report_don_case_inform_letter", self.case_a.ids)
        )
        html = html.decode()
        self.assertIn("Noah Verbeek", html)
        self.assertIn("Waarom je deze brief krijgt", html)
        self.assertIn("Autoriteit Persoonsgegevens", html)
        log = self.new_logs()
        self.assertEqual((len(log), log.action, log.res_id), (1, "print", self.case_a.id))


@tagged("post_install", "-at_install", "don_privacy")
class TestConsultationOnchange(ConsultationCommon):
    def test_onchange_of_a_new_record_is_no_consultation(self):
        # The form of a new contribution runs onchange (a web_read of a new
        # record): nothing stored was consulted, nothing is logged.
        self.env["don.case.note"].with_user(self.kt_soc).onchange(
            {"case_id": self.case_a.id, "name": "Nieuw"}, [], {"case_id": {}, "name": {}}
        )
        self.assertFalse(self.new_logs())
