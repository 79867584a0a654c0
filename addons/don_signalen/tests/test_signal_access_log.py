# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SignalLogCommon


@tagged("post_install", "-at_install", "don_privacy")
class TestSignalAccessLog(SignalLogCommon):
    """Opening a signal (names and free text) is a consultation."""

    def test_signal_form_logs_once_with_its_young_person(self):
        self.sig_soc.with_user(self.kt_soc).web_read({"name": {}, "description": {}})
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.res_model, log.res_id, log.action), ("don.signal", self.sig_soc.id, "open")
        )
        self.assertEqual(log.youth_id, self.youth_b)
        # The handler is involved.
        self.assertEqual(log.purpose, "involved")

    def test_signal_list_logs_once(self):
        result = (
            self.env["don.signal"]
            .with_user(self.kt_soc)
            .web_search_read([], {"name": {}, "youth_ids": {}})
        )
        log = self.new_logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.record_count, result["length"])

    def test_no_access_no_log(self):
        with self.assertRaises(AccessError):
            self.sig_pol.with_user(self.prof_vei).web_read({"name": {}})
        self.env["don.signal"].with_user(self.prof_vei).web_search_read(
            [("id", "=", self.sig_pol.id)], {"name": {}}
        )
        self.assertFalse(self.new_logs())
