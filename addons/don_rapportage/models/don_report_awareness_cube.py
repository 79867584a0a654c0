# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.don_bewustwording.models.don_campaign import PHASES
from odoo.addons.don_core.models.res_partner import DON_ORG_TYPES


class DonReportAwarenessCube(models.AbstractModel):
    """The breakdowns of the awareness figures: per phase of the approach
    (1 internal teams, 2 schools and clubs, 3 parents and youth) and per
    kind of organisation trained. Part of the dark-number picture: more
    awareness activity can mean more signals without more crime."""

    _name = "don.report.awareness.cube"
    _inherit = "don.report.cube"
    _description = "DON report: awareness figures"

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

    @api.model
    def _don_awareness_source(self, rows, condition):
        """One source row per ``rows`` (SQL joined to the training ``e``)
        where ``condition`` holds, with the training's phase and the kind of
        its target organisation."""
        return f"""
            SELECT e.company_id, e.date_begin::date AS day, e.don_phase::varchar AS phase,
                   p.don_org_type::varchar AS target
              FROM {rows}
              LEFT JOIN res_partner p ON p.id = e.don_partner_id
             WHERE e.don_is_training AND e.company_id IS NOT NULL AND {condition}
        """
