# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import os
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import DonTestCommon

# The benchmarks (bench/ in the repository) open the case form with the
# specification the web client sends; the case tour records it, and checks
# that the benchmarks' copy is still the client's (see bench/README.md).
CLIENT_SPECS = Path(__file__).resolve().parents[3] / "bench" / "specs"


def spec_without_context(spec):
    """A web_read specification without the contexts of its fields: these
    hold the opened record's ids (default_case_id), not what is read."""
    return {
        name: {
            key: spec_without_context(value) if key == "fields" else value
            for key, value in field_spec.items()
            if key != "context"
        }
        for name, field_spec in spec.items()
    }


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestCaseTour(HttpCase, DonTestCommon):
    def test_case_tour(self):
        youth = self.env["don.youth"].create(
            {"name": "Tessa Tourjongere", "company_id": self.company_a.id}
        )
        case = self.env["don.case"].create(
            {
                "youth_id": youth.id,
                "director_id": self.kt_soc.id,
                "involved_user_ids": [Command.set(self.prof_soc.ids)],
            }
        )
        self.env["don.case.note"].create(
            {
                "case_id": case.id,
                "name": "Politie-tourgeheim",
                "body": "x",
                "domain_id": self.dom_pol.id,
                "author_id": self.kt_pol.id,
            }
        )
        self.env["don.legal.basis"].create(
            {"name": "Tourconvenant", "purpose": "Test", "article": "art. 1"}
        )
        Case = type(self.env["don.case"])
        opened = []
        web_read = Case.web_read

        def recording_web_read(records, specification):
            if len(records) == 1 and "note_ids" in specification:
                opened.append(specification)
            return web_read(records, specification)

        recording_web_read._readonly = False
        with patch.object(Case, "web_read", recording_web_read):
            self.start_tour(
                f"/odoo/action-don_core.don_case_action?cids={self.company_a.id}",
                "don_case_tour",
                login="t_kt_soc",
            )
        self.assertTrue(opened, "the tour opened the case form")
        self.check_client_spec("don.case.form.json", spec_without_context(opened[0]))
        note = self.env["don.case.note"].search([("name", "=", "Schoolverzuim neemt toe")])
        self.assertEqual(note.case_id, case)
        self.assertEqual(note.sharing_level, "kernteam")
        self.assertEqual(note.domain_id, self.dom_soc)
        self.assertIn("Nodig voor de analyse", " ".join(note.message_ids.mapped("body")))

    def check_client_spec(self, name, spec):
        """The benchmarks measure the form as the web client opens it: their
        stored specification is the one the client sent in this tour. With
        DON_WRITE_CLIENT_SPECS=1 the tour writes it instead (after a change of
        the form view)."""
        path = CLIENT_SPECS / name
        if os.environ.get("DON_WRITE_CLIENT_SPECS"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")
        if not CLIENT_SPECS.is_dir():
            self.skipTest("not run from the repository: no bench/specs to compare")
        self.assertEqual(
            json.loads(path.read_text()),
            spec,
            f"{name}: the form view changed; rerun this tour with DON_WRITE_CLIENT_SPECS=1",
        )


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestMeetingTour(HttpCase, DonTestCommon):
    def test_meeting_tour(self):
        project = self.env["project.project"].create(
            {"name": "DON-aanpak Tourdorp", "is_don_project": True, "company_id": self.company_a.id}
        )
        team = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Tourdorp",
                "company_id": self.company_a.id,
                "project_id": project.id,
                "member_ids": [
                    Command.create({"user_id": self.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": self.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        previous = self.env["don.meeting"].create(
            {"kernteam_id": team.id, "date": fields.Datetime.now() - timedelta(days=7)}
        )
        previous.state = "held"
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": team.id,
                "date": fields.Datetime.now() + timedelta(days=1),
                "location": "Raadzaal",
                "attendee_ids": [Command.set((self.pl | self.kt_soc).ids)],
            }
        )
        following = self.env["don.meeting"].create(
            {"kernteam_id": team.id, "date": fields.Datetime.now() + timedelta(days=8)}
        )
        # Open work: new information on case A since the previous meeting,
        # and two general topics.
        self.env["don.case.note"].create(
            {"case_id": self.case_a.id, "name": "Nieuw", "body": "x", "domain_id": self.dom_soc.id}
        )
        for name, phase in (
            ("Werkafspraken met Halt", "besluitvorming"),
            ("Rondvraag", "evaluatie"),
        ):
            self.env["don.agenda.item"].create(
                {"meeting_id": meeting.id, "kind": "general", "name": name, "phase": phase}
            )
        # The fixtures' signals of several domains about one young person are
        # a match between domains (don_signalen), which the agenda would
        # propose first: closed here, the tour is about the case items.
        if "don.match" in self.env:
            self.env["don.match"].search([("state", "=", "open")])._don_close("Tour")
        self.start_tour(
            f"/odoo/action-don_core.don_meeting_action?cids={self.company_a.id}",
            "don_meeting_tour",
            login="t_pl",
        )
        self.assertEqual(meeting.state, "approved")
        item = meeting.agenda_item_ids.filtered(lambda i: i.source == "new_information")
        self.assertEqual(item.case_id, self.case_a)
        self.assertEqual(item.state, "decided")
        self.assertIn("jongerenwerk delen", item.discussion)
        self.assertIn("Huisbezoek", item.decision)
        actions = item.action_ids
        self.assertEqual(actions.mapped("name"), ["Huisbezoek plannen"])
        self.assertEqual(actions.project_id, project, "the actions show in the DON project")
        self.assertEqual(actions.don_case_id, self.case_a)
        # The decision is on the case; the postponed item moved on.
        self.assertIn("Huisbezoek", " ".join(self.case_a.message_ids.mapped("body")))
        postponed = meeting.agenda_item_ids.filtered(lambda i: i.name == "Werkafspraken met Halt")
        self.assertEqual(postponed.state, "postponed")
        self.assertEqual(following.agenda_item_ids.origin_item_id, postponed)
        self.assertEqual(
            meeting.agenda_item_ids.filtered(lambda i: i.name == "Rondvraag").state, "open"
        )
        # Past their deadline, the actions come back on the next agenda.
        actions.date_deadline = fields.Datetime.now() - timedelta(days=1)
        following.action_prepare_agenda()
        self.assertEqual(
            following.agenda_item_ids.filtered(
                lambda i: i.source == "overdue_action"
            ).action_task_id,
            actions,
        )

    def test_meeting_member_of_another_domain(self):
        team = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Domeindorp",
                "company_id": self.company_a.id,
                "member_ids": [
                    Command.create({"user_id": self.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": self.kt_soc.id, "role": "sociaal"}),
                    Command.create({"user_id": self.kt_pol.id, "role": "politie"}),
                ],
            }
        )
        previous = self.env["don.meeting"].create(
            {"kernteam_id": team.id, "date": fields.Datetime.now() - timedelta(days=7)}
        )
        previous.state = "held"
        meeting = self.env["don.meeting"].create(
            {
                "kernteam_id": team.id,
                "date": fields.Datetime.now() + timedelta(days=1),
                "location": "Raadzaal",
                "attendee_ids": [Command.set((self.pl | self.kt_soc | self.kt_pol).ids)],
            }
        )
        # Only the social domain holds the new information.
        self.env["don.case.note"].create(
            {
                "case_id": self.case_b.id,
                "name": "Zorg: schulden",
                "body": "ZORG-GEHEIM",
                "domain_id": self.dom_soc.id,
                "sharing_level": "domain",
            }
        )
        meeting.with_user(self.pl).action_prepare_agenda()
        self.assertIn(self.case_b, meeting.agenda_item_ids.case_id)
        item_b = meeting.agenda_item_ids.filtered(lambda i: i.case_id == self.case_b)
        self.assertIn("not visible to you", item_b.with_user(self.kt_pol).reason)
        self.start_tour(
            f"/odoo/action-don_core.don_meeting_action?cids={self.company_a.id}",
            "don_meeting_member_tour",
            login="t_kt_pol",
        )


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestTimelineTour(HttpCase, DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.youth = env["don.youth"].create(
            {"name": "Vera Tijdlijn", "company_id": cls.company_a.id}
        )
        cls.case = env["don.case"].create(
            {
                "youth_id": cls.youth.id,
                "director_id": cls.kt_soc.id,
                "involved_user_ids": [Command.set(cls.prof_soc.ids)],
                "date_start": fields.Date.today() - timedelta(days=30),
            }
        )
        Note = env["don.case.note"]
        for name, domain, level, author, users in (
            ("Zorg: schoolverzuim", cls.dom_soc, "domain", cls.kt_soc, []),
            ("Politie: fouillering", cls.dom_pol, "domain", cls.kt_pol, []),
            ("Politie: gedeeld met Kernteam", cls.dom_pol, "kernteam", cls.kt_pol, []),
            ("Alleen voor betrokkenen", cls.dom_soc, "involved", cls.prof_soc, cls.prof_soc.ids),
        ):
            Note.create(
                {
                    "case_id": cls.case.id,
                    "name": name,
                    "body": "Inhoud die niet op de tijdlijn staat",
                    "domain_id": domain.id,
                    "sharing_level": level,
                    "legal_basis_id": cls.basis.id if level == "kernteam" else False,
                    "author_id": author.id,
                    "user_ids": [Command.set(users)],
                }
            )
        env["don.intervention"].create(
            {
                "case_id": cls.case.id,
                "name": "Huisbezoek wijkteam",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        team = env["don.kernteam"].create(
            {
                "name": "Kernteam Tijdlijn",
                "company_id": cls.company_a.id,
                "member_ids": [Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"})],
            }
        )
        meeting = env["don.meeting"].create(
            {
                "kernteam_id": team.id,
                "date": fields.Datetime.now() - timedelta(days=3),
                "attendee_ids": [Command.set(cls.kt_soc.ids)],
            }
        )
        env["don.agenda.item"].create(
            {
                "meeting_id": meeting.id,
                "kind": "case",
                "case_id": cls.case.id,
                "name": "Bespreking Vera",
                "state": "decided",
            }
        )

    def _run(self, tour, login, user):
        Log = self.env["don.access.log"]
        self.start_tour(
            f"/odoo/action-don_core.don_youth_action?cids={self.company_a.id}", tour, login=login
        )
        logs = Log.search([("youth_id", "=", self.youth.id), ("user_id", "=", user.id)])
        # Opening the file with its timeline: one entry in the access log
        # (the list the reader found the young person in is one more, of
        # its own kind).
        opened = logs.filtered(lambda log: log.action == "open")
        self.assertEqual(len(opened), 1)
        self.assertEqual(opened.res_model, "don.youth")
        self.assertEqual(set(logs.mapped("action")) - {"open"}, {"list"})
        self.assertEqual(len(logs), 2)

    def test_timeline_as_kernteam_member(self):
        self._run("don_timeline_kernteam_tour", "t_kt_soc", self.kt_soc)

    def test_timeline_as_professional(self):
        self._run("don_timeline_professional_tour", "t_prof_soc", self.prof_soc)


class TestEmergencyAccessTour(HttpCase, DonTestCommon):
    def test_emergency_access_tour(self):
        self.company_a.don_emergency_access = True
        self.prof_vei.lang = "nl_NL"
        self.env["res.lang"]._activate_lang("nl_NL")
        # The number the tour types.
        self.case_a.write({"reference": "CAS-NOOD-0001"})
        self.start_tour(
            f"/odoo/action-don_core.don_emergency_access_wizard_action?cids={self.company_a.id}",
            "don_emergency_access_tour",
            login="t_prof_vei",
        )
        grant = self.env["don.emergency.access"].search([("user_id", "=", self.prof_vei.id)])
        self.assertEqual(grant.case_id, self.case_a)
        self.assertIn("casusregisseur niet bereikbaar", grant.reason)
        self.assertTrue(self.can_read(self.prof_vei, self.case_a))


@tagged("post_install", "-at_install", "is_tour", "don_tour")
class TestCasePhotosTour(HttpCase, DonTestCommon):
    def test_opening_a_case_with_photos_is_one_entry(self):
        """A professional opens a case whose chatter shows six photos in the
        browser: the form, the chatter's data and messages and the six
        thumbnails (requests of their own) are one consultation, one entry
        in the access log."""
        png = (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
            b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
            b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
        )
        case = self.case_a
        photos = self.env["ir.attachment"].create(
            [
                {
                    "name": f"foto-{i}.png",
                    "raw": png,
                    "mimetype": "image/png",
                    "res_model": "don.case",
                    "res_id": case.id,
                }
                for i in range(6)
            ]
        )
        case.message_post(body="Foto's van de situatie", attachment_ids=photos.ids)
        Log = self.env["don.access.log"]
        last = Log.search([], limit=1).id or 0
        self.start_tour(
            f"/odoo/don.case/{case.id}?cids={self.company_a.id}",
            "don_case_photos_tour",
            login="t_prof_soc",
        )
        logs = Log.search([("id", ">", last), ("user_id", "=", self.prof_soc.id)])
        self.assertEqual(logs.mapped("action"), ["open"])
        self.assertEqual((logs.res_model, logs.res_id), ("don.case", case.id))
