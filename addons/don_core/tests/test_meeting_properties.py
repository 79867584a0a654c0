# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property tests of the meeting wizards with generated input: whatever the
cadence change and the meetings on record, the replan wizard leaves only
meetings that fit and touches nothing else; whatever the outcomes of the
items, approving lists exactly the undecided ones and carries the postponed
ones over."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.tests import tagged

from .common import DonTestCommon

CADENCES = st.sampled_from(["weekly", "biweekly"])
WEEKDAYS = st.sampled_from([str(day) for day in range(5)])  # Monday to Friday
HOURS = st.integers(min_value=0, max_value=95).map(lambda quarter: quarter / 4)
# Offsets of planned meetings from now, in hours (some on the rhythm after
# planning, some typed by hand at any time).
OFFSETS = st.lists(st.integers(min_value=1, max_value=24 * 70), max_size=6)
STATES = st.lists(
    st.sampled_from(["open", "decided", "on_hold", "postponed"]), min_size=1, max_size=6
)


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install", "don_kernteam")
class TestMeetingWizardProperties(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Amsterdam"
        cls.pl.tz = "Europe/Amsterdam"

    def rolled_back(self, func):
        """Run one generated example and undo it."""
        try:
            with self.env.cr.savepoint():
                func()
                raise _Rollback()
        except _Rollback:
            return
        finally:
            self.env.invalidate_all()

    def team(self, cadence, weekday, hour):
        return self.env["don.kernteam"].create(
            {
                "name": "Kernteam Eigenschap",
                "company_id": self.company_a.id,
                "cadence": cadence,
                "weekday": weekday,
                "meeting_hour": hour,
                "member_ids": [Command.create({"user_id": self.pl.id, "role": "projectleider"})],
            }
        )

    @settings(
        max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        before=st.tuples(CADENCES, WEEKDAYS, HOURS),
        after=st.tuples(CADENCES, WEEKDAYS, HOURS),
        offsets=OFFSETS,
        plan_new=st.booleans(),
    )
    def test_replan_leaves_only_fitting_meetings(self, before, after, offsets, plan_new):
        def example():
            team = self.team(*before)
            other = self.team(*before)
            team.action_plan_meetings(count=4)
            other.action_plan_meetings(count=2)
            now = fields.Datetime.now()
            Meeting = self.env["don.meeting"]
            for hours in offsets:
                Meeting.create({"kernteam_id": team.id, "date": now + timedelta(hours=hours)})
            held = Meeting.create({"kernteam_id": team.id, "date": now - timedelta(days=3)})
            held.state = "held"
            planned_before = team.meeting_ids.filtered(lambda m: m.state == "planned")
            team.write(dict(zip(("cadence", "weekday", "meeting_hour"), after, strict=True)))
            team.invalidate_recordset()
            misfits = team.misfit_meeting_ids
            self.assertLessEqual(misfits, planned_before)
            wizard = (
                self.env["don.kernteam.replan.wizard"]
                .with_user(self.pl)
                .browse(team.with_user(self.pl).action_open_replan_wizard()["res_id"])
            )
            self.assertEqual(wizard.meeting_ids, misfits)
            # What the client may add to the list: another team's meeting,
            # a held one. Neither is cancelled.
            wizard.meeting_ids |= other.meeting_ids[:1] | held
            wizard.plan_new = plan_new
            wizard.action_confirm()
            self.assertEqual(set(misfits.mapped("state")), {"cancelled"} if misfits else set())
            self.assertEqual(held.state, "held")
            self.assertEqual(set(other.meeting_ids.mapped("state")), {"planned"})
            kept = planned_before - misfits
            self.assertEqual(set(kept.mapped("state")), {"planned"} if kept else set())
            team.invalidate_recordset()
            self.assertFalse(team.misfit_meeting_ids, "every planned meeting fits")
            if plan_new:
                planned = team.meeting_ids.filtered(
                    lambda m: m.state == "planned" and m.date > fields.Datetime.now()
                )
                self.assertTrue(planned, "new meetings are planned on the new rhythm")

        self.rolled_back(example)

    @settings(
        max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(states=STATES)
    def test_approval_lists_the_undecided_and_carries_the_postponed(self, states):
        def example():
            team = self.team("weekly", "1", 9.0)
            now = fields.Datetime.now()
            Meeting = self.env["don.meeting"]
            meeting = Meeting.create({"kernteam_id": team.id, "date": now - timedelta(hours=2)})
            following = Meeting.create({"kernteam_id": team.id, "date": now + timedelta(days=7)})
            items = self.env["don.agenda.item"].create(
                [
                    {
                        "meeting_id": meeting.id,
                        "kind": "general",
                        "name": f"Onderwerp {index}",
                        "state": state,
                        "decision": "Besluit" if state == "decided" else False,
                    }
                    for index, state in enumerate(states)
                ]
            )
            meeting.action_mark_held()
            Wizard = self.env["don.meeting.approve.wizard"].with_user(self.pl)
            wizard = Wizard.create({"meeting_id": meeting.id})
            self.assertEqual(wizard.undecided_item_ids, items.filtered(lambda i: i.state == "open"))
            wizard.action_confirm()
            self.assertEqual(meeting.state, "approved")
            postponed = items.filtered(lambda i: i.state == "postponed")
            carried = following.agenda_item_ids
            self.assertEqual(carried.origin_item_id, postponed)
            self.assertEqual(len(carried), len(postponed), "each postponed item once")

        self.rolled_back(example)
