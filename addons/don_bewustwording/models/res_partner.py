# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .don_signal_card import ORG_TYPE_AUDIENCE
from .res_config_settings import REFRESHER_PARAM

_logger = logging.getLogger(__name__)

REACH_GROUPS = (
    "don_core.group_don_professional,don_core.group_don_manager,don_core.group_don_reporting"
)


class ResPartner(models.Model):
    """Target organisations of the awareness campaigns: their DON contact,
    trainings, signal card and refresher planning."""

    _inherit = "res.partner"

    don_contact_id = fields.Many2one(
        "res.partner",
        string="DON contact person",
        domain="[('parent_id', '=', id), ('is_company', '=', False)]",
        help="The person at this organisation who is the contact for DON.",
    )
    don_owner_id = fields.Many2one(
        "res.users",
        string="DON account manager",
        domain="[('share', '=', False)]",
        help="The municipality's employee who keeps in touch with this organisation; "
        "receives the refresher reminders.",
    )
    don_training_ids = fields.One2many(
        "event.event",
        "don_partner_id",
        string="DON trainings",
        domain=[("don_is_training", "=", True)],
    )
    don_last_training_date = fields.Date(
        string="Last training",
        compute="_compute_don_last_training_date",
        store=True,
        help="Date of the last DON training held for this organisation.",
    )
    don_refresher_months = fields.Integer(
        string="Refresher interval (months)",
        help="Months after the last training before a refresher is due; "
        "0 uses the default of the DON settings.",
    )
    don_next_training_date = fields.Date(
        string="Refresher due on",
        compute="_compute_don_next_training_date",
        store=True,
        index=True,
    )
    don_refresher_due = fields.Boolean(
        string="Refresher due",
        compute="_compute_don_refresher_due",
        search="_search_don_refresher_due",
    )
    don_card_received_id = fields.Many2one(
        "don.signal.card",
        string="Signal card received",
        compute="_compute_don_card_received_id",
        help="The signal card version handed out at the last training held.",
    )
    # Reach and effect, read from the SQL view don.awareness.org.report
    don_first_training_date = fields.Date(
        string="First training", compute="_compute_don_reach", groups=REACH_GROUPS
    )
    don_reach_training_count = fields.Integer(
        string="Trainings held", compute="_compute_don_reach", groups=REACH_GROUPS
    )
    don_reach_people_count = fields.Integer(
        string="People trained", compute="_compute_don_reach", groups=REACH_GROUPS
    )
    don_signals_before = fields.Integer(
        string="Signals before first training", compute="_compute_don_reach", groups=REACH_GROUPS
    )
    don_signals_after = fields.Integer(
        string="Signals after first training", compute="_compute_don_reach", groups=REACH_GROUPS
    )

    @api.model
    def _don_default_refresher_months(self):
        # sudo: the refresher interval is configuration, not personal data
        value = self.env["ir.config_parameter"].sudo().get_param(REFRESHER_PARAM, "12")
        try:
            return max(int(value), 1)
        except ValueError:
            return 12

    @api.depends("don_training_ids.don_held", "don_training_ids.date_begin")
    def _compute_don_last_training_date(self):
        last = {
            partner.id: date_begin
            for partner, date_begin in self.env["event.event"]._read_group(
                [
                    ("don_partner_id", "in", self.ids),
                    ("don_is_training", "=", True),
                    ("don_held", "=", True),
                ],
                ["don_partner_id"],
                ["date_begin:max"],
            )
        }
        for partner in self:
            value = last.get(partner.id)
            partner.don_last_training_date = value and value.date()

    @api.depends("don_last_training_date", "don_refresher_months")
    def _compute_don_next_training_date(self):
        default = self._don_default_refresher_months()
        for partner in self:
            if partner.don_last_training_date:
                months = partner.don_refresher_months or default
                partner.don_next_training_date = partner.don_last_training_date + relativedelta(
                    months=months
                )
            else:
                partner.don_next_training_date = False

    @api.depends("don_next_training_date")
    def _compute_don_refresher_due(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.don_refresher_due = bool(
                partner.don_next_training_date and partner.don_next_training_date <= today
            )

    def _search_don_refresher_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on 'Refresher due'."))
        today = fields.Date.context_today(self)
        due = [("don_next_training_date", "<=", today)]
        if (operator == "=") == bool(value):
            return due
        return ["|", ("don_next_training_date", "=", False), ("don_next_training_date", ">", today)]

    @api.depends("don_training_ids.don_held", "don_training_ids.don_card_id")
    def _compute_don_card_received_id(self):
        events = self.env["event.event"].search(
            [
                ("don_partner_id", "in", self.ids),
                ("don_is_training", "=", True),
                ("don_held", "=", True),
                ("don_card_id", "!=", False),
            ],
            order="date_begin desc",
        )
        cards = {}
        for event in events:
            cards.setdefault(event.don_partner_id.id, event.don_card_id)
        for partner in self:
            partner.don_card_received_id = cards.get(partner.id, False)

    def _compute_don_reach(self):
        """All partners in one query on the SQL view."""
        figures = {
            partner.id: values
            for partner, *values in self.env["don.awareness.org.report"]._read_group(
                [("partner_id", "in", self.ids)],
                ["partner_id"],
                [
                    "first_training_date:min",
                    "training_count:sum",
                    "people_count:sum",
                    "signals_before:sum",
                    "signals_after:sum",
                ],
            )
        }
        for partner in self:
            first, trainings, people, before, after = figures.get(partner.id, (False, 0, 0, 0, 0))
            partner.don_first_training_date = first
            partner.don_reach_training_count = trainings
            partner.don_reach_people_count = people
            partner.don_signals_before = before
            partner.don_signals_after = after

    def _don_audience(self):
        self.ensure_one()
        return ORG_TYPE_AUDIENCE.get(self.don_org_type or "other", "parents")

    def _don_current_signal_card(self):
        self.ensure_one()
        return self.env["don.signal.card"]._current_for_audience(self._don_audience())

    def _don_check_signal_card_printable(self):
        """Refuse, with a message that says what to do, to print a signal
        card that could not take the organisation to the municipality's
        public reporting page."""
        self.ensure_one()
        if not self.don_org_type:
            raise UserError(
                _("Only an organisation with a DON organisation type has a signal card.")
            )
        if not self._don_current_signal_card():
            raise UserError(
                _("There is no published signal card for this organisation's audience yet.")
            )
        if not self._don_intake_company()._don_intake_base_url():
            raise UserError(
                _(
                    "The signal card of %(name)s cannot be printed yet: the public address of "
                    "the municipality's reporting page is not set. A DON administrator sets it "
                    "in Settings, DON Signals, Public reporting page.",
                    name=self.display_name,
                )
            )
        # Reading the key needs DON-beheerder or Kernteamlid (field groups).
        if not self.don_intake_token:
            raise UserError(
                _(
                    "%(name)s has no reporting link yet: create it on the organisation's form "
                    "(tab DON reporting) before printing its signal card.",
                    name=self.display_name,
                )
            )

    def _don_print_signal_card(self, report_xmlid):
        self.ensure_one()
        self._don_check_signal_card_printable()
        return self.env.ref(report_xmlid).report_action(self)

    def action_don_print_signal_card(self):
        return self._don_print_signal_card("don_bewustwording.action_report_partner_signal_card")

    def action_don_print_signal_card_pocket(self):
        return self._don_print_signal_card(
            "don_bewustwording.action_report_partner_signal_card_pocket"
        )

    def action_don_preview_signal_card(self):
        return self._don_print_signal_card(
            "don_bewustwording.action_report_partner_signal_card_html"
        )

    def action_don_view_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "don_bewustwording.don_training_action"
        )
        action["domain"] = [("don_partner_id", "=", self.id)]
        action["context"] = {"default_don_is_training": True, "default_don_partner_id": self.id}
        return action

    @api.model
    def _cron_don_refresher_activities(self):
        """One refresher activity per due organisation, for its DON account
        manager or else the owner of the campaign of its last training;
        never a second one while the first is open."""
        activity_type = self.env.ref("don_bewustwording.mail_activity_type_don_refresher")
        due = self.search([("don_refresher_due", "=", True), ("don_org_type", "!=", False)])
        if not due:
            return
        open_ids = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", due.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        todo = due.filtered(lambda p: p.id not in open_ids)
        last_events = self.env["event.event"].search(
            [
                ("don_partner_id", "in", todo.ids),
                ("don_is_training", "=", True),
                ("don_held", "=", True),
            ],
            order="date_begin desc",
        )
        campaign_owner = {}
        for event in last_events:
            campaign_owner.setdefault(event.don_partner_id.id, event.don_campaign_id.user_id)
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for partner in todo:
            user = partner.don_owner_id or campaign_owner.get(partner.id)
            if not user:
                _logger.info("DON refresher due for partner %s but nobody to remind", partner.id)
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": partner.don_next_training_date,
                    "summary": _("Plan a refresher training"),
                }
            )
        self.env["mail.activity"].create(vals_list)
