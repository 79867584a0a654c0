# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Driehoek record holds no personal data; the period report shows it."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DonBestuurCommon


@tagged("post_install", "-at_install")
class TestDriehoek(DonBestuurCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["don.driehoek.meeting"]

    def meeting(self, user=None, **vals):
        values = {
            "name": "Driehoek voorjaar",
            "company_id": self.company_a.id,
            "date": "2026-05-12",
            "priorities": "<p>Ronselen bij het station krijgt voorrang.</p>",
        }
        values.update(vals)
        return self.Meeting.with_user(user or self.mayor).create(values)

    def test_no_personal_data_in_the_model(self):
        # No field of the Driehoek points to a young person, a case, a
        # contribution or a measure.
        personal = {"don.youth", "don.case", "don.case.note", "don.gezag.measure", "res.partner"}
        for model in ("don.driehoek.meeting", "don.driehoek.decision"):
            for name, field in self.env[model]._fields.items():
                if name.startswith("message_") or name in ("activity_ids", "rating_ids"):
                    continue
                self.assertNotIn(getattr(field, "comodel_name", None), personal, f"{model}.{name}")

    def test_names_and_numbers_refused(self):
        with self.assertRaises(ValidationError):
            self.meeting(priorities="<p>Bespreking van noah verbeek</p>")
        with self.assertRaises(ValidationError):
            self.meeting(mandate=f"<p>Zie {self.case_a.reference}</p>")
        with self.assertRaises(ValidationError):
            self.meeting(name=f"Over {self.youth_a.reference}")
        meeting = self.meeting()
        with self.assertRaises(ValidationError):
            meeting.write({"decision_ids": [(0, 0, {"name": "Gesprek met Liam de Groot"})]})
        # A name hidden between '<' and '>' in a plain text, split by tags
        # or marked bold in an html text, or with odd spacing: still found.
        with self.assertRaises(ValidationError):
            self.meeting(participants="Burgemeester <b Noah Verbeek>")
        with self.assertRaises(ValidationError):
            self.meeting(priorities="<p>Noah <b>Verbeek</b> bij het station</p>")
        with self.assertRaises(ValidationError):
            self.meeting(priorities="<p>No<span>ah</span>   Verbeek</p>")
        with self.assertRaises(ValidationError):
            meeting.write({"decision_ids": [(0, 0, {"name": "Gesprek met <Liam de Groot>"})]})
        # A young person of another municipality is not matched (and not
        # revealed): the check is per municipality.
        self.assertTrue(self.meeting(priorities="<p>Zara Veenstra</p>"))

    def test_roles(self):
        meeting = self.meeting()
        self.assertTrue(meeting.with_user(self.reporting).read(["priorities"]))
        with self.assertRaises(AccessError):
            meeting.with_user(self.reporting).write({"name": "Anders"})
        self.assertTrue(self.meeting(user=self.pl))
        for user in (self.kt_vei, self.prof_soc, self.plain, self.kt_b):
            with self.assertRaises(AccessError):
                meeting.with_user(user).read(["priorities"])

    def test_period_report_shows_the_driehoek(self):
        meeting = self.meeting(
            decision_ids=[(0, 0, {"name": "Stationsgebied is prioritair", "owner": "Burgemeester"})]
        )
        meeting.action_final()
        self.meeting(name="Concept niet in rapport")
        report = self.env["don.period.report"].create(
            {
                "company_id": self.company_a.id,
                "period_type": "quarter",
                "year": 2026,
                "quarter": "2",
            }
        )
        self.assertEqual(report._driehoek_meetings(), meeting)
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "don_rapportage.action_report_don_period_report", report.ids
        )
        text = html.decode()
        self.assertIn("Stationsgebied is prioritair", text)
        self.assertIn("Ronselen bij het station", text)
        self.assertNotIn("Concept niet in rapport", text)


@tagged("post_install", "-at_install", "don_security")
class TestDriehoekMatrix(DonBestuurCommon):
    """Access matrix of the Driehoek: role x create/read/write/unlink over
    the whole test population (every DON role, the outsiders, the other
    municipality and three mayors), as for every other model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.env["don.driehoek.meeting"].create(
            {
                "name": "Driehoek najaar",
                "company_id": cls.company_a.id,
                "date": "2026-10-06",
                "decision_ids": [(0, 0, {"name": "Prioriteit stationsgebied"})],
            }
        )
        cls.decision = cls.meeting.decision_ids

    def assertMatrix(self, check, record_or_model, expected, *args):
        got = {user.login for user in self.everybody if check(user, record_or_model, *args)}
        self.assertEqual(got, {user.login for user in expected}, check.__name__)

    @property
    def mayors(self):
        return self.mayor | self.mayor2

    def test_the_population_holds_every_group_with_access(self):
        # Derived from the registry: every group given access to the
        # Driehoek models (here or by another addon) is held by a user of
        # the population, so the matrix below covers it.
        held = self.everybody.groups_id
        for model in ("don.driehoek.meeting", "don.driehoek.decision"):
            accesses = self.env["ir.model.access"].search([("model_id.model", "=", model)])
            self.assertTrue(accesses)
            for access in accesses:
                self.assertIn(access.group_id, held, f"{model}: {access.name}")

    def test_meeting_matrix(self):
        self.assertMatrix(
            self.can_read, self.meeting, self.pl | self.mayors | self.reporting | self.driehoek
        )
        self.assertMatrix(
            self.can_write, self.meeting, self.pl | self.mayors, {"participants": "x"}
        )
        vals = {"name": "Driehoek extra", "company_id": self.company_a.id}
        self.assertMatrix(self.can_create, "don.driehoek.meeting", self.pl | self.mayors, vals)
        self.assertMatrix(self.can_unlink, self.meeting, self.pl)

    def test_decision_matrix(self):
        self.assertMatrix(
            self.can_read, self.decision, self.pl | self.mayors | self.reporting | self.driehoek
        )
        # The Driehoek role records and updates decisions, deletes none.
        self.assertMatrix(
            self.can_write, self.decision, self.pl | self.mayors | self.driehoek, {"owner": "OM"}
        )
        vals = {"meeting_id": self.meeting.id, "name": "Mandaat Kernteam"}
        self.assertMatrix(
            self.can_create, "don.driehoek.decision", self.pl | self.mayors | self.driehoek, vals
        )
        self.assertMatrix(self.can_unlink, self.decision, self.pl | self.mayors)


@tagged("post_install", "-at_install", "don_security")
class TestDriehoekRole(DonBestuurCommon):
    """The police chief and the chief public prosecutor in the Driehoek:
    what Rapportage reads, decisions added, no personal record."""

    def test_the_driehoek_role_reads_no_personal_record(self):
        user = self.driehoek
        self.assertTrue(user.has_group("don_core.group_don_reporting"))
        for group in ("don_core.group_don_professional", "don_core.group_don_kernteam"):
            self.assertFalse(user.has_group(group), group)
        for model in (
            "don.case",
            "don.youth",
            "don.signal",
            "don.case.note",
            "don.intervention",
            "don.gezag.measure",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(user).search([])
        for record in (self.case_a, self.youth_a, self.measure_a):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(user).read(["display_name"])

    def test_the_driehoek_role_adds_a_decision_not_the_meeting(self):
        meeting = self.env["don.driehoek.meeting"].create(
            {"name": "Driehoek winter", "company_id": self.company_a.id, "date": "2026-12-01"}
        )
        Meeting = meeting.with_user(self.driehoek)
        with self.assertRaises(AccessError):
            Meeting.write({"mandate": "<p>Anders</p>"})
        with self.assertRaises(AccessError):
            Meeting.copy()
        action = Meeting.action_add_decision()
        self.assertEqual(action["context"], {"default_meeting_id": meeting.id})
        decision = (
            self.env["don.driehoek.decision"]
            .with_user(self.driehoek)
            .with_context(**action["context"])
            .create({"name": "Extra inzet wijkagenten bij het station", "owner": "Politie"})
        )
        self.assertEqual(decision.meeting_id, meeting)
        self.assertEqual(decision.company_id, self.company_a)
        with self.assertRaises(AccessError):
            decision.unlink()
        # Still no personal data in a decision.
        with self.assertRaises(ValidationError):
            decision.write({"description": f"Zie {self.case_a.reference}"})
        # Another municipality's meetings stay out of sight.
        other = self.env["don.driehoek.meeting"].create(
            {"name": "Driehoek Andersveen", "company_id": self.company_b.id}
        )
        self.assertFalse(self.can_read(self.driehoek, other))
