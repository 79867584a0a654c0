# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import config


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    don_signal_alias_email = fields.Char(
        string="E-mail address for signals", compute="_compute_don_signal_alias"
    )
    don_signal_alias_missing_domain = fields.Boolean(
        string="Signal alias without domain", compute="_compute_don_signal_alias"
    )
    don_signal_handler_id = fields.Many2one(
        related="company_id.don_signal_handler_id", readonly=False
    )
    don_signal_domain_id = fields.Many2one(
        related="company_id.don_signal_domain_id", readonly=False
    )
    don_intake_public_url = fields.Char(related="company_id.don_intake_public_url", readonly=False)
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

    @api.depends("company_id")
    def _compute_don_signal_alias(self):
        # sudo: alias configuration, not personal data; only DON managers
        # see the setting (view groups).
        alias = self.env.ref("don_signalen.mail_alias_signals", raise_if_not_found=False)
        alias = alias.sudo() if alias else alias
        for settings in self:
            ready = bool(alias and alias.alias_domain_id)
            settings.don_signal_alias_email = alias.alias_full_name if ready else False
            settings.don_signal_alias_missing_domain = bool(alias) and not ready

    def action_don_open_signal_alias(self):
        alias = self.env.ref("don_signalen.mail_alias_signals")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.alias",
            "res_id": alias.id,
            "view_mode": "form",
            "target": "current",
        }
