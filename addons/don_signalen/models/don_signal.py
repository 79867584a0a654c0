# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

SIGNAL_STATES = [
    ("new", "New"),
    ("triage", "In triage"),
    ("discussed", "Discussed in Kernteam"),
    ("done", "Handled"),
]
SIGNAL_OUTCOMES = [
    ("linked_case", "Linked to a case"),
    ("new_case", "New case"),
    ("referred", "Referred"),
    ("no_action", "No action"),
]
URGENCIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Acute"),
]
REPORTER_TYPES = [
    ("organisation", "Organisation"),
    ("person", "Person"),
    ("anonymous", "Anonymous"),
]


class DonSignal(models.Model):
    """A signal about one or more young people sliding towards drug crime.

    Secured like the items of a case (don.shared.mixin): visible to whoever
    recorded it, its handler, the persons listed on it, users of its domain
    who are in the Kernteam or involved in its case, and every Kernteam member
    when shared at Kernteam level.
    """

    _name = "don.signal"
    _inherit = ["don.shared.mixin", "mail.activity.mixin"]
    _description = "Signal"
    _order = "date_received desc, id desc"
    _rec_name = "reference"
    _mail_post_access = "read"

    _don_access_fields = (
        "company_id",
        "case_id",
        "domain_id",
        "sharing_level",
        "user_ids",
        "author_id",
        "handler_id",
    )
    _don_audience_columns = ("author_id", "handler_id")
    _don_users_relation = ("don_signal_user_rel", "signal_id", "user_id")

    reference = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        index=True,
    )
    date_received = fields.Datetime(
        string="Received on", required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    channel_id = fields.Many2one(
        "don.signal.channel", required=True, ondelete="restrict", index=True
    )
    reporter_type = fields.Selection(
        REPORTER_TYPES, string="Reporter", required=True, default="organisation"
    )
    reporter_partner_id = fields.Many2one(
        "res.partner",
        string="Reporting organisation",
        index=True,
        ondelete="restrict",
        domain="[('is_company', '=', True)]",
    )
    reporter_name = fields.Char(string="Reporter's name")
    reporter_email = fields.Char(string="Reporter's e-mail")
    reporter_phone = fields.Char(string="Reporter's phone")
    youth_ids = fields.Many2many(
        "don.youth",
        "don_signal_youth_rel",
        "signal_id",
        "youth_id",
        string="Young people concerned",
        domain="[('company_id', '=', company_id)]",
    )
    youth_description = fields.Text(
        string="Description of the young person(s)",
        help="When the young people are not (yet) known in the register.",
    )
    location = fields.Char()
    neighbourhood_id = fields.Many2one("don.neighbourhood", ondelete="restrict", index=True)
    category_id = fields.Many2one("don.signal.category", ondelete="restrict", index=True)
    indicator_ids = fields.Many2many(
        "don.indicator",
        "don_signal_indicator_rel",
        "signal_id",
        "indicator_id",
        string="Indicators",
    )
    name = fields.Char(string="Summary", required=True, tracking=True)
    description = fields.Text(required=True)
    urgency = fields.Selection(URGENCIES, default="0", required=True, tracking=True)
    handler_id = fields.Many2one("res.users", index=True, tracking=True, ondelete="restrict")
    user_ids = fields.Many2many(
        "res.users",
        "don_signal_user_rel",
        "signal_id",
        "user_id",
        string="Explicitly involved",
        help="These persons see this signal whatever its sharing level.",
    )
    case_id = fields.Many2one("don.case", ondelete="set null", index=True, tracking=True)
    state = fields.Selection(
        SIGNAL_STATES,
        required=True,
        default="new",
        tracking=True,
        index=True,
        group_expand="_group_expand_state",
    )
    outcome = fields.Selection(SIGNAL_OUTCOMES, tracking=True, index=True)
    outcome_reason = fields.Text(string="Reason")
    date_done = fields.Date(string="Handled on", tracking=True, index=True)
    bundle_id = fields.Many2one(
        "don.signal",
        string="Bundled into",
        index=True,
        ondelete="set null",
        tracking=True,
        help="The main signal this signal was bundled into.",
    )
    bundled_ids = fields.One2many("don.signal", "bundle_id", string="Bundled signals")
    feedback_deadline = fields.Date(
        string="Feedback due", index=True, help="Date by which the reporter gets feedback."
    )
    feedback_done_date = fields.Date(
        string="Feedback given on", index=True, help="Date the reporter got the final feedback."
    )

    def _group_expand_state(self, states, domain):
        return [key for key, _label in SIGNAL_STATES]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code("don.signal") or _("New")
        return super().create(vals_list)
