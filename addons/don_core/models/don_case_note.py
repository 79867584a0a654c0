# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.sql import create_index

NOTE_TYPES = [
    ("police", "Police information"),
    ("care", "Care information"),
    ("school", "School information"),
    ("safety", "Public order and safety"),
    ("justice", "Justice information"),
    ("other", "Other"),
]
# The kind a contribution of a domain usually is (by domain code).
DOMAIN_NOTE_TYPES = {
    "politie": "police",
    "sociaal": "care",
    "veiligheid": "safety",
    "om": "justice",
}


class DonCaseNote(models.Model):
    """A contribution: what one domain knows about a case."""

    _name = "don.case.note"
    _inherit = ["don.shared.mixin"]
    # Every consultation (form, list page, export) is logged.
    _don_log_open = True
    _description = "Case contribution"
    _order = "date desc, id desc"

    _don_users_relation = ("don_case_note_user_rel", "note_id", "user_id")
    _don_privacy_fields = ("name", "body")
    # Contributions of a period, and per domain, are counted in the relation.
    _don_access_copied = {"rec_date": "date", "rec_ref": "domain_id"}

    case_id = fields.Many2one(required=True)
    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    note_type = fields.Selection(
        NOTE_TYPES, string="Kind", required=True, default=lambda self: self._default_note_type()
    )
    body = fields.Text(string="Content", required=True)
    user_ids = fields.Many2many(
        "res.users",
        "don_case_note_user_rel",
        "note_id",
        "user_id",
        string="Explicitly involved",
        help="These persons see this contribution whatever its sharing level.",
    )

    def init(self):
        result = super().init()
        # Preparing the agenda asks which cases got information since the
        # previous meeting: without this index, a scan of every contribution.
        create_index(self.env.cr, "don_case_note_create_date_index", self._table, ["create_date"])
        # Contributions of a period per domain (the grouping of the list, the
        # reports): counted from the index alone, without visiting the rows
        # (a year of a municipality is about 100,000 contributions).
        create_index(
            self.env.cr,
            "don_case_note_date_domain_company_index",
            self._table,
            ["date", "domain_id", "company_id"],
        )
        return result

    @api.model
    def _default_note_type(self):
        """The kind follows the writer's domain: police information from
        the police, care information from the social domain."""
        # sudo: the code of a domain of the catalogue (configuration, not
        # personal data), one record, found from the user's own groups.
        domain = self.env["don.domain"].sudo().browse(self.env["don.domain"]._default_for_user())
        return DOMAIN_NOTE_TYPES.get(domain.code, "other")

    @api.onchange("domain_id")
    def _onchange_domain_id_note_type(self):
        # Only while the kind is still the default: a chosen kind stays.
        if self.domain_id and self.note_type in ("other", self._default_note_type()):
            self.note_type = DOMAIN_NOTE_TYPES.get(self.domain_id.code, "other")
