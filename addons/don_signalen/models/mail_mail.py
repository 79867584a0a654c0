# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Feedback mail to reporters that fails is retried, and the signal shows
that the reporter was not reached."""

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

# Waits before the 1st, 2nd and 3rd retry of a failed feedback mail; after
# the last retry fails the handler reaches the reporter another way.
RETRY_DELAYS = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4))
# Failures a retry does not mend: the address itself is wrong.
FINAL_FAILURES = {"mail_email_invalid", "mail_email_missing"}


class MailMail(models.Model):
    _inherit = "mail.mail"

    don_feedback = fields.Boolean(
        string="DON feedback to a reporter", readonly=True, copy=False, index="btree_not_null"
    )
    don_retry_count = fields.Integer(string="Feedback retries", readonly=True, copy=False)
    don_retry_date = fields.Datetime(
        string="Next feedback retry", readonly=True, copy=False, index="btree_not_null"
    )

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        # Before super(): an auto_delete mail is gone after it.
        feedback = self.filtered(lambda m: m.don_feedback and m.model == "don.signal" and m.res_id)
        if feedback:
            feedback._don_feedback_postprocess(failure_type)
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )

    def _don_feedback_postprocess(self, failure_type):
        """Record on the signals whether their reporter was reached, and plan
        the next retry of the feedback mails that failed."""
        # sudo: delivery status of a mail the system sent for the signal; the
        # sender of the mail queue need not see the signal.
        Signal = self.env["don.signal"].sudo()
        sent = self.filtered(lambda m: m.state == "sent")
        failed = self.filtered(lambda m: m.state == "exception")
        reached = Signal.browse(set(sent.mapped("res_id"))).exists()
        reached = reached.filtered("feedback_not_reached")
        reached.write({"feedback_not_reached": False, "feedback_failure": False})
        if not failed:
            return
        now = fields.Datetime.now()
        given_up = failed.filtered(
            lambda m: failure_type in FINAL_FAILURES or m.don_retry_count >= len(RETRY_DELAYS)
        )
        given_up.write({"don_retry_date": False})
        retry_by_count = defaultdict(lambda: self.browse())
        for mail in failed - given_up:
            retry_by_count[mail.don_retry_count] |= mail
        for count, mails in retry_by_count.items():
            mails.write({"don_retry_date": now + RETRY_DELAYS[count]})
        by_reason = defaultdict(set)
        for mail in failed:
            by_reason[(mail.failure_reason or failure_type or "")[:200]].add(mail.res_id)
        for reason, signal_ids in by_reason.items():
            Signal.browse(signal_ids).exists().write(
                {"feedback_not_reached": True, "feedback_failure": reason or _("Unknown error")}
            )
        if given_up:
            Signal.browse(set(given_up.mapped("res_id"))).exists()._don_feedback_given_up()

    @api.model
    def _cron_don_retry_feedback(self, limit=100):
        """Every 15 minutes: send again the feedback mails whose retry is due."""
        mails = self.search(
            [
                ("don_feedback", "=", True),
                ("state", "=", "exception"),
                ("don_retry_date", "<=", fields.Datetime.now()),
                ("don_retry_count", "<", len(RETRY_DELAYS)),
            ],
            limit=limit,
        )
        by_count = defaultdict(lambda: self.browse())
        for mail in mails:
            by_count[mail.don_retry_count] |= mail
        for count, batch in by_count.items():
            batch.write({"don_retry_count": count + 1})
        mails.write({"state": "outgoing", "don_retry_date": False})
        if mails:
            _logger.info("Retrying %s feedback mails to reporters", len(mails))
            mails.send()
        return len(mails)
