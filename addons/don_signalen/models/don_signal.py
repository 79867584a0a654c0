# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models, tools
from odoo.addons.don_core.models.don_shared_mixin import DonSharedMixin
from odoo.exceptions import UserError, ValidationError
from odoo.modules.db import has_trigram
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SIGNAL_STATES = [
    ("new", "New"),
    ("triage", "In triage"),
    ("discussed", "Discussed in Kernteam"),
    ("done", "Handled"),
]
SIGNAL_OUTCOMES = [
    ("linked_case", "Linked to a case"),
    ("new_case", "New case"),
    ("referred", "Referred"),
    ("no_action", "No action"),
]
URGENCIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Acute"),
]
REPORTER_TYPES = [
    ("organisation", "Organisation"),
    ("person", "Person"),
    ("anonymous", "Anonymous"),
]
# Fields of the handling workflow: they change also when the signal hangs on
# a closed case (the case is not changed by them).
WORKFLOW_FIELDS = {
    "state",
    "outcome",
    "outcome_reason",
    "date_done",
    "feedback_deadline",
    "feedback_done_date",
    "feedback_not_reached",
    "feedback_failure",
    "bundle_id",
    "agenda_requested",
    "handler_id",
    "message_main_attachment_id",
}
# Fields that can make a signal part of a match between domains.
MATCH_FIELDS = {"youth_ids", "case_id", "neighbourhood_id", "category_id", "date_received"}
DEFAULT_FEEDBACK_DAYS = 5
# The confirmations of receipt are prepared together, this long after the
# first report of a batch (a burst of reports does not compete with the
# rendering of their e-mails, and one job renders them all).
FEEDBACK_BATCH_SECONDS = 30
DEFAULT_DUPLICATE_DAYS = 30
DEFAULT_TEXT_DAYS = 7
DUPLICATE_LIMIT = 10
SIMILARITY_THRESHOLD = 0.3
# Characters of a mail's text kept in the description; the whole mail is in
# the chatter.
MAIL_DESCRIPTION_LIMIT = 50000
# A bounce marks the reporters whose feedback was given this many days ago
# or is still open.
BOUNCE_DAYS = 7


class DonSignal(models.Model):
    """A signal about one or more young people sliding towards drug crime.

    Secured like the items of a case (don.shared.mixin): visible to whoever
    recorded it, its handler, the persons listed on it, users of its domain
    who are in the Kernteam or involved in its case, and every Kernteam member
    when shared at Kernteam level.
    """

    _name = "don.signal"
    _inherit = ["don.shared.mixin", "mail.activity.mixin"]
    # Every consultation (form, list page, export) is logged.
    _don_log_open = True
    _description = "Signal"
    _order = "date_received desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    _don_access_fields = (
        "company_id",
        "case_id",
        "domain_id",
        "sharing_level",
        "user_ids",
        "author_id",
        "handler_id",
    )
    _don_audience_columns = ("author_id", "handler_id")
    _don_users_relation = ("don_signal_user_rel", "signal_id", "user_id")

    reference = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        index=True,
    )
    date_received = fields.Datetime(
        string="Received on", required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    channel_id = fields.Many2one(
        "don.signal.channel", required=True, ondelete="restrict", index=True
    )
    reporter_type = fields.Selection(
        REPORTER_TYPES, string="Reporter", required=True, default="organisation"
    )
    reporter_partner_id = fields.Many2one(
        "res.partner",
        string="Reporting organisation",
        index=True,
        ondelete="restrict",
        domain="[('is_company', '=', True)]",
    )
    intake_source = fields.Selection(
        [
            ("backend", "Recorded by hand"),
            ("web", "Web form (reporting link)"),
            ("web_anonymous", "Anonymous web form"),
            ("email", "E-mail"),
        ],
        string="Came in through",
        default="backend",
        required=True,
        readonly=True,
        index=True,
    )
    reporter_name = fields.Char(string="Reporter's name")
    reporter_email = fields.Char(string="Reporter's e-mail")
    reporter_phone = fields.Char(string="Reporter's phone")
    feedback_email = fields.Char(
        string="Feedback address",
        compute="_compute_feedback_email",
        help="Where the feedback goes: the reporter's e-mail, else the organisation's.",
    )
    is_anonymous = fields.Boolean(
        string="Anonymous",
        compute="_compute_is_anonymous",
        store=True,
        index=True,
        precompute=True,
    )
    youth_ids = fields.Many2many(
        "don.youth",
        "don_signal_youth_rel",
        "signal_id",
        "youth_id",
        string="Young people concerned",
        domain="[('company_id', '=', company_id)]",
    )
    youth_description = fields.Text(
        string="Description of the young person(s)",
        help="When the young people are not (yet) known in the register.",
    )
    location = fields.Char()
    neighbourhood_id = fields.Many2one("don.neighbourhood", ondelete="restrict", index=True)
    category_id = fields.Many2one("don.signal.category", ondelete="restrict", index=True)
    indicator_ids = fields.Many2many(
        "don.indicator",
        "don_signal_indicator_rel",
        "signal_id",
        "indicator_id",
        string="Indicators",
    )
    name = fields.Char(string="Summary", required=True, tracking=True)
    description = fields.Text(required=True)
    urgency = fields.Selection(URGENCIES, default="0", required=True, tracking=True)
    handler_id = fields.Many2one("res.users", index=True, tracking=True, ondelete="restrict")
    user_ids = fields.Many2many(
        "res.users",
        "don_signal_user_rel",
        "signal_id",
        "user_id",
        string="Explicitly involved",
        help="These persons see this signal whatever its sharing level.",
    )
    case_id = fields.Many2one("don.case", ondelete="set null", index=True, tracking=True)
    state = fields.Selection(
        SIGNAL_STATES,
        required=True,
        default="new",
        tracking=True,
        index=True,
        group_expand="_group_expand_state",
    )
    outcome = fields.Selection(SIGNAL_OUTCOMES, tracking=True, index=True)
    outcome_reason = fields.Text(string="Reason")
    date_done = fields.Date(string="Handled on", tracking=True, index=True)
    bundle_id = fields.Many2one(
        "don.signal",
        string="Bundled into",
        index=True,
        ondelete="set null",
        tracking=True,
        help="The main signal this signal was bundled into.",
    )
    bundled_ids = fields.One2many("don.signal", "bundle_id", string="Bundled signals")
    bundled_count = fields.Integer(compute="_compute_bundled_count")
    feedback_deadline = fields.Date(
        string="Feedback due", index=True, help="Date by which the reporter gets feedback."
    )
    feedback_done_date = fields.Date(
        string="Feedback given on", index=True, help="Date the reporter got the final feedback."
    )
    feedback_overdue = fields.Boolean(
        string="Feedback overdue",
        compute="_compute_feedback_overdue",
        search="_search_feedback_overdue",
    )
    feedback_queued = fields.Datetime(
        string="Confirmation queued",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The confirmation of receipt is being prepared by the mail queue: it leaves "
        "within two minutes of the signal being saved.",
    )
    feedback_not_reached = fields.Boolean(
        string="Reporter not reached",
        readonly=True,
        copy=False,
        index=True,
        help="The last feedback e-mail to the reporter could not be delivered. It is sent "
        "again up to 3 times (after 15 minutes, 1 hour and 4 hours); reach the reporter "
        "another way and mark the feedback as given.",
    )
    feedback_failure = fields.Char(
        string="Why not reached", readonly=True, copy=False, help="The error of the mail server."
    )
    agenda_requested = fields.Boolean(
        string="For the Kernteam agenda",
        tracking=True,
        copy=False,
        help="Proposed for the next Kernteam meeting when its agenda is prepared.",
    )
    duplicate_ids = fields.Many2many(
        "don.signal",
        string="Possible duplicates",
        compute="_compute_duplicate_ids",
        help="Signals you may see that look like this one: the same young person, "
        "the same place and category, or a similar text, received close in time.",
    )
    duplicate_count = fields.Integer(compute="_compute_duplicate_ids")

    # ------------------------------------------------------------------
    # Database
    # ------------------------------------------------------------------
    def init(self):
        super().init()
        # Trigram similarity for the duplicate proposals.
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # pylint: disable=broad-except
            _logger.warning("pg_trgm is not available: duplicate text proposals are disabled")
            return
        for column in ("name", "description"):
            tools.create_index(
                self.env.cr,
                f"don_signal_{column}_trgm_idx",
                self._table,
                [f"{column} gin_trgm_ops"],
                method="gin",
            )
        # Duplicate search within a period per company.
        tools.create_index(
            self.env.cr,
            "don_signal_company_date_idx",
            self._table,
            ["company_id", "date_received"],
        )
        # Counting a restricted user's signals (the list's count limit):
        # the company rule is answered from this index alone and merged with
        # the user's access rows, without reading the table.
        tools.create_index(
            self.env.cr,
            "don_signal_company_id_id_idx",
            self._table,
            ["company_id", "id"],
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _group_expand_state(self, states, domain):
        return [key for key, _label in SIGNAL_STATES]

    @api.depends("reporter_type", "channel_id.is_anonymous")
    def _compute_is_anonymous(self):
        for signal in self:
            signal.is_anonymous = (
                signal.reporter_type == "anonymous" or signal.channel_id.is_anonymous
            )

    @api.depends("reporter_email", "reporter_partner_id.email", "is_anonymous")
    def _compute_feedback_email(self):
        for signal in self:
            if signal.is_anonymous:
                signal.feedback_email = False
            else:
                signal.feedback_email = signal.reporter_email or signal.reporter_partner_id.email

    @api.depends("bundled_ids")
    def _compute_bundled_count(self):
        for signal in self:
            signal.bundled_count = len(signal.bundled_ids)

    @api.depends("feedback_deadline", "feedback_done_date")
    def _compute_feedback_overdue(self):
        today = fields.Date.context_today(self)
        for signal in self:
            signal.feedback_overdue = bool(
                signal.feedback_deadline
                and not signal.feedback_done_date
                and signal.feedback_deadline < today
            )

    def _search_feedback_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Feedback overdue'."))
        domain = [
            ("feedback_deadline", "<", fields.Date.context_today(self)),
            ("feedback_done_date", "=", False),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends_context("uid")
    @api.depends("youth_ids", "neighbourhood_id", "category_id", "location", "description")
    def _compute_duplicate_ids(self):
        for signal in self:
            ids = signal._don_duplicate_candidate_ids() if signal.id else []
            # Only what the user may see: never reveal that an invisible
            # signal exists (the record rules filter the candidates).
            visible = self.search([("id", "in", ids)]) if ids else self.browse()
            signal.duplicate_ids = visible
            signal.duplicate_count = len(visible)

    def _don_duplicate_candidate_ids(self):
        """Ids of likely duplicates of this signal, across all signals of its
        municipality (not yet filtered on what the user may see): the same
        young person, the same neighbourhood or location and category, or a
        similar text, received within the configured period."""
        self.ensure_one()
        # sudo: configuration value, not personal data.
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("don_signalen.duplicate_days", DEFAULT_DUPLICATE_DAYS)
        )
        self.flush_model()
        received = self.date_received or fields.Datetime.now()
        since, until = received - timedelta(days=days), received + timedelta(days=days)
        base = SQL(
            "s.id != %s AND s.company_id = %s AND s.date_received BETWEEN %s AND %s"
            " AND (s.bundle_id IS NULL OR s.bundle_id != %s)",
            self.id,
            self.company_id.id,
            since,
            until,
            self.id,
        )
        parts = []
        if self.youth_ids:
            parts.append(
                SQL(
                    "SELECT s.id, 3 AS score FROM don_signal s"
                    " JOIN don_signal_youth_rel r ON r.signal_id = s.id"
                    " WHERE %s AND r.youth_id IN %s",
                    base,
                    tuple(self.youth_ids.ids),
                )
            )
        if self.category_id and (self.neighbourhood_id or self.location):
            place = []
            if self.neighbourhood_id:
                place.append(SQL("s.neighbourhood_id = %s", self.neighbourhood_id.id))
            if self.location:
                place.append(SQL("lower(s.location) = lower(%s)", self.location))
            parts.append(
                SQL(
                    "SELECT s.id, 2 AS score FROM don_signal s"
                    " WHERE %s AND s.category_id = %s AND (%s)",
                    base,
                    self.category_id.id,
                    SQL(" OR ").join(place),
                )
            )
        if self.description and (self.env.registry.has_trigram or has_trigram(self.env.cr)):
            # Similar text: within a shorter window, compared on the first
            # 200 characters. The window is read first with the btree index
            # (OFFSET 0 keeps the planner from probing the GIN index, whose
            # posting lists of common Dutch trigrams cover nearly every row).
            text_days = min(
                days,
                int(
                    self.env["ir.config_parameter"]
                    .sudo()
                    .get_param("don_signalen.duplicate_text_days", DEFAULT_TEXT_DAYS)
                ),
            )
            parts.append(
                SQL(
                    "SELECT w.id, 1 AS score FROM (SELECT s.id, s.description FROM don_signal s"
                    " WHERE %s AND s.date_received BETWEEN %s AND %s OFFSET 0) w"
                    " WHERE similarity(left(w.description, 200), left(%s, 200)) >= %s",
                    base,
                    received - timedelta(days=text_days),
                    received + timedelta(days=text_days),
                    self.description,
                    SIMILARITY_THRESHOLD,
                )
            )
        if not parts:
            return []
        self.env.cr.execute(
            SQL(
                "SELECT id FROM (%s) c GROUP BY id ORDER BY sum(score) DESC, id DESC LIMIT %s",
                SQL(" UNION ALL ").join(parts),
                DUPLICATE_LIMIT,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.depends("reference")
    def _compute_display_name(self):
        # The number says nothing about the signal's content: shown also to
        # users outside the access relation (activities, bundle links).
        for signal in self:
            signal.display_name = signal.reference

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _don_feedback_deadline(self, start, company=None):
        """The date ``feedback_days`` working days after ``start``, on the
        municipality's working calendar (Monday to Friday without one)."""
        # sudo: configuration value, not personal data.
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("don_signalen.feedback_days", DEFAULT_FEEDBACK_DAYS)
        )
        company = company or self.env.company
        calendar = company.resource_calendar_id
        weekdays = {int(a.dayofweek) for a in calendar.attendance_ids} if calendar else set()
        weekdays = weekdays or {0, 1, 2, 3, 4}
        day = fields.Date.to_date(start)
        while days > 0:
            day += timedelta(days=1)
            if day.weekday() in weekdays:
                days -= 1
        return day

    @api.model_create_multi
    def create(self, vals_list):
        channels = self.env["don.signal.channel"].browse(
            [vals["channel_id"] for vals in vals_list if vals.get("channel_id")]
        )
        anonymous_channels = channels.filtered("is_anonymous").ids
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.signal") or _("New")
            if vals.get("channel_id") in anonymous_channels:
                vals["reporter_type"] = "anonymous"
            if vals.get("reporter_type") == "anonymous":
                # Anonymous: nothing that identifies the reporter is kept.
                vals.update(
                    reporter_partner_id=False,
                    reporter_name=False,
                    reporter_email=False,
                    reporter_phone=False,
                    feedback_deadline=False,
                )
            elif not vals.get("feedback_deadline"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["feedback_deadline"] = self._don_feedback_deadline(
                    vals.get("date_received") or fields.Datetime.now(), company
                )
        signals = super().create(vals_list)
        # Skipping the acknowledgement to the reporter is for data loaded by
        # the system (demo signals, as superuser): a client sending the key
        # over RPC still has the reporter informed.
        if not (self.env.su and self.env.context.get("don_signal_no_feedback")):
            signals._don_queue_feedback()
        self.env["don.match"]._don_detect(signals)
        return signals

    def action_print(self):
        """The signal on paper (don_signalen.report_don_signal), for whoever
        may read it; the report checks the access and logs the print."""
        self.check_access("read")
        return self.env.ref("don_signalen.action_report_don_signal").report_action(self)

    def write(self, vals):
        if vals.get("case_id"):
            case = self.env["don.case"].browse(vals["case_id"])
            case.check_access("read")
            case._check_open_for_contributions()
        if set(vals) <= WORKFLOW_FIELDS:
            # Handling a signal changes nothing on its case: allowed also when
            # the case is closed (the mixin's guard is about contributions).
            # Sharing fields are not in WORKFLOW_FIELDS, so the mixin's
            # sharing guards are not needed here.
            return super(DonSharedMixin, self).write(vals)
        result = super().write(vals)
        if vals.get("case_id"):
            self._don_actions_follow_case()
        if MATCH_FIELDS & set(vals):
            self.env["don.match"]._don_detect(self)
        return result

    def _don_actions_follow_case(self):
        """Kernteam actions decided on these signals' agenda items move to
        the case the signals now belong to."""
        # sudo: the write above proved the user may change these signals and
        # read their case; only the case link of the actions decided on these
        # very signals, still without a case, is set (Kernteam members who
        # handle signals have no rights on project tasks).
        tasks = (
            self.env["project.task"]
            .sudo()
            .search([("don_signal_id", "in", self.ids), ("don_case_id", "=", False)])
        )
        for signal in self:
            mine = tasks.filtered(
                lambda t, s=signal: (
                    t.don_signal_id == s
                    and (
                        not t.don_agenda_item_id.case_id
                        or t.don_agenda_item_id.case_id == s.case_id
                    )
                )
            )
            mine.write({"don_case_id": signal.case_id.id})

    @api.constrains("reporter_type", "reporter_partner_id", "reporter_name")
    def _check_reporter(self):
        for signal in self:
            if (
                signal.reporter_type == "organisation"
                and not signal.reporter_partner_id
                and not signal.reporter_name
            ):
                raise ValidationError(
                    _("Give the reporting organisation or the name of the reporter.")
                )

    @api.constrains("bundle_id")
    def _check_bundle(self):
        for signal in self:
            if signal.bundle_id and (signal.bundle_id == signal or signal.bundled_ids):
                raise ValidationError(
                    _(
                        "Signal %(ref)s cannot be bundled: a signal is bundled into one main "
                        "signal that is not bundled itself.",
                        ref=signal.reference,
                    )
                )
            if signal.bundle_id.bundle_id:
                raise ValidationError(_("Bundle into the main signal, not into a bundled one."))

    # ------------------------------------------------------------------
    # Feedback
    # ------------------------------------------------------------------
    def _don_feedback_recipients(self, bundled=True):
        """This signal and (with ``bundled``) the ones bundled into it that
        get feedback."""
        signals = (self | self.bundled_ids) if bundled else self
        return signals.filtered(lambda s: not s.is_anonymous and s.feedback_email)

    def _don_queue_feedback(self):
        """The confirmation of receipt of new signals is prepared by the mail
        queue's job right after they are saved: a reporter on the web form or
        the mail gateway does not wait while the e-mail is rendered (Odoo sends
        it from its queue in the background anyway), and a failing template
        can never cost the report."""
        # A new signal has no signals bundled into it yet.
        recipients = self._don_feedback_recipients(bundled=False)
        if not recipients:
            return
        # sudo: a flag of the system's own mail job on the signals the caller
        # has just created; it holds no content.
        now = fields.Datetime.now()
        recipients.sudo().with_context(tracking_disable=True).write({"feedback_queued": now})
        # sudo: the system's own job; only its schedule is read and written.
        cron = self.env.ref("don_signalen.ir_cron_signal_feedback_send").sudo()
        # One run for a batch: when a run is already planned far enough
        # ahead to see this report committed, no second one is asked for
        # (the job's interval is the safety net).
        self.env.cr.execute(
            "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s AND call_at > %s LIMIT 1",
            [cron.id, now + timedelta(seconds=5)],
        )
        if not self.env.cr.fetchone():
            cron._trigger(at=now + timedelta(seconds=FEEDBACK_BATCH_SECONDS))

    @api.model
    def _cron_don_send_queued_feedback(self, limit=200):
        """Send the queued confirmations of receipt, oldest first."""
        # sudo: system job; it renders only the reference and status of each
        # signal for its own reporter (see _don_send_feedback).
        signals = self.sudo().search(
            [("feedback_queued", "!=", False)], order="feedback_queued, id", limit=limit
        )
        signals._don_send_queued_feedback()
        if len(signals) == limit:
            remaining = self.sudo().search_count([("feedback_queued", "!=", False)])
            self.env["ir.cron"]._notify_progress(done=len(signals), remaining=remaining)

    def _don_send_queued_feedback(self):
        queued = self.filtered("feedback_queued")
        if queued:
            queued.with_context(tracking_disable=True).write({"feedback_queued": False})
            queued._don_send_feedback("received", bundled=False)

    def _don_send_feedback(self, kind, bundled=True):
        """Send the feedback template ``kind`` (received, in_progress, done)
        to the reporters. A failing mail never loses or blocks the signal."""
        recipients = self._don_feedback_recipients(bundled=bundled)
        if not recipients:
            return
        if kind != "received":
            # The confirmation of receipt goes first when it is still queued.
            # sudo: as in _don_queue_feedback.
            recipients.sudo()._don_send_queued_feedback()
        template = self.env.ref(
            f"don_signalen.mail_template_signal_{kind}", raise_if_not_found=False
        )
        if not template:
            return
        # Reporters get Dutch when it is installed.
        installed = dict(self.env["res.lang"].get_installed())
        template = template.with_context(lang="nl_NL" if "nl_NL" in installed else "en_US")
        for signal in recipients:
            try:
                with self.env.cr.savepoint():
                    # sudo: the template (configuration) renders only the
                    # reference and status of a signal the caller just
                    # created or handles.
                    template.sudo().send_mail(signal.id, email_values={"don_feedback": True})
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Feedback e-mail for signal %s could not be prepared", signal.id)
                continue
            signal.sudo().message_post(  # sudo: note without content, see DEVELOP.md
                # In the reporters' language as the mail, also when the mail
                # queue's job (its user in English) sends it.
                body=template.env._("Feedback sent to the reporter: %(kind)s", kind=template.name),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.ref("base.partner_root").id,
            )

    def action_feedback_given(self):
        """The reporter got feedback another way (phone, meeting)."""
        self.write(
            {
                "feedback_done_date": fields.Date.context_today(self),
                "feedback_not_reached": False,
                "feedback_failure": False,
            }
        )
        return True

    @api.model
    def _don_feedback_bounced(self, email, message=None):
        """The mail server of ``email`` returned a mail (a bounce): the
        reporters with that address whose feedback is open or was given in the
        last days were not reached. The feedback mails are deleted once sent,
        so the bounce is matched on the address when its mail is gone."""
        # sudo: the mail gateway runs without access to signals; only a
        # delivery flag is written, nothing is read back to the sender.
        Signal = self.sudo()
        if message and message.model == self._name and message.res_id:
            signals = Signal.browse(message.res_id).exists()
        else:
            since = fields.Date.context_today(self) - timedelta(days=BOUNCE_DAYS)
            pattern = email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            signals = Signal.search(
                [
                    ("is_anonymous", "=", False),
                    "|",
                    ("feedback_done_date", "=", False),
                    ("feedback_done_date", ">=", since),
                    "|",
                    ("reporter_email", "=ilike", pattern),
                    "&",
                    ("reporter_email", "in", (False, "")),
                    ("reporter_partner_id.email_normalized", "=", email),
                ]
            )
        signals.write(
            {
                "feedback_not_reached": True,
                "feedback_failure": _(
                    "The mail server of %(email)s returned the feedback e-mail.", email=email
                ),
            }
        )
        return signals

    def _don_feedback_given_up(self):
        """The feedback mail failed its last retry: tell the handler, who
        reaches the reporter another way."""
        activity_type = self.env.ref("don_signalen.mail_activity_feedback_overdue")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        self.env["mail.activity"].sudo().create(  # sudo: system reminder for the handler
            [
                {
                    "res_model_id": model_id,
                    "res_id": signal.id,
                    "activity_type_id": activity_type.id,
                    "user_id": signal.handler_id.id,
                    "summary": _("Reporter not reached by e-mail: give the feedback another way"),
                    "date_deadline": today,
                }
                for signal in self.filtered("handler_id")
            ]
        )
        for signal in self:
            signal.sudo().message_post(  # sudo: note without content, see DEVELOP.md
                body=_(
                    "The feedback e-mail could not be delivered to the reporter and is not "
                    "sent again: %(reason)s",
                    reason=signal.feedback_failure or "",
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.ref("base.partner_root").id,
            )

    @api.model
    def _cron_feedback_overdue(self):
        """Daily: an activity for the handler of every signal whose feedback
        is overdue, once per signal."""
        overdue = self.search(
            [
                ("feedback_overdue", "=", True),
                ("is_anonymous", "=", False),
                ("handler_id", "!=", False),
            ]
        )
        activity_type = self.env.ref("don_signalen.mail_activity_feedback_overdue")
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", overdue.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        done = set(existing.mapped("res_id"))
        vals_list = [
            {
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": signal.id,
                "activity_type_id": activity_type.id,
                "user_id": signal.handler_id.id,
                "summary": _("Give the reporter feedback"),
                "date_deadline": fields.Date.context_today(self),
            }
            for signal in overdue
            if signal.id not in done
        ]
        self.env["mail.activity"].create(vals_list)
        return len(vals_list)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_editable(self):
        if not self.env.su and self.filtered(lambda s: not s.don_editable):
            raise UserError(
                _("Only the author, the handler or the owning domain handles a signal.")
            )

    def action_start_triage(self):
        self._check_editable()
        todo = self.filtered(lambda s: s.state == "new")
        values = {"state": "triage"}
        if not todo.filtered("handler_id") and todo:
            todo.filtered(lambda s: not s.handler_id).write({"handler_id": self.env.uid})
        todo.write(values)
        todo._don_send_feedback("in_progress")
        return True

    def action_request_agenda(self):
        self._check_editable()
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(_("A handled signal does not go on the Kernteam agenda."))
        self.write({"agenda_requested": True})
        return True

    def action_mark_discussed(self):
        self._check_editable()
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(_("This signal has already been handled."))
        self.write({"state": "discussed", "agenda_requested": False})
        return True

    def action_open_handle_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Handle signal"),
            "res_model": "don.signal.handle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_signal_id": self.id},
        }

    def action_open_bundle_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Bundle signals"),
            "res_model": "don.signal.bundle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_main_id": self.id,
                "default_signal_ids": self.duplicate_ids.filtered(
                    lambda s: not s.bundled_ids and s.state != "done"
                ).ids,
            },
        }

    def _don_handle(self, outcome, reason, case=None):
        """Handle the signal and the ones bundled into it."""
        self._check_editable()
        if not reason:
            raise UserError(_("Give the reason for this outcome."))
        if outcome in ("linked_case", "new_case") and not case:
            raise UserError(_("Choose the case this signal belongs to."))
        todo = self | self.bundled_ids
        values = {
            "state": "done",
            "outcome": outcome,
            "outcome_reason": reason,
            "date_done": fields.Date.context_today(self),
            "agenda_requested": False,
        }
        if case:
            todo.write({"case_id": case.id})
        todo.write(values)
        todo._don_send_feedback("done")
        todo.filtered("feedback_email").write(
            {"feedback_done_date": fields.Date.context_today(self)}
        )
        return True

    def action_reopen(self):
        self._check_editable()
        self.write({"state": "triage", "outcome": False, "date_done": False})
        return True

    def action_unbundle(self):
        self._check_editable()
        self.write({"bundle_id": False})
        return True

    def action_view_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Possible duplicates"),
            "res_model": "don.signal",
            "view_mode": "list,form",
            "domain": [("id", "in", self.duplicate_ids.ids)],
        }

    # ------------------------------------------------------------------
    # Incoming e-mail
    # ------------------------------------------------------------------
    @api.model
    def _don_intake_defaults(self, company=None):
        """Handler, domain and author of signals that come in without a user
        (web form, e-mail), from the settings of the municipality."""
        company = company or self.env.company
        handler = company.don_signal_handler_id
        domain = company.don_signal_domain_id or self.env.ref(
            "don_core.domain_veiligheid", raise_if_not_found=False
        )
        if not handler or not domain:
            raise UserError(
                _(
                    "Signals cannot be received yet: choose the default handler and domain "
                    "of signals in the settings."
                )
            )
        return {
            "company_id": company.id,
            "handler_id": handler.id,
            "author_id": handler.id,
            "domain_id": domain.id,
            "sharing_level": "domain",
        }

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the signal alias becomes a signal for the handler team.
        Senders are not matched to young people or partners."""
        values = dict(custom_values or {})
        # Set by the gateway (models/mail_thread.py); not a mail.message value.
        unreadable = msg_dict.pop("don_unreadable", False)
        company = self.env["res.company"].browse(values.get("company_id")).exists()
        company = company or self.env["don.signal.intake"]._intake_company()
        values.update(self.with_company(company)._don_intake_defaults(company))
        channel = self.env.ref("don_signalen.channel_email")
        body = tools.html2plaintext(msg_dict.get("body") or "").strip()
        if len(body) > MAIL_DESCRIPTION_LIMIT:
            body = "%s\n\n%s" % (
                body[:MAIL_DESCRIPTION_LIMIT],
                _("(Shortened: the whole e-mail is in the messages of this signal.)"),
            )
        if unreadable:
            body = "%s\n\n%s" % (
                body,
                _(
                    "(Part of this e-mail could not be read: the original message is "
                    "attached to the messages of this signal.)"
                ),
            )
        email = tools.email_normalize(msg_dict.get("email_from") or "") or False
        name = tools.parse_contact_from_email(msg_dict.get("email_from") or "")[0]
        values.update(
            {
                "name": (msg_dict.get("subject") or _("Signal by e-mail"))[:200],
                "description": body or _("(no text)"),
                "channel_id": channel.id,
                "intake_source": "email",
                "reporter_type": "person",
                "reporter_name": name or email,
                "reporter_email": email,
            }
        )
        return super(
            DonSignal, self.with_company(company).with_context(mail_create_nosubscribe=True)
        ).message_new(msg_dict, custom_values=values)
