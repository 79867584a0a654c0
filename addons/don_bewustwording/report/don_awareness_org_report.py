# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.res_config_settings import WINDOW_PARAM


def trainings_cte():
    """Held DON trainings with their attendance, and the effect window in months."""
    return SQL(
        """
        params AS (
            SELECT COALESCE(
                (SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::int END
                   FROM ir_config_parameter WHERE key = %s),
                6) AS months
        ),
        trainings AS (
            SELECT e.id, e.don_partner_id AS partner_id, e.company_id,
                   e.don_campaign_id AS campaign_id, e.date_begin,
                   COALESCE(att.people, 0) AS people
              FROM event_event e
              LEFT JOIN (
                    SELECT event_id, count(*) AS people
                      FROM event_registration
                     WHERE state = 'done'
                     GROUP BY event_id
                   ) att ON att.event_id = e.id
             WHERE e.don_is_training AND e.don_held AND e.don_partner_id IS NOT NULL
        ),
        orgs AS (
            SELECT partner_id, company_id, min(id) AS id, count(*) AS training_count,
                   sum(people) AS people_count, min(date_begin) AS first_training,
                   max(date_begin) AS last_training
              FROM trainings
             GROUP BY partner_id, company_id
        ),
        effect AS (
            SELECT o.partner_id, o.company_id,
                   count(s.id) FILTER (
                       WHERE s.date_received < o.first_training
                   ) AS signals_before,
                   count(s.id) FILTER (
                       WHERE s.date_received >= o.first_training
                   ) AS signals_after
              FROM orgs o
             CROSS JOIN params
              LEFT JOIN don_signal s
                ON s.reporter_partner_id = o.partner_id
               AND (o.company_id IS NULL OR s.company_id = o.company_id)
               AND s.date_received >= o.first_training - make_interval(months => params.months)
               AND s.date_received < o.first_training + make_interval(months => params.months)
             GROUP BY o.partner_id, o.company_id
        )
        """,
        WINDOW_PARAM,
    )


class DonAwarenessOrgReport(models.Model):
    """Reach and effect per organisation: trainings held, people trained and
    the signals it reported in equal windows before and after its first
    training. One SQL view, no per-record Python."""

    _name = "don.awareness.org.report"
    _description = "Awareness reach per organisation"
    _auto = False
    _order = "first_training_date desc"

    partner_id = fields.Many2one("res.partner", string="Organisation", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    org_type = fields.Selection(
        related="partner_id.don_org_type", string="Organisation type", readonly=True
    )
    first_training_date = fields.Date(string="First training", readonly=True)
    last_training_date = fields.Date(string="Last training", readonly=True)
    training_count = fields.Integer(string="Trainings held", readonly=True)
    people_count = fields.Integer(string="People trained", readonly=True)
    signals_before = fields.Integer(string="Signals before", readonly=True)
    signals_after = fields.Integer(string="Signals after", readonly=True)
    signals_growth = fields.Integer(
        string="Growth in signals", readonly=True, help="Signals after minus signals before."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                WITH %s
                SELECT o.id, o.partner_id, o.company_id,
                       o.first_training::date AS first_training_date,
                       o.last_training::date AS last_training_date,
                       o.training_count::int AS training_count,
                       o.people_count::int AS people_count,
                       ef.signals_before::int AS signals_before,
                       ef.signals_after::int AS signals_after,
                       (ef.signals_after - ef.signals_before)::int AS signals_growth
                  FROM orgs o
                  JOIN effect ef
                    ON ef.partner_id = o.partner_id
                   AND ef.company_id IS NOT DISTINCT FROM o.company_id
                )
                """,
                SQL.identifier(self._table),
                trainings_cte(),
            )
        )
