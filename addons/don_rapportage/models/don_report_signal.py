# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.don_signalen.models.don_signal import SIGNAL_OUTCOMES
from odoo.tools import SQL

from .don_report_cube import GRAINS

FEEDBACK_STATUSES = [
    ("on_time", "Fed back on time"),
    ("late", "Fed back late"),
    ("overdue", "Overdue, not fed back"),
    ("open", "Open, not yet due"),
    ("none", "No feedback due"),
]


class DonReportSignal(models.Model):
    """Signals received per period, per channel, category, neighbourhood,
    outcome and feedback timeliness. Anonymised: counts only."""

    _name = "don.report.signal"
    _inherit = "don.report.cube"
    _description = "DON report: signals"
    _auto = False
    _depends = {
        "don.signal": [
            "company_id",
            "date_received",
            "channel_id",
            "category_id",
            "neighbourhood_id",
            "outcome",
            "feedback_deadline",
            "feedback_done_date",
        ],
        "ir.config_parameter": ["key", "value"],
    }

    _don_cube_keys = (
        ("channel_id", "int"),
        ("category_id", "int"),
        ("neighbourhood_id", "int"),
        ("outcome", "varchar"),
        ("feedback_status", "varchar"),
    )
    _don_cube_dimensions = (
        ("total", None, ()),
        ("channel", None, ("channel_id",)),
        ("category", None, ("category_id",)),
        ("neighbourhood", None, ("neighbourhood_id",)),
        ("outcome", None, ("outcome",)),
        ("feedback", None, ("feedback_status",)),
    )

    dimension = fields.Selection(
        [
            ("total", "Total"),
            ("channel", "Per channel"),
            ("category", "Per category"),
            ("neighbourhood", "Per neighbourhood"),
            ("outcome", "Per outcome"),
            ("feedback", "Per feedback timeliness"),
        ],
        readonly=True,
    )
    channel_id = fields.Many2one("don.signal.channel", readonly=True)
    category_id = fields.Many2one("don.signal.category", readonly=True)
    neighbourhood_id = fields.Many2one("don.neighbourhood", readonly=True)
    outcome = fields.Selection(SIGNAL_OUTCOMES, readonly=True)
    feedback_status = fields.Selection(
        FEEDBACK_STATUSES, string="Feedback timeliness", readonly=True
    )

    def init(self):
        result = super().init()
        # The municipality and period filters of the report are pushed down to
        # don_signal: an index on exactly that expression serves them.
        for grain, _label in GRAINS:
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON don_signal "
                    "(company_id, (date_trunc(%s, date_received)::date))",
                    SQL.identifier(f"don_signal_report_{grain}_index"),
                    grain,
                )
            )
        return result

    def _don_cube_source(self):
        return """
            SELECT company_id, date_received AS day, channel_id, category_id,
                   neighbourhood_id, outcome::varchar AS outcome,
                   CASE WHEN feedback_deadline IS NULL THEN 'none'
                        WHEN feedback_done_date IS NOT NULL
                             AND feedback_done_date <= feedback_deadline THEN 'on_time'
                        WHEN feedback_done_date IS NOT NULL THEN 'late'
                        WHEN feedback_deadline < CURRENT_DATE THEN 'overdue'
                        ELSE 'open' END AS feedback_status
              FROM don_signal
             WHERE date_received IS NOT NULL
        """
