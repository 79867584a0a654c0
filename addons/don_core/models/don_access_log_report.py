# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models, tools
from odoo.tools import SQL


class DonAccessLogReport(models.Model):
    """Openings per user per day, for the privacy officer's review of the
    access log: how many files, and how many of them the user was not
    involved in (the unusual ones)."""

    _name = "don.access.log.report"
    _inherit = ["don.strong.login.mixin"]
    _description = "DON access log: openings per user per day"
    _auto = False
    _order = "date desc, uninvolved_count desc"

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", string="Municipality", readonly=True)
    open_count = fields.Integer(string="Openings", readonly=True)
    file_count = fields.Integer(string="Different files", readonly=True)
    uninvolved_count = fields.Integer(string="Files not involved in", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                SELECT min(l.id) AS id,
                       l.date::date AS date,
                       l.user_id,
                       l.company_id,
                       count(*) AS open_count,
                       count(DISTINCT (l.res_model, l.res_id)) AS file_count,
                       count(DISTINCT (l.res_model, l.res_id)) FILTER (WHERE NOT l.involved)
                           AS uninvolved_count
                  FROM don_access_log l
                 GROUP BY l.date::date, l.user_id, l.company_id
                )""",
                SQL.identifier(self._table),
            )
        )

    # ------------------------------------------------------------------
    # Weekly review for the privacy officer
    # ------------------------------------------------------------------
    @api.model
    def _unusual_users(self, company, since):
        """[(user id, files not involved in)] at or above the threshold."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT user_id,
                          count(DISTINCT (res_model, res_id)) FILTER (WHERE NOT involved)
                     FROM don_access_log
                    WHERE company_id = %s AND date >= %s
                    GROUP BY user_id
                   HAVING count(DISTINCT (res_model, res_id)) FILTER (WHERE NOT involved) >= %s
                    ORDER BY 2 DESC""",
                company.id,
                since,
                max(company.don_access_review_threshold, 1),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_review_access(self):
        """Weekly: the access review (see don.access.exception): baselines
        per role, and a message to the privacy officers listing only the
        exceptions still to be explained."""
        self.env["don.access.exception"]._cron_review()
