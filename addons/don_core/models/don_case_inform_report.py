# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .don_case import CASE_STAGES


class DonCaseInformReport(models.Model):
    """For the privacy officer: per case whether the person was informed
    (AVG art. 13/14) or a restriction applies (UAVG art. 41) that has not
    ended. Only the case number, its stage and dates: no names, no content
    (the officer does not see the cases themselves)."""

    _name = "don.case.inform.report"
    _inherit = ["don.strong.login.mixin"]
    _description = "DON informing the person: status per case"
    _auto = False
    _order = "date_start, id"
    _rec_name = "case_reference"
    # Searching the view flushes these first.
    _depends = {
        "don.case": ["reference", "company_id", "stage", "date_start", "director_id", "active"],
        "don.case.inform": ["case_id", "kind", "date", "restriction_end"],
    }

    case_reference = fields.Char(string="Case number", readonly=True)
    company_id = fields.Many2one("res.company", string="Municipality", readonly=True)
    # The stages themselves, not a callable: a callable selection has no
    # translated labels (Odoo stores and translates only static ones).
    stage = fields.Selection(CASE_STAGES, readonly=True)
    date_start = fields.Date(string="Start date", readonly=True)
    director_id = fields.Many2one("res.users", string="Case director", readonly=True)
    inform_state = fields.Selection(
        [
            ("informed", "Informed"),
            ("restricted", "Restriction applies"),
            ("missing", "Nothing recorded"),
        ],
        string="Informing",
        readonly=True,
    )
    last_date = fields.Date(string="Informed on", readonly=True)
    restriction_end = fields.Date(string="Restriction ends", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                SELECT c.id, c.reference AS case_reference, c.company_id, c.stage,
                       c.date_start, c.director_id,
                       CASE WHEN i.informed IS NOT NULL THEN 'informed'
                            WHEN r.restriction_end IS NOT NULL THEN 'restricted'
                            ELSE 'missing' END AS inform_state,
                       i.informed AS last_date,
                       r.restriction_end
                  FROM don_case c
                  LEFT JOIN LATERAL (
                       SELECT max(date) AS informed FROM don_case_inform
                        WHERE case_id = c.id AND kind = 'informed') i ON TRUE
                  LEFT JOIN LATERAL (
                       SELECT max(restriction_end) AS restriction_end FROM don_case_inform
                        WHERE case_id = c.id AND kind = 'restricted'
                          AND restriction_end >= (now() AT TIME ZONE 'Europe/Amsterdam')::date
                       ) r ON TRUE
                 WHERE c.active AND c.privacy_state IS NULL
                )""",
                SQL.identifier(self._table),
            )
        )
