# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.don_campaign import PHASES
from .don_awareness_org_report import trainings_cte


class DonCampaignReachReport(models.Model):
    """Reach and effect per campaign and organisation: the campaign's
    trainings held and people trained at the organisation, and the signals the
    organisation reported before and after its first training. Sum over a
    campaign for its totals."""

    _name = "don.campaign.reach.report"
    _description = "Awareness reach per campaign"
    _auto = False
    _order = "campaign_id, partner_id"

    campaign_id = fields.Many2one("don.campaign", readonly=True)
    phase = fields.Selection(PHASES, readonly=True, help="Phase of the campaign.")
    partner_id = fields.Many2one("res.partner", string="Organisation", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    first_training_date = fields.Date(string="First training", readonly=True)
    training_count = fields.Integer(string="Trainings held", readonly=True)
    people_count = fields.Integer(string="People trained", readonly=True)
    signals_before = fields.Integer(string="Signals before", readonly=True)
    signals_after = fields.Integer(string="Signals after", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                WITH %s
                SELECT min(t.id) AS id, t.campaign_id, c.phase, t.partner_id, t.company_id,
                       min(o.first_training)::date AS first_training_date,
                       count(*)::int AS training_count,
                       sum(t.people)::int AS people_count,
                       min(ef.signals_before)::int AS signals_before,
                       min(ef.signals_after)::int AS signals_after
                  FROM trainings t
                  JOIN don_campaign c ON c.id = t.campaign_id
                  JOIN orgs o
                    ON o.partner_id = t.partner_id
                   AND o.company_id IS NOT DISTINCT FROM t.company_id
                  JOIN effect ef
                    ON ef.partner_id = t.partner_id
                   AND ef.company_id IS NOT DISTINCT FROM t.company_id
                 GROUP BY t.campaign_id, c.phase, t.partner_id, t.company_id
                )
                """,
                SQL.identifier(self._table),
                trainings_cte(),
            )
        )
