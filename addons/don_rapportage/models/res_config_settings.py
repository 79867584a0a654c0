# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .don_report_cube import DEFAULT_THRESHOLD, GRAIN_PARAM, GRAINS, THRESHOLD_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    don_small_number_threshold = fields.Integer(
        string="Small-number threshold",
        default=DEFAULT_THRESHOLD,
        config_parameter=THRESHOLD_PARAM,
        help="Report figures below this number are suppressed (shown as '<5'), together "
        "with the figures that would reveal them.",
    )
    don_period_grain = fields.Selection(
        GRAINS,
        string="Reporting period",
        default="month",
        config_parameter=GRAIN_PARAM,
        help="The period of the report figures. Small numbers are always suppressed per "
        "month; a quarter adds up the published figures of its months, so that no change "
        "of this setting reveals a suppressed figure.",
    )

    @api.constrains("don_small_number_threshold")
    def _check_don_threshold(self):
        for settings in self:
            if not 2 <= settings.don_small_number_threshold <= 100:
                raise ValidationError(_("The small-number threshold must be between 2 and 100."))

    def set_values(self):
        old_grain = self.env["ir.config_parameter"].sudo().get_param(GRAIN_PARAM, "month")
        result = super().set_values()
        if self.don_period_grain and self.don_period_grain != old_grain:
            # The cubes read the grain at query time; rebuilding every view
            # (the awareness cubes too) keeps their definitions current.
            Cube = self.env["don.report.cube"]
            for cube in Cube._don_cube_models():
                self.env[cube].init()
        return result
