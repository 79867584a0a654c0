# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import SignalTestCommon

SPEC = {"display_name": {}, "timeline_html": {}}


@tagged("post_install", "-at_install", "don_security")
class TestSignalTimeline(SignalTestCommon):
    def timeline(self, user, record):
        self.env.invalidate_all()
        return record.with_user(user).web_read(SPEC)[0]["timeline_html"]

    def test_signals_on_the_timeline_of_the_young_person(self):
        # A police signal about Noah at domain level: the police see it, the
        # social domain does not.
        self.sig_pol.youth_ids = [Command.set(self.youth_a.ids)]
        html = self.timeline(self.kt_soc, self.youth_a)
        self.assertIn("Zorg: signaal op casus A", html)
        self.assertNotIn("Politie: jongen bij dealpand", html)
        self.assertNotIn("Moeder maakt zich zorgen", html, "the summary, never the description")
        html = self.timeline(self.kt_pol, self.youth_a)
        self.assertIn("Politie: jongen bij dealpand", html)
        self.assertNotIn("POLITIE-SIGNAAL", html)

    def test_signal_on_a_case_the_reader_may_not_see(self):
        """The reporter of a signal on another case of the young person, one
        they do not see, gets their signal without that case's number."""
        other = self.env["don.case"].create({"youth_id": self.youth_a.id})
        self.sig_soc.write({"youth_ids": [Command.set(self.youth_a.ids)], "case_id": other.id})
        html = self.timeline(self.prof_soc, self.youth_a)
        self.assertIn("School: verzuim", html)
        self.assertNotIn(other.reference, html)
        self.assertIn(self.case_a.reference, html)

    def test_case_timeline_has_the_case_signals(self):
        html = self.timeline(self.kt_soc, self.case_a)
        self.assertIn("Zorg: signaal op casus A", html)
        self.assertNotIn("School: verzuim", html)
