# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import config


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    don_signal_handler_id = fields.Many2one(
        related="company_id.don_signal_handler_id", readonly=False
    )
    don_signal_domain_id = fields.Many2one(
        related="company_id.don_signal_domain_id", readonly=False
    )
    don_signal_feedback_days = fields.Integer(
        string="Feedback within (working days)",
        config_parameter="don_signalen.feedback_days",
        default=5,
    )
    don_signal_duplicate_days = fields.Integer(
        string="Look for duplicates within (days)",
        config_parameter="don_signalen.duplicate_days",
        default=30,
    )
    don_signal_rate_ip = fields.Integer(
        string="Web reports per address per hour",
        config_parameter="don_signalen.rate_limit_ip",
        default=10,
    )
    don_signal_rate_token = fields.Integer(
        string="Web reports per reporting link per hour",
        config_parameter="don_signalen.rate_limit_token",
        default=30,
    )
    don_signal_rate_anonymous = fields.Integer(
        string="Anonymous web reports per hour, all addresses together",
        config_parameter="don_signalen.rate_limit_anonymous",
        default=100,
    )
    don_signal_proxy_mode = fields.Boolean(
        string="Odoo runs with proxy_mode",
        compute="_compute_don_signal_proxy_mode",
        help="Whether Odoo takes the reporter's address from the reverse proxy "
        "(proxy_mode in the Odoo configuration file).",
    )

    @api.depends("company_id")
    def _compute_don_signal_proxy_mode(self):
        for settings in self:
            settings.don_signal_proxy_mode = bool(config.get("proxy_mode"))
