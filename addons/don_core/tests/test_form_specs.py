# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a client may send to web_read on a secured record: DON's form path
(a tab's lines searched with their columns, user tags named like a
many2one) answers what Odoo's own web_read answers, or refuses the same way."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.addons.web.models.models import Base as WebBase
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools.internal import INTERNAL
from .common import DonTestCommon

# Sub-specifications a client can send for one field, odd ones included.
SUB_SPECS = st.one_of(
    st.none(),
    st.just([]),
    st.just(False),
    st.just({}),
    st.just("name"),
    st.fixed_dictionaries(
        {},
        optional={
            "fields": st.one_of(
                st.none(),
                st.just("name"),
                st.just({}),
                st.just({"display_name": {}}),
                st.just({"name": {}, "date": {}}),
                st.just({"name": {}, "no_such_field": {}}),
            ),
            "context": st.one_of(st.none(), st.just({}), st.just({"active_test": False})),
            "limit": st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
            "order": st.one_of(st.just(""), st.just("id desc")),
        },
    ),
)
FIELDS = st.sampled_from(["note_ids", "involved_user_ids", "factor_ids", "youth_id", "reference"])


def outcome(cr, call):
    """("ok", result) or ("error", exception class): compared between the
    two paths (a savepoint, so that an error leaves the transaction usable)."""
    try:
        with cr.savepoint():
            return ("ok", call())
    except Exception as error:
        return ("error", type(error).__name__)


@tagged("post_install", "-at_install", "don_security")
class TestFormSpecs(DonTestCommon):
    def odoo_web_read(self, records, specification):
        """Odoo's own web_read (web module), without DON's form path."""
        records = records.with_context(don_no_access_log=INTERNAL)
        return WebBase.web_read(records, specification)

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(spec=st.dictionaries(FIELDS, SUB_SPECS, min_size=1, max_size=4))
    def test_any_specification_answers_as_odoo(self, spec):
        self.case_a.involved_user_ids = [Command.set((self.prof_soc | self.kt_soc).ids)]
        for user in (self.kt_soc, self.kt_pol, self.prof_soc):
            case = self.case_a.with_user(user)
            self.env.invalidate_all()
            got = outcome(self.env.cr, lambda case=case: case.web_read(spec))
            self.env.invalidate_all()
            expected = outcome(self.env.cr, lambda case=case: self.odoo_web_read(case, spec))
            self.assertEqual(got, expected, f"{user.login}: {spec}")

    def test_odd_sub_specifications_are_not_a_server_error(self):
        """Found by the review of the form path: a one2many or a user tag
        field asked with null, [] or false gave AttributeError (HTTP 500)
        where Odoo answers with the ids."""
        case = self.case_a.with_user(self.kt_soc)
        for value in (None, [], False):
            for fname in ("note_ids", "involved_user_ids"):
                self.env.invalidate_all()
                got = case.web_read({fname: value})[0][fname]
                self.assertEqual(got, case[fname].ids, f"{fname}: {value!r}")

    def test_saved_user_tags_are_named_only_through_the_rules(self):
        """Found by the review of the form path: web_save reads the record
        back with the users just written in memory, not read through the
        rules of res.users. Their names are not read with sudo then: a user
        of another municipality's portal stays refused, as in Odoo, whatever
        context the client sends (active_test=False skips the active check
        that refused it otherwise)."""
        portal = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Portaalpersoon Elders",
                    "login": "t_portal_b",
                    "company_id": self.company_b.id,
                    "company_ids": [Command.set(self.company_b.ids)],
                    "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )
        portal.partner_id.company_id = self.company_b
        project = self.env["project.project"].create(
            {"name": "DON Opslaan", "is_don_project": True, "company_id": self.company_a.id}
        )
        team = self.env["don.kernteam"].create(
            {
                "name": "Kernteam Opslaan",
                "company_id": self.company_a.id,
                "project_id": project.id,
                "member_ids": [Command.create({"user_id": self.pl.id, "role": "projectleider"})],
            }
        )
        meeting = self.env["don.meeting"].create(
            {"kernteam_id": team.id, "date": fields.Datetime.now() + timedelta(days=2)}
        )
        Users = self.env["res.users"].with_user(self.pl).with_context(active_test=False)
        self.assertFalse(Users.search([("id", "=", portal.id)]), "not readable for the writer")
        spec = {"absentee_ids": {"fields": {"display_name": {}}}}
        for context in ({}, {"active_test": False}):
            record = meeting.with_user(self.pl).with_context(**context)
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                record.web_save({"absentee_ids": [Command.link(portal.id)]}, spec)
