# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .don_retention_policy import RETENTION_RECORD_TYPES

_logger = logging.getLogger(__name__)


class DonRetentionReview(models.Model):
    """One record whose retention period has passed, on the review list of
    the privacy officer. Nothing is removed before the privacy officer
    approved it or its grace period ended. The state per proposal makes the
    job resumable: an interrupted run leaves the unfinished proposals
    approved, and the next run carries them out (every step is idempotent).

    No name is stored here: the register number identifies the record for
    the privacy officer and survives the anonymisation.
    """

    _name = "don.retention.review"
    _inherit = ["mail.thread", "mail.activity.mixin", "don.strong.login.mixin"]
    _description = "DON retention proposal"
    _order = "state_sequence, retention_date, id"

    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, readonly=True, index=True
    )
    policy_id = fields.Many2one(
        "don.retention.policy", string="Retention period", readonly=True, ondelete="set null"
    )
    record_type = fields.Selection(RETENTION_RECORD_TYPES, required=True, readonly=True)
    action = fields.Selection(
        [("anonymise", "Anonymise"), ("delete", "Delete")], required=True, tracking=True
    )
    case_id = fields.Many2one("don.case", readonly=True, ondelete="set null")
    youth_id = fields.Many2one(
        "don.youth", string="Young person", readonly=True, ondelete="set null"
    )
    subject_ref = fields.Char(string="Number", required=True, readonly=True, index=True)
    date_closed = fields.Date(string="Closed on", readonly=True)
    retention_date = fields.Date(string="Retention ends", required=True, readonly=True)
    due_date = fields.Date(
        string="Carried out without decision on",
        readonly=True,
        help="End of the grace period: the proposal is carried out on this date unless "
        "the privacy officer rejected it.",
    )
    state = fields.Selection(
        [
            ("to_review", "To review"),
            ("approved", "Approved"),
            ("rejected", "Kept"),
            ("done", "Carried out"),
            ("cancelled", "No longer due"),
        ],
        required=True,
        default="to_review",
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    hold_until = fields.Date(
        string="Keep until",
        tracking=True,
        help="A kept record is proposed again after this date.",
    )
    decision_note = fields.Text(string="Reason", tracking=True)
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_on = fields.Datetime(string="Decided on", readonly=True)
    done_on = fields.Datetime(string="Carried out on", readonly=True)
    last_error = fields.Text(string="Last error", readonly=True)

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"to_review": 1, "approved": 2, "rejected": 3, "done": 4, "cancelled": 5}
        for review in self:
            review.state_sequence = order.get(review.state, 9)

    @api.depends("subject_ref", "record_type")
    def _compute_display_name(self):
        for review in self:
            review.display_name = review.subject_ref

    # ------------------------------------------------------------------
    # Decisions of the privacy officer
    # ------------------------------------------------------------------
    def _check_privacy_officer(self):
        self.env["res.users"]._don_check_2fa()
        if not self.env.su and not self.env.user.has_group("don_core.group_don_privacy"):
            raise AccessError(_("Only the privacy officer decides on retention proposals."))
        self.check_access("write")

    def action_approve(self):
        self._check_privacy_officer()
        open_reviews = self.filtered(lambda r: r.state in ("to_review", "rejected"))
        open_reviews.write(
            {
                "state": "approved",
                "decided_by_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
            }
        )

    def action_reject(self):
        self._check_privacy_officer()
        for review in self:
            if review.state not in ("to_review", "approved"):
                continue
            if not review.decision_note:
                raise UserError(
                    _(
                        "Give the reason for keeping %(ref)s longer (e.g. an ongoing legal "
                        "procedure) before rejecting the proposal.",
                        ref=review.subject_ref,
                    )
                )
            review.write(
                {
                    "state": "rejected",
                    "hold_until": review.hold_until
                    or fields.Date.context_today(self) + timedelta(days=365),
                    "decided_by_id": self.env.uid,
                    "decided_on": fields.Datetime.now(),
                }
            )

    def action_execute_now(self):
        """Carry out approved proposals now instead of waiting for the job."""
        self._check_privacy_officer()
        # sudo: the privacy officer's rights were checked just above; the
        # engine needs every record of the young person, whoever may see it.
        self.sudo().filtered(lambda r: r.state == "approved")._process(commit=False)

    # ------------------------------------------------------------------
    # The daily job
    # ------------------------------------------------------------------
    @api.model
    def _cron_retention(self, commit=True, batch_size=50):
        """Daily: list what passed its retention date, then carry out what
        was approved or whose grace period ended, in batches with a commit
        after each proposal (when run by the scheduler)."""
        commit = commit and not getattr(threading.current_thread(), "testing", False)
        self = self.sudo()
        self._propose_due()
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                "|",
                ("state", "=", "approved"),
                "&",
                ("state", "=", "to_review"),
                ("due_date", "<=", today),
            ],
            order="id",
            limit=batch_size + 1,
        )
        todo[:batch_size]._process(commit=commit)
        if len(todo) > batch_size and commit:
            self.env.ref("don_core.ir_cron_don_retention")._trigger()
        if commit:
            # Files of deleted attachments leave the filestore now.
            self.env["ir.attachment"]._gc_file_store()

    @api.model
    def _propose_due(self):
        today = fields.Date.context_today(self)
        Policy = self.env["don.retention.policy"].sudo()
        busy = self.search(
            [
                "|",
                ("state", "in", ("to_review", "approved")),
                "&",
                ("state", "=", "rejected"),
                ("hold_until", ">", today),
            ]
        )
        busy_cases, busy_youths = set(busy.case_id.ids), set(busy.youth_id.ids)
        vals_list = []
        for policy in Policy.search([("company_id", "!=", False)]):
            grace = today + timedelta(days=policy.grace_days) if policy.grace_days else False
            base = {
                "company_id": policy.company_id.id,
                "policy_id": policy.id,
                "record_type": policy.record_type,
                "action": policy.action,
                "due_date": grace,
            }
            if policy.record_type == "case":
                cases = (
                    self.env["don.case"]
                    .sudo()
                    .with_context(active_test=False)
                    .search(
                        [
                            ("company_id", "=", policy.company_id.id),
                            ("stage", "=", "afgesloten"),
                            ("retention_date", "<=", today),
                            ("privacy_state", "=", False),
                        ]
                    )
                )
                for case in cases.filtered(lambda c: c.id not in busy_cases):
                    vals_list.append(
                        dict(
                            base,
                            case_id=case.id,
                            youth_id=case.youth_id.id,
                            subject_ref=case.reference,
                            date_closed=case.date_closed,
                            retention_date=case.retention_date,
                        )
                    )
            elif policy.record_type == "youth":
                limit_date = today - policy._delta()
                youths = (
                    self.env["don.youth"]
                    .sudo()
                    .with_context(active_test=False)
                    .search(
                        [
                            ("company_id", "=", policy.company_id.id),
                            ("case_ids", "=", False),
                            ("privacy_state", "=", False),
                            ("create_date", "<", fields.Datetime.to_datetime(limit_date)),
                        ]
                    )
                )
                for youth in youths.filtered(lambda y: y.id not in busy_youths):
                    vals_list.append(
                        dict(
                            base,
                            youth_id=youth.id,
                            subject_ref=youth.reference,
                            retention_date=youth.create_date.date() + policy._delta(),
                        )
                    )
        reviews = self.create(vals_list)
        if reviews:
            reviews._notify_privacy_officers()
        return reviews

    def _notify_privacy_officers(self):
        group = self.env.ref("don_core.group_don_privacy")
        for company in self.company_id:
            officers = group.users.filtered(lambda u, c=company: c in u.company_ids)
            first = self.filtered(lambda r, c=company: r.company_id == c)[:1]
            for officer in officers:
                first.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=officer.id,
                    summary=_("Retention proposals to review"),
                    note=_(
                        "%(count)s records passed their retention period. Review the list "
                        "under DON > Privacy > Retention proposals.",
                        count=len(self.filtered(lambda r, c=company: r.company_id == c)),
                    ),
                )

    def _still_due(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.record_type == "case":
            case = self.case_id.with_context(active_test=False)
            return bool(
                case.exists()
                and case.stage == "afgesloten"
                and case.retention_date
                and case.retention_date <= today
                and not case.privacy_state
            )
        if self.record_type == "youth":
            youth = self.youth_id.with_context(active_test=False)
            return bool(youth.exists() and not youth.case_ids and not youth.privacy_state)
        return False

    def _process(self, commit=False):
        """Carry out these proposals, one by one in a savepoint: a failure
        leaves that proposal approved (with the error) for the next run and
        undoes its half-done changes; with ``commit`` each finished proposal
        is committed, so a killed job resumes where it stopped."""
        Privacy = self.env["don.privacy"]
        for review in self:
            try:
                with self.env.cr.savepoint():
                    if review.state not in ("approved", "to_review"):
                        continue
                    if not review._still_due():
                        review.write({"state": "cancelled", "last_error": False})
                        continue
                    if review.record_type == "case":
                        Privacy._erase_case(review.case_id, review.action)
                    else:
                        Privacy._erase_youth(review.youth_id, review.action)
                    review.write(
                        {"state": "done", "done_on": fields.Datetime.now(), "last_error": False}
                    )
            except Exception as error:  # pylint: disable=broad-except
                _logger.exception("Retention proposal %s failed", review.subject_ref)
                review.write({"last_error": str(error)})
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
