# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

SUGGESTION_STATES = [
    ("proposed", "Proposed"),
    ("confirmed", "Confirmed"),
    ("rejected", "Rejected"),
]


class DonRelationSuggestion(models.Model):
    """Two young people named together in one signal: a proposed network
    relation 'found together' that the handler confirms or rejects. Nothing
    is added to the network without that decision.

    Visible only to who may see the signal and both young people.
    """

    _name = "don.relation.suggestion"
    _inherit = ["don.secured.mixin"]
    _description = "Relation suggestion from a signal"
    _order = "date desc, id desc"

    _don_access_fields = ("company_id", "signal_id", "youth_a_id", "youth_b_id")
    _don_access_follows = (
        ("don.signal", "signal_id"),
        ("don.youth", "youth_a_id"),
        ("don.youth", "youth_b_id"),
    )

    signal_id = fields.Many2one("don.signal", required=True, index=True, ondelete="cascade")
    youth_a_id = fields.Many2one(
        "don.youth", string="Young person", required=True, index=True, ondelete="cascade"
    )
    youth_b_id = fields.Many2one(
        "don.youth", string="Together with", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, index=True, readonly=True
    )
    date = fields.Date(string="Signal date", readonly=True)
    state = fields.Selection(
        SUGGESTION_STATES, required=True, default="proposed", index=True, readonly=True
    )
    relation_id = fields.Many2one("don.network.relation", readonly=True, ondelete="set null")
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)

    _sql_constraints = [
        (
            "pair_uniq",
            "unique(signal_id, youth_a_id, youth_b_id)",
            "A pair of young people is proposed once per signal.",
        ),
    ]

    def _don_label(self):
        return _(
            "%(youth)s together with %(other)s",
            youth=self.youth_a_id.display_name,
            other=self.youth_b_id.display_name,
        )

    @api.depends_context("uid")
    @api.depends("youth_a_id", "youth_b_id")
    def _compute_display_name(self):
        return super()._compute_display_name()

    # ------------------------------------------------------------------
    # Access relation: the signal and both young people.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        return SQL(
            "%s AND %s AND %s",
            self._don_sql_sees("don.signal", SQL("rec.signal_id")),
            self._don_sql_sees("don.youth", SQL("rec.youth_a_id")),
            self._don_sql_sees("don.youth", SQL("rec.youth_b_id")),
        )

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _check_proposed(self):
        if any(suggestion.state != "proposed" for suggestion in self):
            raise UserError(_("This suggestion has already been decided on."))

    def _relation_domain(self):
        """The domain the confirmed relation is recorded for: the signal's
        domain when the user belongs to it, else the user's own domain."""
        own = self.env["don.domain"]._default_for_user()
        signal_domain = self.signal_id.domain_id
        if signal_domain.group_id and signal_domain.group_id in self.env.user.groups_id:
            return signal_domain.id
        if not own:
            raise UserError(_("You have no DON domain to record the relation for."))
        return own

    def action_confirm(self):
        self._check_proposed()
        for suggestion in self:
            relation = self.env["don.network.relation"].create(
                {
                    "source_youth_id": suggestion.youth_a_id.id,
                    "target_youth_id": suggestion.youth_b_id.id,
                    "relation_type": "found_together",
                    "info_source": "signal",
                    "reliability": "unknown",
                    "date_from": suggestion.date,
                    "domain_id": suggestion._relation_domain(),
                    "sharing_level": "domain",
                    "company_id": suggestion.company_id.id,
                    "description": _(
                        "Named together in signal %(reference)s.",
                        reference=suggestion.signal_id.reference,
                    ),
                }
            )
            suggestion.write(
                {"state": "confirmed", "relation_id": relation.id, "decided_by_id": self.env.uid}
            )
        return True

    def action_reject(self):
        self._check_proposed()
        self.write({"state": "rejected", "decided_by_id": self.env.uid})
        return True

    # ------------------------------------------------------------------
    # Privacy lifecycle: a proposal names two young people; it goes when
    # one of them is erased.
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        self.env["don.privacy"]._purge_traces(self)
        self.unlink()

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self, youth, ["signal_id", "youth_a_id", "youth_b_id", "date", "state"], chatter=False
        )
