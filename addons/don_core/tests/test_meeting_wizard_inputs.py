# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The share wizard and the meeting wizards under generated input (issue 16).

What a client can send to these wizards is generated: the record to share
(of another municipality, of a model without a sharing level, an id that
does not exist), the persons to share with (a guest of the flexible shell, a
user of another municipality or without DON rights, an id that does not
exist), the legal basis and domain, text with NUL bytes and odd unicode, the
guests and items of a meeting and the guest lines of an extract. Whatever is
sent, the user gets a clear error in Dutch (UserError, ValidationError or
AccessError; a database constraint reaches the web client as a
ValidationError, see odoo.service.model.retrying) or the work is done; a
guest never gets an item they did not attend, neither through sharing nor in
an extract of the minutes."""

import re
from datetime import timedelta

import psycopg2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from .common import PROF, VEI, DonTestCommon, don_test_user

# Words of the English source strings that Dutch messages do not contain.
ENGLISH_WORDS = {
    "the",
    "you",
    "your",
    "cannot",
    "this",
    "with",
    "needs",
    "must",
    "only",
    "and",
    "are",
    "which",
    "please",
    "shared",
    "sharing",
}
CLEAR_ERRORS = (UserError, ValidationError, AccessError)
# Text as a client can send it: NUL bytes, control characters, right-to-left
# marks, combining accents, astral characters, surrogates left out (they
# cannot be sent as JSON).
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\x00", "\x07", "\u200f", "\u0301", "\ufeff", "😀", "ß", " ", "\n"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
)
ODD_IDS = st.one_of(st.integers(min_value=-3, max_value=0), st.just(2**31 - 1))
# Guests per item: (guest index, item index, confirmed the statement).
GUEST_PLANS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=3),
        st.booleans(),
    ),
    max_size=6,
)
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install", "don_kernteam")
class TestMeetingWizardInputs(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.basis_b = env["don.legal.basis"].create(
            {
                "name": "Convenant Andersveen art. 2",
                "purpose": "Overleg Andersveen",
                "article": "art. 2",
                "company_id": cls.company_b.id,
            }
        )
        # A guest of the flexible shell with a DON login, one without DON
        # rights, one with a login of another municipality.
        cls.guest_user = don_test_user(env, "t_guest_jw", f"{PROF},{VEI}", cls.company_a)
        cls.prof_b = don_test_user(env, "t_prof_b", f"{PROF},{VEI}", cls.company_b)
        cls.external = env["res.partner"].create(
            {"name": "Leerplicht Vergaderdorp", "email": "leerplicht@vergaderdorp.example"}
        )
        cls.team = env["don.kernteam"].create(
            {
                "name": "Kernteam Invoerdorp",
                "company_id": cls.company_a.id,
                "shell_partner_ids": [
                    Command.set(
                        (cls.guest_user.partner_id | cls.prof_vei.partner_id | cls.external).ids
                    )
                ],
                "member_ids": [
                    Command.create({"user_id": cls.pl.id, "role": "projectleider"}),
                    Command.create({"user_id": cls.kt_soc.id, "role": "sociaal"}),
                ],
            }
        )
        cls.meeting = env["don.meeting"].create(
            {
                "kernteam_id": cls.team.id,
                "date": fields.Datetime.now() + timedelta(days=2),
                "attendee_ids": [Command.set((cls.pl | cls.kt_soc).ids)],
            }
        )
        Item = env["don.agenda.item"]
        cls.items = Item.create(
            [
                {
                    "meeting_id": cls.meeting.id,
                    "kind": "general",
                    "name": f"ONDERWERP-{index} algemeen",
                    "discussion": f"BESPROKEN-{index}",
                    "decision": f"BESLUIT-{index}",
                }
                for index in range(3)
            ]
        ) | Item.create(
            {
                "meeting_id": cls.meeting.id,
                "kind": "case",
                "case_id": cls.case_a.id,
                "name": "ONDERWERP-3 casus",
                "discussion": "BESPROKEN-3",
                "decision": "BESLUIT-3",
            }
        )
        cls.team_b = env["don.kernteam"].create(
            {"name": "Kernteam Andersveen", "company_id": cls.company_b.id}
        )
        cls.meeting_b = env["don.meeting"].create(
            {"kernteam_id": cls.team_b.id, "date": fields.Datetime.now() - timedelta(days=1)}
        )
        cls.meeting_b.state = "held"
        cls.shell_partners = cls.guest_user.partner_id | cls.prof_vei.partner_id | cls.external

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def rolled_back(self, func):
        """Run one generated example as the web client would (a database
        constraint becomes the ValidationError the client shows) and undo it."""
        try:
            with self.env.cr.savepoint():
                try:
                    func()
                    self.env.flush_all()
                except psycopg2.IntegrityError as exc:
                    raise _as_validation_error(self.env(context={"lang": "nl_NL"}), exc) from exc
                raise _Rollback()
        except _Rollback:
            return None
        except CLEAR_ERRORS as exc:
            self.assert_dutch(exc)
            return exc
        finally:
            self.env.invalidate_all()

    def assert_dutch(self, exc):
        message = exc.args[0] if exc.args else ""
        self.assertTrue(message, f"{type(exc).__name__} without a message")
        words = set(re.findall(r"[a-z]+", message.lower()))
        self.assertFalse(words & ENGLISH_WORDS, f"{type(exc).__name__} not in Dutch: {message!r}")

    def as_user(self, user, model):
        return self.env[model].with_user(user).with_context(lang="nl_NL")

    def readable_item_ids(self, user):
        """The items of the meeting ``user`` reads through the rules."""
        Item = self.env["don.agenda.item"].with_user(user)
        return set(Item.search([("meeting_id", "=", self.meeting.id)]).ids)

    def invite(self, plan):
        """Guests per item from ``plan``: [(partner index, item index,
        confirmed)]. Returns {partner: set of attended item ids}."""
        Guest = self.env["don.agenda.item.guest"].with_user(self.pl)
        attended = {}
        seen = set()
        for partner_index, item_index, confirmed in plan:
            partner = self.shell_partners[partner_index]
            item = self.items[item_index]
            if (partner.id, item.id) in seen:
                continue
            seen.add((partner.id, item.id))
            guest = Guest.create({"item_id": item.id, "partner_id": partner.id})
            if confirmed:
                guest.action_confirm_confidentiality()
                attended.setdefault(partner, set()).add(item.id)
        return attended

    def assert_guests_see_only_their_items(self, attended):
        for user in (self.guest_user, self.prof_vei):
            own = attended.get(user.partner_id, set())
            self.assertLessEqual(
                self.readable_item_ids(user),
                own,
                f"{user.login} reads an item they did not attend",
            )

    # ------------------------------------------------------------------
    # The share wizard
    # ------------------------------------------------------------------
    def share_targets(self):
        return {
            "note_soc": ("don.case.note", self.note_soc.id),
            "note_inv": ("don.case.note", self.note_inv.id),
            "note_pol": ("don.case.note", self.note_pol.id),
            "note_z": ("don.case.note", self.note_z.id),
            "factor_pol": ("don.case.factor", self.factor_pol.id),
            "item": ("don.agenda.item", self.items[3].id),
            "meeting": ("don.meeting", self.meeting.id),
            "partner": ("res.partner", self.external.id),
            "unknown_model": ("don.geen.model", 1),
            "nul_model": ("don.case.note\x00", self.note_soc.id),
            "empty_model": ("", self.note_soc.id),
        }

    def share_users(self):
        return {
            "prof_soc": self.prof_soc,
            "prof_vei": self.prof_vei,
            "guest": self.guest_user,
            "plain": self.plain,
            "prof_b": self.prof_b,
            "kt_b": self.kt_b,
        }

    @SETTINGS
    @given(
        actor=st.sampled_from(["kt_soc", "prof_soc", "pl", "guest", "kt_b"]),
        target=st.sampled_from(
            [
                "note_soc",
                "note_inv",
                "note_pol",
                "note_z",
                "factor_pol",
                "item",
                "meeting",
                "partner",
                "unknown_model",
                "nul_model",
                "empty_model",
            ]
        ),
        odd_id=st.one_of(st.none(), ODD_IDS),
        level=st.sampled_from(["involved", "domain", "kernteam", "openbaar", ""]),
        basis=st.sampled_from([None, "basis", "basis_b", "missing"]),
        users=st.lists(
            st.sampled_from(
                ["prof_soc", "prof_vei", "guest", "plain", "prof_b", "kt_b", "missing"]
            ),
            max_size=3,
        ),
        domain=st.sampled_from([None, "soc", "vei", "om", "missing"]),
        reason=TEXT,
        plan=st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=2),
                st.integers(min_value=0, max_value=3),
                st.booleans(),
            ),
            max_size=4,
        ),
    )
    def test_share_wizard_generated_input(
        self, actor, target, odd_id, level, basis, users, domain, reason, plan
    ):
        actors = {
            "kt_soc": self.kt_soc,
            "prof_soc": self.prof_soc,
            "pl": self.pl,
            "guest": self.guest_user,
            "kt_b": self.kt_b,
        }

        def example():
            attended = self.invite(plan)
            user = actors[actor]
            res_model, res_id = self.share_targets()[target]
            vals = {
                "res_model": res_model,
                "res_id": odd_id if odd_id is not None else res_id,
                "sharing_level": level,
                "reason": reason,
            }
            if basis:
                vals["legal_basis_id"] = {
                    "basis": self.basis.id,
                    "basis_b": self.basis_b.id,
                    "missing": 987654,
                }[basis]
            if users:
                known = self.share_users()
                vals["user_ids"] = [
                    Command.set([known[key].id if key in known else 987654 for key in users])
                ]
            if domain:
                vals["domain_id"] = {
                    "soc": self.dom_soc.id,
                    "vei": self.dom_vei.id,
                    "om": self.dom_om.id,
                    "missing": 987654,
                }[domain]
            Record = self.env.get(res_model.replace("\x00", ""))
            record = Record.browse(vals["res_id"]).exists() if Record is not None else None
            before = {
                key: (record.with_user(u)._filtered_access("read") if record else None)
                for key, u in self.share_users().items()
            }
            wizard = self.as_user(user, "don.share.wizard").create(vals)
            wizard.action_apply()
            # Applied: only DON professionals of the record's municipality
            # were added, the reason is in the chatter without NUL bytes, and
            # the guests still read only the items they attended.
            record.invalidate_recordset()
            for key, other in self.share_users().items():
                if record.with_user(other)._filtered_access("read") and not before[key]:
                    self.assertTrue(
                        other.has_group("don_core.group_don_professional"),
                        f"shared with {key}, who has no DON rights",
                    )
                    self.assertIn(record.company_id, other.company_ids)
            self.assertLessEqual(record.user_ids.company_ids & record.company_id, record.company_id)
            body = record.message_ids[:1].body or ""
            self.assertNotIn("\x00", body)
            self.assert_guests_see_only_their_items(attended)

        self.rolled_back(example)

    # Named cases found by the property above.
    def test_share_wizard_record_that_no_longer_exists(self):
        wizard = self.as_user(self.kt_soc, "don.share.wizard").create(
            {
                "res_model": "don.case.note",
                "res_id": 987654,
                "sharing_level": "kernteam",
                "legal_basis_id": self.basis.id,
                "reason": "Overleg",
            }
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_apply()
        self.assert_dutch(caught.exception)

    def test_share_wizard_reason_with_nul_bytes(self):
        wizard = self.as_user(self.kt_soc, "don.share.wizard").create(
            {
                "res_model": "don.case.note",
                "res_id": self.note_soc.id,
                "sharing_level": "kernteam",
                "legal_basis_id": self.basis.id,
                "reason": "Over\x00leg met\x00 de wijkagent",
            }
        )
        wizard.action_apply()
        self.assertEqual(self.note_soc.sharing_level, "kernteam")
        self.assertIn("Overleg met de wijkagent", self.note_soc.message_ids[0].body)

    def test_share_wizard_refuses_persons_outside_don_or_the_municipality(self):
        for other in (self.plain, self.prof_b, self.kt_b):
            with self.subTest(user=other.login):
                wizard = self.as_user(self.kt_soc, "don.share.wizard").create(
                    {
                        "res_model": "don.case.note",
                        "res_id": self.note_soc.id,
                        "sharing_level": "domain",
                        "legal_basis_id": self.basis.id,
                        "user_ids": [Command.set(other.ids)],
                        "reason": "Overleg",
                    }
                )
                with self.assertRaises(ValidationError) as caught:
                    wizard.action_apply()
                self.assert_dutch(caught.exception)
                self.assertNotIn(other, self.note_soc.user_ids)

    def test_share_wizard_refuses_a_domain_or_basis_of_another_municipality(self):
        wizard = self.as_user(self.kt_soc, "don.share.wizard").create(
            {
                "res_model": "don.case.note",
                "res_id": self.note_soc.id,
                "sharing_level": "kernteam",
                "legal_basis_id": self.basis_b.id,
                "reason": "Overleg",
            }
        )
        with self.assertRaises(ValidationError) as caught:
            wizard.action_apply()
        self.assert_dutch(caught.exception)
        self.assertEqual(self.note_soc.sharing_level, "domain")

    def test_share_wizard_unknown_sharing_level(self):
        exc = self.rolled_back(
            lambda: self.as_user(self.kt_soc, "don.share.wizard").create(
                {
                    "res_model": "don.case.note",
                    "res_id": self.note_soc.id,
                    "sharing_level": "openbaar",
                    "reason": "Overleg",
                }
            )
        )
        self.assertIsInstance(exc, ValidationError)

    # ------------------------------------------------------------------
    # Guests, items and the extract
    # ------------------------------------------------------------------
    @SETTINGS
    @given(
        plan=GUEST_PLANS,
        names=st.lists(TEXT, min_size=4, max_size=4),
        pick=st.lists(st.integers(min_value=0, max_value=20), max_size=4),
        extra_ids=st.lists(ODD_IDS, max_size=2),
        reader=st.sampled_from(["pl", "guest", "prof_vei", "kt_soc"]),
    )
    def test_extract_holds_only_attended_items(self, plan, names, pick, extra_ids, reader):
        readers = {
            "pl": self.pl,
            "guest": self.guest_user,
            "prof_vei": self.prof_vei,
            "kt_soc": self.kt_soc,
        }

        def example():
            # Odd text in the items, as typed in meeting mode.
            for item, name in zip(self.items, names, strict=True):
                item.with_user(self.pl).write(
                    {"discussion": name + " besproken", "decision": name or "besluit"}
                )
            attended = self.invite(plan)
            self.assert_guests_see_only_their_items(attended)
            guests = self.meeting.item_guest_ids
            # Whatever guest lines the client asks the extract for.
            ids = [guests[i % len(guests)].id for i in pick if guests] + list(extra_ids)
            user = readers[reader]
            html, _fmt = (
                self.env["ir.actions.report"]
                .with_user(user)
                .with_context(lang="nl_NL")
                ._render_qweb_html("don_core.action_report_don_meeting_extract", ids)
            )
            html = html.decode()
            shown = guests.browse([i for i in ids if i > 0]).exists()
            partner = shown.filtered("confirmed_date").partner_id[:1]
            for index, item in enumerate(self.items):
                if item.id not in attended.get(partner, set()):
                    self.assertNotIn(f"ONDERWERP-{index}", html)
                    self.assertNotIn(f"BESLUIT-{index}", html)

        self.rolled_back(example)

    def test_extract_of_two_guests_at_once_is_refused(self):
        self.invite([(0, 0, True), (1, 1, True)])
        guests = self.meeting.item_guest_ids
        with self.assertRaises(UserError) as caught:
            self.env["ir.actions.report"].with_user(self.pl).with_context(
                lang="nl_NL"
            )._render_qweb_html("don_core.action_report_don_meeting_extract", guests.ids)
        self.assert_dutch(caught.exception)

    @SETTINGS
    @given(
        plan=GUEST_PLANS,
    )
    def test_sent_extracts_hold_only_attended_items(self, plan):
        def example():
            attended = self.invite(plan)
            meeting = self.meeting.with_user(self.pl).with_context(lang="nl_NL")
            meeting.action_mark_held()
            meeting.action_approve_minutes()
            for partner in self.shell_partners:
                if partner not in attended:
                    continue
                guests = meeting.item_guest_ids.filtered(
                    lambda g, p=partner: g.partner_id == p and g.confirmed_date
                )
                reader = guests.user_id[:1] or self.pl
                html, _fmt = (
                    self.env["ir.actions.report"]
                    .with_user(reader)
                    ._render_qweb_html("don_core.action_report_don_meeting_extract", guests.ids)
                )
                html = html.decode()
                for index, item in enumerate(self.items):
                    if item.id not in attended[partner]:
                        self.assertNotIn(f"BESLUIT-{index}", html)
            meeting.action_send_extracts()

        self.rolled_back(example)

    def test_extract_leaves_out_a_case_item_the_guest_may_not_see(self):
        # Found by the property above: the guest confirmed for the item of a
        # case they may not see made every extract fail with an AccessError.
        attended = self.invite([(0, 3, True), (0, 0, True)])
        self.assertEqual(attended[self.guest_user.partner_id], {self.items[0].id, self.items[3].id})
        guests = self.meeting.item_guest_ids
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.guest_user)
            ._render_qweb_html("don_core.action_report_don_meeting_extract", guests.ids)
        )
        html = html.decode()
        self.assertIn("BESLUIT-0", html)
        self.assertNotIn("BESLUIT-3", html)
        self.assertNotIn("ONDERWERP-3", html)

    def test_item_text_with_nul_bytes(self):
        item = self.items[0].with_user(self.pl)
        item.write({"discussion": "Be\x00sproken", "decision": "Be\x00sluit", "name": "On\x00d"})
        self.assertEqual(
            (item.name, item.discussion, item.decision), ("Ond", "Besproken", "Besluit")
        )
        self.meeting.with_user(self.pl).write({"mode_item_id": item.id})
        self.meeting.with_user(self.pl).mode_decision = "Nieuw\x00 besluit"
        self.assertEqual(item.decision, "Nieuw besluit")

    # ------------------------------------------------------------------
    # The approve and replan wizards with records the user may not see
    # ------------------------------------------------------------------
    @SETTINGS
    @given(
        target=st.one_of(st.sampled_from(["own", "other_company"]), ODD_IDS),
        actor=st.sampled_from(["pl", "kt_soc", "kt_b"]),
        held=st.booleans(),
    )
    def test_approve_wizard_generated_input(self, target, actor, held):
        actors = {"pl": self.pl, "kt_soc": self.kt_soc, "kt_b": self.kt_b}

        def example():
            if held:
                self.meeting.state = "held"
            meeting_id = {"own": self.meeting.id, "other_company": self.meeting_b.id}.get(
                target, target
            )
            wizard = self.as_user(actors[actor], "don.meeting.approve.wizard").create(
                {"meeting_id": meeting_id}
            )
            wizard.action_confirm()
            # Approved: only the project leader, only their own held meeting.
            self.assertEqual(actor, "pl")
            self.assertEqual(target, "own")
            self.assertEqual(self.meeting.state, "approved")

        self.rolled_back(example)
        self.assertEqual(self.meeting_b.state, "held")

    @SETTINGS
    @given(
        team=st.one_of(st.sampled_from(["own", "other_company"]), ODD_IDS),
        meetings=st.lists(st.sampled_from(["own", "other_company", "missing"]), max_size=3),
        plan_new=st.booleans(),
    )
    def test_replan_wizard_generated_input(self, team, meetings, plan_new):
        def example():
            team_id = {"own": self.team.id, "other_company": self.team_b.id}.get(team, team)
            known = {"own": self.meeting.id, "other_company": self.meeting_b.id}
            wizard = self.as_user(self.pl, "don.kernteam.replan.wizard").create(
                {
                    "kernteam_id": team_id,
                    "meeting_ids": [Command.set([known.get(m, 987654) for m in meetings])],
                    "plan_new": plan_new,
                }
            )
            wizard.action_confirm()
            self.assertEqual(self.meeting_b.state, "held")
            self.assertFalse(
                self.env["don.meeting"].search_count(
                    [("kernteam_id", "=", self.team_b.id), ("state", "=", "planned")]
                ),
                "nothing planned for another municipality",
            )

        self.rolled_back(example)
        self.assertEqual(self.meeting_b.state, "held")
