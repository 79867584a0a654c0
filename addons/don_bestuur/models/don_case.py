# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import SQL

from .don_gezag_measure import MAYOR_GROUP, MAYOR_STATES


class DonCase(models.Model):
    _inherit = "don.case"

    gezag_measure_ids = fields.One2many("don.gezag.measure", "case_id", string="Mayor's measures")
    gezag_measure_count = fields.Integer(compute="_compute_gezag_measure_count")

    @api.depends("gezag_measure_ids")
    def _compute_gezag_measure_count(self):
        counts = dict(
            self.env["don.gezag.measure"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.gezag_measure_count = counts.get(case, 0)

    # ------------------------------------------------------------------
    # Access relation: the mayor sees the cases with a measure proposed to
    # or decided by them (and, through the rules of the items, nothing of
    # their contributions, factors, system or interventions).
    # ------------------------------------------------------------------
    @api.model
    def _don_access_declaration(self):
        declaration = super()._don_access_declaration()
        declaration["inputs"] = dict(
            declaration["inputs"],
            **{"don.gezag.measure": ("case_id", "state", "mayor_id", "decided_by_id")},
        )
        return declaration

    @api.model
    def _don_access_condition(self, params):
        mayor = self._don_sql_in_group(params, self.env["don.access"]._gid(MAYOR_GROUP))
        return SQL(
            """(%s) OR (%s AND EXISTS (
                SELECT 1 FROM don_gezag_measure m
                 WHERE m.case_id = rec.id AND m.state IN %s
                   AND (m.mayor_id = u.id OR m.decided_by_id = u.id)))""",
            super()._don_access_condition(params),
            mayor,
            MAYOR_STATES,
        )

    def action_view_gezag_measures(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Mayor's measures"),
            "res_model": "don.gezag.measure",
            "view_mode": "list,form",
            "domain": [("case_id", "=", self.id)],
            "context": {"default_case_id": self.id},
        }

    # ------------------------------------------------------------------
    # Privacy lifecycle: the measures are part of the case's information.
    # ------------------------------------------------------------------
    def _don_privacy_case_scope(self):
        scope = super()._don_privacy_case_scope()
        measures = (
            self.env["don.gezag.measure"]
            .sudo()
            .with_context(active_test=False)
            .search([("case_id", "in", self.ids)])
        )
        # Before the case itself (the engine handles the case last).
        result = {key: value for key, value in scope.items() if key != "don.case"}
        result["don.gezag.measure"] = measures
        result["don.case"] = scope["don.case"]
        return result
