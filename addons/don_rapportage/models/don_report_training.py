# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.don_bewustwording.models.don_campaign import PHASES
from odoo.addons.don_core.models.res_partner import DON_ORG_TYPES


class DonReportTraining(models.Model):
    """Awareness trainings held per period, per phase of the approach
    (1 internal teams, 2 schools and clubs, 3 parents and youth) and per
    kind of organisation trained. Part of the dark-number picture: more
    awareness activity can mean more signals without more crime."""

    _name = "don.report.training"
    _inherit = "don.report.cube"
    _description = "DON report: awareness trainings held"
    _auto = False
    _depends = {
        "event.event": [
            "company_id",
            "date_begin",
            "don_is_training",
            "don_held",
            "don_phase",
            "don_partner_id",
        ],
        "res.partner": ["don_org_type"],
        "ir.config_parameter": ["key", "value"],
    }

    _don_cube_keys = (
        ("phase", "varchar"),
        ("target", "varchar"),
    )
    _don_cube_dimensions = (
        ("total", None, ()),
        ("phase", None, ("phase",)),
        ("target", None, ("target",)),
    )

    dimension = fields.Selection(
        [("total", "Total"), ("phase", "Per phase"), ("target", "Per kind of organisation")],
        readonly=True,
    )
    phase = fields.Selection(PHASES, readonly=True)
    target = fields.Selection(DON_ORG_TYPES, string="Kind of organisation", readonly=True)

    def _don_cube_source(self):
        return """
            SELECT e.company_id, e.date_begin::date AS day, e.don_phase::varchar AS phase,
                   p.don_org_type::varchar AS target
              FROM event_event e LEFT JOIN res_partner p ON p.id = e.don_partner_id
             WHERE e.don_is_training AND e.don_held AND e.company_id IS NOT NULL
        """
