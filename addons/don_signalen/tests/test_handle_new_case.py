# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signal to case without retyping (issue 17): the handling wizard proposes
the young person from the register, among those the user may see, or
creates one from what the signal holds; the new case gets its director,
lead domain and professionals and takes over the signal's actions and
decisions."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..wizards.don_signal_handle_wizard import NAME_MAX, clean_name, name_from_description
from .common import SignalTestCommon

ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


@tagged("post_install", "-at_install", "don_signalen")
class TestNameFromDescription(TransactionCase):
    def test_named_descriptions(self):
        cases = {
            "Daan, 15 jaar": "Daan",
            "Daan de Vries (15) uit de Vogelbuurt": "Daan de Vries",
            "Daan van der Berg, zit op het Testcollege": "Daan van der Berg",
            "Fatima El Amrani 14 jaar": "Fatima El Amrani",
            "  \n Sem\x00 Bakker; broer van Luuk": "Sem Bakker",
            "": "",
            "15 jaar": "",
            "Een jongen van een jaar of vijftien met een rode jas en een zwarte pet": "",
        }
        for description, name in cases.items():
            self.assertEqual(name_from_description(description), name, description)

    @given(ANY_TEXT)
    @settings(max_examples=300, deadline=None)
    def test_any_description_gives_a_storable_name(self, value):
        name = name_from_description(value)
        self.assertLessEqual(len(name), NAME_MAX)
        self.assertEqual(name, clean_name(name))
        self.assertFalse([char for char in name if ord(char) < 32])

    @given(ANY_TEXT)
    @settings(max_examples=300, deadline=None)
    def test_clean_name_is_idempotent(self, value):
        self.assertEqual(clean_name(clean_name(value)), clean_name(value))


@tagged("post_install", "-at_install", "don_signalen")
class TestHandleNewCase(SignalTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school.don_org_type = "school"
        cls.signal = (
            cls.env["don.signal"]
            .with_context(don_signal_no_feedback=True)
            .create(
                {
                    "name": "School: leerling met twee telefoons",
                    "description": "Mentor ziet dure kleding en twee telefoons",
                    "youth_description": "Daan, 15 jaar, klas 3B",
                    "channel_id": cls.ch_school.id,
                    "reporter_partner_id": cls.school.id,
                    "domain_id": cls.dom_soc.id,
                    "author_id": cls.kt_soc.id,
                    "handler_id": cls.kt_soc.id,
                    "neighbourhood_id": cls.hood.id,
                    "company_id": cls.company_a.id,
                }
            )
        )

    def wizard(self, user, signal=None, **values):
        return (
            self.env["don.signal.handle.wizard"]
            .with_user(user)
            .create(
                {
                    "signal_id": (signal or self.signal).id,
                    "outcome": "new_case",
                    "reason": "Zorgen van de school",
                    **values,
                }
            )
        )

    def test_what_the_signal_holds_is_proposed(self):
        wizard = self.wizard(self.kt_soc)
        self.assertEqual(wizard.youth_name, "Daan")
        self.assertEqual(wizard.youth_school_id, self.school)
        self.assertFalse(wizard.youth_club_id)
        self.assertEqual(wizard.youth_neighbourhood_id, self.hood)
        self.assertEqual(wizard.director_id, self.kt_soc)
        self.assertEqual(wizard.lead_domain_id, self.dom_soc)

    def test_new_case_with_director_domain_professionals_actions_and_decisions(self):
        kernteam = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Daan",
                "company_id": self.company_a.id,
                "member_ids": [Command.create({"user_id": self.kt_soc.id, "role": "sociaal"})],
            }
        )
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": kernteam.id, "date": fields.Datetime.now() - timedelta(days=1)}
        )
        self.env["don.agenda.item"].create(
            {
                "meeting_id": meeting.id,
                "kind": "signal",
                "signal_id": self.signal.id,
                "name": "Nieuw signaal",
                "decision": "Leerplicht gaat op huisbezoek",
                "state": "decided",
            }
        )
        project = self.env["project.project"].create(
            {"name": "DON acties", "company_id": self.company_a.id}
        )
        task = self.env["project.task"].create(
            {"name": "Huisbezoek", "project_id": project.id, "don_signal_id": self.signal.id}
        )
        wizard = self.wizard(
            self.kt_soc,
            youth_date_of_birth="2011-03-02",
            director_id=self.kt_soc.id,
            lead_domain_id=self.dom_soc.id,
            involved_user_ids=[Command.set(self.prof_soc.ids)],
        )
        case = self.env["don.case"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(case.youth_id.name, "Daan")
        self.assertEqual(case.youth_id.school_id, self.school)
        self.assertEqual(case.youth_id.neighbourhood_id, self.hood)
        self.assertEqual(str(case.youth_id.date_of_birth), "2011-03-02")
        self.assertEqual(case.director_id, self.kt_soc)
        self.assertEqual(case.lead_domain_id, self.dom_soc)
        self.assertIn(self.prof_soc, case.involved_user_ids)
        self.assertEqual(self.signal.case_id, case)
        self.assertEqual(task.don_case_id, case, "the signal's action follows it to the case")
        bodies = " ".join(case.message_ids.mapped("body"))
        self.assertIn("Leerplicht gaat op huisbezoek", bodies)
        # The involved professional now sees the case and the young person.
        self.assertTrue(self.can_read(self.prof_soc, case))
        self.assertTrue(self.can_read(self.prof_soc, case.youth_id))

    def test_similar_names_among_young_people_the_user_may_see(self):
        signal = self.signal.copy({"youth_description": "Noa Verbeek, 14"})
        # A Kernteam member sees the register: "Noa Verbeek" proposes Noah.
        wizard = self.wizard(self.kt_soc, signal)
        self.assertIn(self.youth_a, wizard.youth_suggestion_ids)
        self.assertNotIn(self.youth_z, wizard.youth_suggestion_ids, "other municipality")
        # A professional who may not see Noah gets no proposal: the same as
        # for a name nobody has.
        wizard = self.wizard(self.prof_vei, signal)
        self.assertFalse(wizard.youth_suggestion_ids)
        wizard.youth_name = "Xqzwy Plomp"
        self.assertFalse(wizard.youth_suggestion_ids)
        # The same date of birth is proposed too.
        self.youth_b.date_of_birth = "2010-01-01"
        wizard = self.wizard(
            self.kt_soc, signal, youth_name="Onbekend", youth_date_of_birth="2010-01-01"
        )
        self.assertIn(self.youth_b, wizard.youth_suggestion_ids)

    def test_a_case_needs_a_director_and_lead_domain(self):
        wizard = self.wizard(self.kt_soc, director_id=False)
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(self.signal.case_id)

    @given(name=ANY_TEXT, day=st.one_of(st.none(), st.dates()))
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def test_any_typed_name_is_stored_clean_or_refused(self, name, day):
        with self.env.cr.savepoint(flush=False) as savepoint:
            try:
                wizard = self.wizard(self.kt_soc, youth_name=name, youth_date_of_birth=day)
                self.assertLessEqual(len(wizard.youth_suggestion_ids), 8)
                action = wizard.action_confirm()
            except UserError:
                savepoint.rollback()
                return
            except Exception as error:  # a server error on bad input is the defect
                savepoint.rollback()
                # A date of birth in the future is refused with a clear message.
                if type(error).__name__ == "ValidationError":
                    return
                raise
            case = self.env["don.case"].browse(action["res_id"])
            self.assertEqual(case.youth_id.name, clean_name(name))
            self.assertNotIn("\x00", case.youth_id.name)
            savepoint.rollback()
