# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signals in the privacy lifecycle: erased with the young person they
concern, kept (without that young person) when they concern others too, and
part of the data-subject export."""

import base64
import json
from datetime import date

from odoo.addons.don_core.tests.common import DonTestCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install", "don_privacy")
class TestPrivacySignals(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Signal = cls.env["don.signal"]
        channel = cls.env.ref("don_signalen.channel_politie")
        base = {
            "channel_id": channel.id,
            "company_id": cls.company_a.id,
            "domain_id": cls.dom_soc.id,
            "author_id": cls.kt_soc.id,
            "reporter_type": "person",
        }
        cls.signal_only_a = Signal.create(
            dict(
                base,
                name="Noah Verbeek bij dealpand",
                description="Noah Verbeek gezien met onbekende ouderen",
                reporter_name="Buurvrouw Jansen",
                reporter_email="jansen@example.com",
                youth_ids=[(6, 0, cls.youth_a.ids)],
            )
        )
        cls.signal_a_and_b = Signal.create(
            dict(
                base,
                name="Groepje bij station",
                description="Noah Verbeek en Liam de Groot samen bij het station",
                reporter_name="Conducteur",
                youth_ids=[(6, 0, (cls.youth_a | cls.youth_b).ids)],
            )
        )
        cls.signal_only_b = Signal.create(
            dict(
                base,
                name="Liam alleen",
                description="Liam de Groot spijbelt",
                youth_ids=[(6, 0, cls.youth_b.ids)],
            )
        )
        cls.signal_only_a.message_post(body="Terugbellen over Noah Verbeek")

    def _erase_a(self, mode):
        self.env["don.privacy"]._erase_youth(self.youth_a, mode)
        self.env.invalidate_all()

    def test_scope_holds_the_signals_of_the_young_person(self):
        scope = self.youth_a._don_privacy_related_records()
        self.assertEqual(scope["don.signal"], self.signal_only_a | self.signal_a_and_b)

    def test_anonymise(self):
        self._erase_a("anonymise")
        self.assertTrue(self.signal_only_a.exists())
        self.assertNotIn("Noah", self.signal_only_a.name + self.signal_only_a.description)
        self.assertFalse(self.signal_only_a.reporter_name)
        self.assertFalse(self.signal_only_a.reporter_email)
        self.assertFalse(
            self.signal_only_a.message_ids.filtered(lambda m: "Noah" in (m.body or ""))
        )
        # Shared with B: stays for B, without A.
        self.assertEqual(self.signal_a_and_b.youth_ids, self.youth_b)
        self.assertNotIn("Noah", self.signal_a_and_b.description)
        self.assertIn("Liam de Groot", self.signal_a_and_b.description)
        self.assertEqual(self.signal_only_b.description, "Liam de Groot spijbelt")

    def test_delete(self):
        self._erase_a("delete")
        self.assertFalse(self.signal_only_a.exists())
        self.assertEqual(self.signal_a_and_b.youth_ids, self.youth_b)
        self.assertNotIn("Noah", self.signal_a_and_b.description)
        self.assertTrue(self.signal_only_b.exists())
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM don_signal WHERE name ILIKE %s OR description ILIKE %s",
            ["%Noah Verbeek%", "%Noah Verbeek%"],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_subject_export_includes_signals_without_other_youths(self):
        self.youth_a.date_of_birth = date(2009, 4, 12)
        request = (
            self.env["don.subject.request"]
            .with_user(self.privacy)
            .create(
                {
                    "requester_name": "Noah zelf",
                    "company_id": self.company_a.id,
                    "identity_checked": True,
                    "search_name": "Noah Verbeek",
                    "search_date_of_birth": date(2009, 4, 12),
                }
            )
        )
        request.action_find_youth()
        request.action_export()
        json_file = request.export_attachment_ids.filtered(
            lambda a: a.mimetype == "application/json"
        )
        data = json.loads(base64.b64decode(json_file.sudo().datas))
        signals = data["data"]["don.signal"]
        self.assertEqual(
            {s["id"] for s in signals}, set((self.signal_only_a | self.signal_a_and_b).ids)
        )
        text = json.dumps(data, ensure_ascii=False)
        self.assertIn("Noah Verbeek gezien met onbekende ouderen", text)
        self.assertIn("Terugbellen over Noah Verbeek", text)
        self.assertNotIn("Liam", text)
        self.assertNotIn("spijbelt", text)

    def _export_a(self, lang="en_US"):
        self.youth_a.date_of_birth = date(2009, 4, 12)
        request = (
            self.env["don.subject.request"]
            .with_user(self.privacy)
            .with_context(lang=lang)
            .create(
                {
                    "requester_name": "Moeder Verbeek",
                    "requester_relation": "parent",
                    "company_id": self.company_a.id,
                    "identity_checked": True,
                    "youth_id": self.youth_a.id,
                }
            )
        )
        request.action_export()
        files = request.export_attachment_ids.sudo()
        data = json.loads(
            base64.b64decode(files.filtered(lambda a: a.mimetype == "application/json").datas)
        )
        document = base64.b64decode(
            files.filtered(lambda a: a.mimetype != "application/json").datas
        ).decode(errors="replace")
        return data, document

    def test_subject_export_never_names_the_reporters(self):
        """A parent asking for their child's data does not learn who reported
        the child (AVG art. 15(4)): no name, e-mail address, phone number,
        organisation or contact person of a reporter, in the fields, the
        texts, the chatter or file names; the export says what was left out
        and why, in Dutch."""
        school = self.env["res.partner"].create(
            {
                "name": "Basisschool De Regenboog",
                "is_company": True,
                "don_org_type": "school",
                "email": "info@regenboog.example",
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Meester Pieterse",
                "parent_id": school.id,
                "email": "pieterse@regenboog.example",
                "phone": "06 1234 5678",
            }
        )
        self.signal_only_a.sudo().write(
            {
                "reporter_phone": "+31 6 98765432",
                "description": "Buurvrouw Jansen (bel 06-98765432) zag Noah Verbeek "
                "met onbekende ouderen; mevrouw Jansen wil anoniem blijven.",
            }
        )
        from_school = self.env["don.signal"].create(
            {
                "channel_id": self.env.ref("don_signalen.channel_politie").id,
                "company_id": self.company_a.id,
                "domain_id": self.dom_soc.id,
                "author_id": self.kt_soc.id,
                "reporter_type": "organisation",
                "reporter_partner_id": school.id,
                "reporter_name": "Meester Pieterse",
                "name": "Noah Verbeek verzuimt",
                "description": "Gemeld door Pieterse van De Regenboog, 0612345678.",
                "youth_ids": [(6, 0, self.youth_a.ids)],
            }
        )
        from_school.message_post(
            body="Terugbelverzoek van meester Pieterse (pieterse@regenboog.example) over Noah",
            author_id=school.child_ids.id,
        )
        from_school.reporter_name = "P. Pieterse"
        self.env["ir.attachment"].create(
            {
                "name": "brief Meester Pieterse.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "don.signal",
                "res_id": from_school.id,
            }
        )
        self.privacy.lang = "nl_NL"
        data, document = self._export_a(lang="nl_NL")
        text = json.dumps(data, ensure_ascii=False)
        for secret in (
            "Jansen",
            "jansen@example.com",
            "98765432",
            "Pieterse",
            "regenboog.example",
            "Regenboog",
            "1234 5678",
            "0612345678",
        ):
            self.assertNotIn(secret.lower(), text.lower(), secret)
            self.assertNotIn(secret.lower(), document.lower(), secret)
        # What concerns the young person stays, and the source as a kind.
        self.assertIn("Noah Verbeek verzuimt", text)
        self.assertIn("met onbekende ouderen", text)
        self.assertIn("Terugbelverzoek van", text)
        exported = {s["id"]: s for s in data["data"]["don.signal"]}
        self.assertEqual(exported[from_school.id]["reporter_partner_id"], "School")
        self.assertNotIn("reporter_name", exported[from_school.id])
        # Said in Dutch, in the file and the document.
        left_out = " ".join(data["left_out"])
        self.assertIn("AVG art. 15 lid 4", left_out)
        self.assertIn("melder", left_out)
        self.assertIn("AVG art. 15 lid 4", document)
        self.assertIn("Wat dit overzicht weglaat", document)
