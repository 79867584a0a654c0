# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Matches between domains, on the principle of the Verwijsindex.

When two or more domains hold information about the same young person
(signals, contributions, interventions), or signals of different domains
share a neighbourhood, a category and a period, the holders learn that there
is a match: which domains, whom to contact, since when. Never what the other
holds: a match has no field that points to the information itself.
"""

from datetime import timedelta

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date

DEFAULT_MATCH_DAYS = 30
MATCH_TYPES = [
    ("youth", "Same young person"),
    ("place", "Same place, category and period"),
]
MATCH_STATES = [("open", "Open"), ("closed", "Closed")]


class DonMatch(models.Model):
    _name = "don.match"
    _inherit = ["don.secured.mixin", "mail.thread"]
    _description = "Match between domains"
    _order = "state desc, date_last desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    # Who sees a match: its contacts (the holders of the information) and
    # the project leaders of the municipality.
    _don_access_fields = ("company_id", "user_ids")

    reference = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, index=True, readonly=True
    )
    match_type = fields.Selection(MATCH_TYPES, string="Kind", required=True, readonly=True)
    youth_id = fields.Many2one(
        "don.youth", string="Young person", index="btree_not_null", readonly=True
    )
    neighbourhood_id = fields.Many2one(
        "don.neighbourhood", index="btree_not_null", readonly=True, ondelete="set null"
    )
    category_id = fields.Many2one(
        "don.signal.category", index="btree_not_null", readonly=True, ondelete="set null"
    )
    date_first = fields.Date(string="Since", required=True, readonly=True)
    date_last = fields.Date(string="Last information", required=True, readonly=True, index=True)
    participant_ids = fields.One2many(
        "don.match.participant", "match_id", string="Domains and contacts", readonly=True
    )
    notice_ids = fields.One2many(
        "don.match.notice", "match_id", string="Who was told", readonly=True
    )
    user_ids = fields.Many2many(
        "res.users",
        "don_match_user_rel",
        "match_id",
        "user_id",
        string="Contacts",
        readonly=True,
        help="The holders of the information: they see this match.",
    )
    domain_names = fields.Char(string="Domains", compute="_compute_domain_names")
    state = fields.Selection(
        MATCH_STATES, required=True, default="open", readonly=True, index=True, tracking=True
    )
    close_reason = fields.Text(string="Reason for closing", readonly=True, tracking=True)
    date_closed = fields.Date(string="Closed on", readonly=True)
    closed_by_id = fields.Many2one("res.users", string="Closed by", readonly=True)
    agenda_item_ids = fields.One2many("don.agenda.item", "match_id", string="Agenda items")

    def init(self):
        result = super().init()
        # Place, category and period of signals: one index range per new signal.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS don_signal_match_place_idx ON don_signal"
            " (company_id, neighbourhood_id, category_id, date_received)"
            " WHERE neighbourhood_id IS NOT NULL AND category_id IS NOT NULL"
        )
        return result

    @api.depends("participant_ids.domain_id")
    def _compute_domain_names(self):
        for match in self:
            match.domain_names = ", ".join(
                dict.fromkeys(match.participant_ids.sorted("date_first").domain_id.mapped("name"))
            )

    # ------------------------------------------------------------------
    # Access relation
    # ------------------------------------------------------------------
    @api.model
    def _don_sql_projectleider(self, params):
        gid = self.env["don.access"]._gid("don_core.group_don_projectleider")
        return self._don_sql_in_group(params, gid)

    @api.model
    def _don_access_all_condition(self, params):
        return self._don_sql_projectleider(params)

    @api.model
    def _don_access_condition(self, params):
        return SQL(
            "%s OR EXISTS (SELECT 1 FROM don_match_user_rel r"
            " WHERE r.match_id = rec.id AND r.user_id = u.id)",
            self._don_sql_projectleider(params),
        )

    # ------------------------------------------------------------------
    # Guards: a match is written by the detection and closed by its readers
    # through action_close, never by a client's write.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("Matches are found by the system, not created by hand."))
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.match") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            raise AccessError(_("A match is changed only by closing it with a reason."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Detection
    # ------------------------------------------------------------------
    @api.model
    def _don_match_days(self):
        # sudo: configuration value, not personal data.
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("don_signalen.match_days", DEFAULT_MATCH_DAYS)
        )

    @api.model
    def _don_youth_holders(self, company_id, youth_ids):
        """{youth id: [(domain id, contact user id, first date, last date)]}:
        who holds information about these young people, per domain (one
        query over the indexed links of signals, contributions and
        interventions; only domain, holder and date are read)."""
        self.env.cr.execute(
            SQL(
                """
            SELECT h.youth_id, h.domain_id, h.user_id, min(h.d), max(h.d) FROM (
                SELECT r.youth_id, s.domain_id, s.author_id AS user_id,
                       s.date_received::date AS d
                  FROM don_signal_youth_rel r JOIN don_signal s ON s.id = r.signal_id
                 WHERE r.youth_id IN %(youths)s AND s.company_id = %(company)s
                UNION ALL
                SELECT c.youth_id, s.domain_id, s.author_id, s.date_received::date
                  FROM don_case c JOIN don_signal s ON s.case_id = c.id
                 WHERE c.youth_id IN %(youths)s
                UNION ALL
                SELECT c.youth_id, n.domain_id, n.author_id, n.date
                  FROM don_case c JOIN don_case_note n ON n.case_id = c.id
                 WHERE c.youth_id IN %(youths)s
                UNION ALL
                SELECT c.youth_id, i.domain_id, COALESCE(i.responsible_user_id, i.author_id),
                       COALESCE(i.date_start, i.create_date::date)
                  FROM don_case c JOIN don_intervention i ON i.case_id = c.id
                 WHERE c.youth_id IN %(youths)s
            ) h JOIN res_users u ON u.id = h.user_id AND u.active
             GROUP BY h.youth_id, h.domain_id, h.user_id
            """,
                youths=tuple(youth_ids),
                company=company_id,
            )
        )
        result = {}
        for youth_id, domain_id, user_id, first, last in self.env.cr.fetchall():
            result.setdefault(youth_id, []).append((domain_id, user_id, first, last))
        return result

    @api.model
    def _don_place_holders(self, signal, days):
        """[(domain id, contact user id, first date, last date)] of the
        signals of the same neighbourhood and category within ``days`` of
        ``signal`` (one range of the place index)."""
        received = signal.date_received
        self.env.cr.execute(
            SQL(
                """
            SELECT s.domain_id, s.author_id, min(s.date_received)::date,
                   max(s.date_received)::date
              FROM don_signal s JOIN res_users u ON u.id = s.author_id AND u.active
             WHERE s.company_id = %s AND s.neighbourhood_id = %s AND s.category_id = %s
               AND s.date_received BETWEEN %s AND %s
             GROUP BY s.domain_id, s.author_id
            """,
                signal.company_id.id,
                signal.neighbourhood_id.id,
                signal.category_id.id,
                received - timedelta(days=days),
                received + timedelta(days=days),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _don_detect(self, records):
        """Find or extend the matches that ``records`` (signals,
        contributions or interventions just recorded or changed) take part
        in, and tell the holders. Returns the matches created or extended."""
        # sudo: detection compares the information of every domain of the
        # municipality; it reads only the domain, the holder and the date of
        # each record, and stores nothing else (the match points to no record).
        records = records.sudo()
        Match = self.sudo()
        self.env.flush_all()
        by_company = {}
        for record in records:
            youths = record.case_id.youth_id
            if record._name == "don.signal":
                youths |= record.youth_ids
            if youths:
                by_company.setdefault(record.company_id.id, set()).update(youths.ids)
        changed = Match.browse()
        for company_id, youth_ids in by_company.items():
            holders = Match._don_youth_holders(company_id, youth_ids)
            for youth_id, rows in holders.items():
                if len({row[0] for row in rows}) > 1:
                    changed |= Match._don_merge(
                        company_id, "youth", rows, [("youth_id", "=", youth_id)], youth_id=youth_id
                    )
        # Place, category and period stand in for the young person when the
        # signal names nobody in the register.
        signals = records.filtered(
            lambda r: (
                r._name == "don.signal"
                and r.neighbourhood_id
                and r.category_id
                and not r.youth_ids
                and not r.case_id
            )
        )
        if signals:
            days = self._don_match_days()
        for signal in signals:
            rows = Match._don_place_holders(signal, days)
            if len({row[0] for row in rows}) > 1:
                since = fields.Date.to_date(signal.date_received) - timedelta(days=days)
                changed |= Match._don_merge(
                    signal.company_id.id,
                    "place",
                    rows,
                    [
                        ("neighbourhood_id", "=", signal.neighbourhood_id.id),
                        ("category_id", "=", signal.category_id.id),
                        ("date_last", ">=", since),
                    ],
                    neighbourhood_id=signal.neighbourhood_id.id,
                    category_id=signal.category_id.id,
                )
        return changed

    @api.model
    def _don_merge(self, company_id, match_type, rows, key, **values):
        """The open match of ``key`` with the holders ``rows``: created, or
        extended with the holders it did not have. A closed match of the
        same key that already had every domain is not found again."""
        base = [("company_id", "=", company_id), ("match_type", "=", match_type), *key]
        # No creation message, tracking or follower: the holders are told by
        # _don_tell, and only they and the project leader read the match.
        self = self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        match = self.search([*base, ("state", "=", "open")], limit=1)
        domains = {row[0] for row in rows}
        first = min(row[2] for row in rows)
        last = max(row[3] for row in rows)
        if not match:
            closed = self.search([*base, ("state", "=", "closed")], order="id desc", limit=1)
            if closed and domains <= set(closed.participant_ids.domain_id.ids):
                return self.browse()
            match = self.create(
                {
                    **values,
                    "company_id": company_id,
                    "match_type": match_type,
                    "date_first": first,
                    "date_last": last,
                    "participant_ids": self._don_participant_commands(
                        company_id, sorted(rows, key=lambda row: row[2])
                    ),
                    "user_ids": [Command.set(sorted({row[1] for row in rows}))],
                }
            )
            self._don_tell_later()
            return match
        known = {(p.domain_id.id, p.user_id.id) for p in match.participant_ids}
        new_rows = [row for row in rows if (row[0], row[1]) not in known]
        vals = {}
        if last > match.date_last:
            vals["date_last"] = last
        if new_rows:
            vals["participant_ids"] = self._don_participant_commands(company_id, new_rows)
            vals["user_ids"] = [Command.link(row[1]) for row in new_rows]
        if vals:
            match.write(vals)
            if new_rows:
                self._don_tell_later()
                return match
        return self.browse()

    @api.model
    def _don_tell_later(self):
        """The holders are told by the mail queue's job, right after the
        record that made the match is saved: recording a signal or a
        contribution does not wait for the messages and e-mails."""
        self.env.ref("don_signalen.ir_cron_don_match_tell").sudo()._trigger()

    @api.model
    def _cron_don_tell(self):
        """Tell the holders of the matches found or extended: the
        participants not told yet, per match."""
        # sudo: system job; it writes only the messages of the matches
        # themselves (domains, contacts, dates).
        participants = (
            self.env["don.match.participant"]
            .sudo()
            .search([("told_date", "=", False)], order="match_id, id")
        )
        for match in participants.match_id:
            new = participants.filtered(lambda p, m=match: p.match_id == m)
            match.sudo()._don_tell(new)
            new.write({"told_date": fields.Datetime.now()})
        return len(participants.match_id)

    @api.model
    def _don_participant_commands(self, company_id, rows):
        return [
            Command.create(
                {
                    "domain_id": domain,
                    "user_id": user,
                    "date_first": first,
                    "company_id": company_id,
                }
            )
            for domain, user, first, _last in rows
        ]

    def _don_tell(self, new_participants):
        """Tell the holders: the new ones that there is a match, the others
        that a domain joined. Which domains, whom to contact, since when;
        nothing of the information itself. Recorded per person."""
        self.ensure_one()
        since = _("since")
        lines = Markup("").join(
            Markup("<li>%s: %s (%s %s)</li>")
            % (
                p.domain_id.name,
                p.user_id.name,
                since,
                format_date(self.env, p.date_first),
            )
            for p in self.participant_ids.sorted("date_first")
        )
        joined = ", ".join(dict.fromkeys(new_participants.domain_id.mapped("name")))
        if not self.participant_ids.filtered("told_date"):
            intro = _(
                "There is a match between domains (%(kind)s). Contact each other; the "
                "information itself stays with its domain.",
                kind=dict(self._fields["match_type"]._description_selection(self.env))[
                    self.match_type
                ],
            )
        else:
            intro = _("Domain(s) joined this match: %(domains)s.", domains=joined)
        body = Markup("<p>%s</p><ul>%s</ul>") % (escape(intro), lines)
        users = self.participant_ids.user_id
        self.message_post(
            body=body,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=users.partner_id.ids,
            author_id=self.env.ref("base.partner_root").id,
            # Queued for the mail queue: recording a signal does not wait for
            # the mail server.
            force_send=False,
        )
        plain = "%s %s" % (
            intro,
            "; ".join(
                "%s: %s" % (p.domain_id.name, p.user_id.name)
                for p in self.participant_ids.sorted("date_first")
            ),
        )
        self.env["don.match.notice"].sudo().create(
            [
                {
                    "match_id": self.id,
                    "user_id": user.id,
                    "company_id": self.company_id.id,
                    "summary": plain,
                }
                for user in users
            ]
        )

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------
    def _don_close(self, reason):
        """Close the match with a reason (its readers: a holder or the
        project leader), recorded in its messages."""
        if not (reason or "").strip():
            raise UserError(_("Give the reason for closing this match."))
        self.check_access("read")
        if self.filtered(lambda m: m.state == "closed"):
            raise UserError(_("This match is already closed."))
        # sudo: the rule check above proved the user reads these matches;
        # only the closing fields are written.
        self.sudo().write(
            {
                "state": "closed",
                "close_reason": reason.strip(),
                "date_closed": fields.Date.context_today(self),
                "closed_by_id": self.env.uid,
            }
        )
        for match in self:
            match.sudo().message_post(
                body=_(
                    "Match closed by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason.strip(),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_close_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Close match"),
            "res_model": "don.match.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_match_id": self.id},
        }

    # ------------------------------------------------------------------
    # Privacy lifecycle: a match about a young person is part of what DON
    # holds about them (which domains held information, since when): it is
    # in their subject-request export and goes when they are erased. A
    # match on a place or a group stays.
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        self.env["don.privacy"]._purge_traces(self)
        self.unlink()

    def _don_privacy_export(self, youth):
        result = self.env["don.privacy"]._export_records(
            self,
            youth,
            ["reference", "match_type", "date_first", "date_last", "state", "date_closed"],
            chatter=False,
        )
        for values, match in zip(result, self, strict=True):
            # Which domains held information, never what they hold.
            values["domains"] = match.domain_names
        return result
