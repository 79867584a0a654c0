# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

EXCEPTION_KINDS = [
    ("uninvolved", "File opened without involvement"),
    ("volume", "Far more files than usual for the role"),
    ("night", "Consultation at night"),
    ("burst", "Burst of openings"),
    ("emergency", "Emergency access"),
]
# A user's files per day count as unusual above this multiple of what the
# users of the same role usually open (the median of the past four weeks).
VOLUME_FACTOR = 2
BASELINE_DAYS = 28
TIMEZONE = "Europe/Amsterdam"


class DonAccessException(models.Model):
    """An exception found by the access review: a use of personal data that
    is not normal for the user's role (see ``_detect``). Listed to the
    privacy officer until explained; the explanation is kept."""

    _name = "don.access.exception"
    _inherit = ["don.strong.login.mixin"]
    _description = "DON access review exception"
    _order = "state, date desc, id desc"
    _rec_name = "kind"

    kind = fields.Selection(EXCEPTION_KINDS, required=True, readonly=True, index=True)
    date = fields.Date(string="Day", required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, readonly=True, index=True
    )
    count = fields.Integer(string="Number", readonly=True, help="Files, openings or uses.")
    baseline = fields.Integer(
        string="Usual for the role",
        readonly=True,
        help="What users of the same role usually open per day (median of four weeks).",
    )
    emergency_id = fields.Many2one(
        "don.emergency.access", string="Emergency access", readonly=True, ondelete="cascade"
    )
    reason = fields.Text(related="emergency_id.reason", string="Reason given")
    state = fields.Selection(
        [("open", "To be explained"), ("explained", "Explained")],
        required=True,
        default="open",
        readonly=True,
        index=True,
    )
    explanation = fields.Text()
    explained_by_id = fields.Many2one("res.users", string="Explained by", readonly=True)
    explained_date = fields.Datetime(string="Explained on", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su and self.env.context.get("don_access_review")):
            raise AccessError(_("Exceptions are found by the access review only."))
        return super().create(vals_list)

    def write(self, vals):
        if not (self.env.su and self.env.context.get("don_access_review")):
            if set(vals) - {"explanation"}:
                raise AccessError(_("Only the explanation of an exception can be written."))
            if any(exc.state == "explained" for exc in self):
                raise UserError(_("An explained exception keeps its explanation."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(_("An exception of the access review cannot be deleted."))

    def action_explain(self):
        for exc in self:
            if not (exc.explanation or "").strip():
                raise UserError(_("Write down the explanation first."))
        self.check_access("write")
        # sudo (with the review flag): state and author are set by the system
        # for the privacy officer whose write right was just checked.
        self.sudo().with_context(don_access_review=True).write(
            {
                "state": "explained",
                "explained_by_id": self.env.uid,
                "explained_date": fields.Datetime.now(),
            }
        )
        return True

    # ------------------------------------------------------------------
    # Detection: baselines per role
    # ------------------------------------------------------------------
    @api.model
    def _detect(self, company, since, until=None):
        """Record the exceptions of ``company`` in the access log between
        ``since`` and ``until`` (UTC datetimes):

        - a file (case, young person) opened by a user who was neither
          involved, nor a Kernteamlid, nor using emergency access;
        - more files on a day than ``VOLUME_FACTOR`` times the usual day of
          users of the same role (Kernteam or not), and at least the
          municipality's threshold: a Kernteamlid opening many files is
          normal, an outlier among Kernteamleden is not;
        - a consultation at night (Dutch time);
        - a burst: at least the municipality's burst count of openings
          within ten minutes.
        Emergency access is recorded when it is given. Idempotent."""
        until = until or fields.Datetime.now()
        self.env.flush_all()
        night_start = company.don_access_night_start % 24
        night_end = company.don_access_night_end % 24
        local = SQL("(l.date AT TIME ZONE 'UTC' AT TIME ZONE %s)", TIMEZONE)
        base = SQL("l.company_id = %s AND l.date >= %s AND l.date <= %s", company.id, since, until)
        rows = []
        # Files without involvement.
        self.env.cr.execute(
            SQL(
                """SELECT l.user_id, %(local)s::date, count(DISTINCT (l.res_model, l.res_id)), 0
                     FROM don_access_log l
                    WHERE %(base)s AND l.purpose = 'domain'
                      AND l.res_model IN ('don.case', 'don.youth')
                      AND l.action IN ('open', 'print', 'export')
                    GROUP BY 1, 2""",
                local=local,
                base=base,
            )
        )
        rows += [("uninvolved", *row) for row in self.env.cr.fetchall()]
        # Volume against the role's baseline (Kernteam or other roles).
        self.env.cr.execute(
            SQL(
                """WITH days AS (
                       SELECT l.user_id, %(local)s::date AS day,
                              bool_or(l.purpose = 'kernteam') AS kernteam,
                              count(DISTINCT (l.res_model, l.res_id))
                                  FILTER (WHERE l.action IN ('open', 'print', 'export')) AS files
                         FROM don_access_log l
                        WHERE l.company_id = %(company)s AND l.date >= %(from)s
                          AND l.date <= %(until)s
                        GROUP BY 1, 2),
                   baseline AS (
                       SELECT kernteam,
                              percentile_cont(0.5) WITHIN GROUP (ORDER BY files) AS median
                         FROM days WHERE files > 0 GROUP BY kernteam)
                   SELECT d.user_id, d.day, d.files, ceil(b.median)::int
                     FROM days d JOIN baseline b ON b.kernteam = d.kernteam
                    WHERE d.day >= (%(since)s AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                      AND d.files >= %(threshold)s
                      AND d.files > %(factor)s * b.median""",
                local=local,
                company=company.id,
                since=since,
                until=until,
                tz=TIMEZONE,
                threshold=max(company.don_access_review_threshold, 1),
                factor=VOLUME_FACTOR,
                **{"from": since - timedelta(days=BASELINE_DAYS)},
            )
        )
        rows += [("volume", *row) for row in self.env.cr.fetchall()]
        # Night.
        hour = SQL("extract(hour FROM %s)", local)
        if night_start > night_end:
            at_night = SQL("(%s >= %s OR %s < %s)", hour, night_start, hour, night_end)
        else:
            at_night = SQL("(%s >= %s AND %s < %s)", hour, night_start, hour, night_end)
        self.env.cr.execute(
            SQL(
                """SELECT l.user_id, %(local)s::date, count(*), 0
                     FROM don_access_log l WHERE %(base)s AND %(night)s GROUP BY 1, 2""",
                local=local,
                base=base,
                night=at_night,
            )
        )
        rows += [("night", *row) for row in self.env.cr.fetchall()]
        # Bursts: openings in the ten minutes from each opening.
        self.env.cr.execute(
            SQL(
                """SELECT user_id, day, max(n), 0 FROM (
                       SELECT l.user_id, %(local)s::date AS day,
                              count(*) OVER (
                                  PARTITION BY l.user_id ORDER BY l.date
                                  RANGE BETWEEN CURRENT ROW AND interval '10 minutes' FOLLOWING
                              ) AS n
                         FROM don_access_log l WHERE %(base)s AND l.action = 'open') t
                    WHERE n >= %(burst)s GROUP BY 1, 2""",
                local=local,
                base=base,
                burst=max(company.don_access_burst, 2),
            )
        )
        rows += [("burst", *row) for row in self.env.cr.fetchall()]
        return self._record(company, rows)

    @api.model
    def _record(self, company, rows):
        existing = {
            (exc.kind, exc.user_id.id, exc.date)
            for exc in self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("emergency_id", "=", False),
                    ("date", "in", list({row[2] for row in rows})),
                ]
            )
        }
        vals_list = [
            {
                "kind": kind,
                "user_id": uid,
                "date": day,
                "count": count,
                "baseline": baseline,
                "company_id": company.id,
            }
            for kind, uid, day, count, baseline in rows
            if (kind, uid, day) not in existing
        ]
        return self.sudo().with_context(don_access_review=True).create(vals_list)

    @api.model
    def _record_emergency(self, grant):
        return (
            self.sudo()
            .with_context(don_access_review=True)
            .create(
                {
                    "kind": "emergency",
                    "user_id": grant.user_id.id,
                    "date": fields.Date.context_today(
                        self.with_context(tz=grant.user_id.tz or TIMEZONE), grant.date_start
                    ),
                    "count": 1,
                    "company_id": grant.company_id.id,
                    "emergency_id": grant.id,
                }
            )
        )

    # ------------------------------------------------------------------
    # The weekly message: only the exceptions still to be explained
    # ------------------------------------------------------------------
    @api.model
    def _cron_review(self):
        until = fields.Datetime.now()
        since = until - timedelta(days=7)
        group = self.env.ref("don_core.group_don_privacy")
        labels = dict(self._fields["kind"]._description_selection(self.env))
        # The municipalities with consultations in the week, and those with
        # exceptions still to be explained.
        companies = (
            self.env["res.company"].union(
                *(
                    company
                    for [company] in self.env["don.access.log"]
                    .sudo()
                    ._read_group([("date", ">=", since)], ["company_id"])
                )
            )
            | self.sudo().search([("state", "=", "open")]).company_id
        )
        for company in companies.sudo():
            self._detect(company, since, until)
            exceptions = self.sudo().search(
                [("company_id", "=", company.id), ("state", "=", "open")], order="date, id"
            )
            officers = group.users.filtered(lambda u, c=company: c in u.company_ids)
            if not exceptions or not officers:
                continue
            lines = Markup("").join(
                Markup("<li>%s, %s: %s (%s)</li>")
                % (
                    exc.date.strftime("%d-%m-%Y"),
                    escape(exc.user_id.name),
                    labels[exc.kind],
                    exc.count,
                )
                for exc in exceptions
            )
            body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                _("These uses of personal data are not usual for the user's role:"),
                lines,
                _(
                    "Mark each one as explained with the explanation "
                    "(DON > Privacy > Access review)."
                ),
            )
            # A user notification: only the officers can read it.
            company.partner_id.message_notify(
                partner_ids=officers.partner_id.ids,
                subject=_("DON access review: %s exceptions to explain", len(exceptions)),
                body=body,
            )
