# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .don_campaign import PHASES

SCORES = [
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very good"),
    ("5", "Excellent"),
]


class EventEvent(models.Model):
    """A DON training is an event for one target organisation or internal
    team, given by a trainer or provider (e.g. bureau HALT)."""

    _inherit = "event.event"

    don_is_training = fields.Boolean(string="DON training", index=True, copy=True)
    don_campaign_id = fields.Many2one(
        "don.campaign", string="Campaign", index=True, ondelete="set null"
    )
    don_phase = fields.Selection(
        PHASES, string="Phase", compute="_compute_don_phase", store=True, readonly=False
    )
    don_partner_id = fields.Many2one(
        "res.partner",
        string="Target organisation",
        index=True,
        ondelete="restrict",
        domain="[('is_company', '=', True), ('don_org_type', '!=', False)]",
        help="The school, club or internal team that is trained.",
    )
    don_provider_id = fields.Many2one(
        "res.partner",
        string="Trainer / provider",
        domain="[('is_company', '=', True)]",
        help="For example bureau HALT.",
    )
    don_card_id = fields.Many2one(
        "don.signal.card",
        string="Signal card handed out",
        domain="[('state', '!=', 'draft')]",
        ondelete="restrict",
    )
    don_evaluation = fields.Html(string="Evaluation")
    don_score = fields.Selection(SCORES, string="Evaluation score")
    don_held = fields.Boolean(
        string="Held",
        compute="_compute_don_held",
        store=True,
        index=True,
        help="The training took place: it is in an ended stage or someone attended.",
    )

    @api.depends("don_campaign_id.phase")
    def _compute_don_phase(self):
        for event in self:
            event.don_phase = event.don_campaign_id.phase or event.don_phase

    @api.depends("don_is_training", "stage_id.pipe_end", "registration_ids.state")
    def _compute_don_held(self):
        attended = {
            event.id
            for [event] in self.env["event.registration"]._read_group(
                [("event_id", "in", self.ids), ("state", "=", "done")], ["event_id"]
            )
        }
        for event in self:
            event.don_held = bool(event.don_is_training) and (
                event.stage_id.pipe_end or event.id in attended
            )

    @api.model_create_multi
    def create(self, vals_list):
        # The registration mails of a DON training (Events' templates take
        # the event's language first) go out in the municipality's
        # language, not in English because an attendee has no contact.
        for vals in vals_list:
            if vals.get("don_is_training") and not vals.get("lang"):
                vals["lang"] = self._don_training_lang(vals.get("company_id"))
        return super().create(vals_list)

    @api.model
    def _don_training_lang(self, company_id=None):
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        installed = dict(self.env["res.lang"].get_installed())
        for lang in (company.partner_id.lang, self.env.user.lang, self.env.lang):
            if lang and lang != "en_US" and lang in installed:
                return lang
        return False

    @api.onchange("don_partner_id")
    def _onchange_don_partner_id(self):
        if self.don_partner_id and not self.don_card_id:
            self.don_card_id = self.don_partner_id._don_current_signal_card()

    def action_don_print_signal_card(self):
        """The signal card of the trained organisation, with its QR code."""
        self.ensure_one()
        return self.don_partner_id.action_don_preview_signal_card()
