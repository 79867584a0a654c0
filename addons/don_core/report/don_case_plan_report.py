# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import format_datetime


class DonCasePlanReport(models.AbstractModel):
    """The plan of a case printed as the reader (never sudo): the case must
    be readable by them; goals and interventions are searched through the
    record rules, so a reader sees only the interventions they may see."""

    _name = "report.don_core.report_don_case_plan"
    _description = "DON plan of a case"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["don.case"].browse(docids)
        docs.check_access("read")
        goals = self.env["don.case.goal"].search([("case_id", "in", docs.ids)])
        interventions = self.env["don.intervention"]
        if interventions.has_access("read"):
            interventions = interventions.search(
                [("goal_id", "in", goals.ids)], order="date_start, id"
            )
        # The print is written to the access log once, by ir.actions.report
        # (every DON print of a secured record is).
        return {
            "doc_ids": docids,
            "doc_model": "don.case",
            "docs": docs,
            "goals": {doc.id: goals.filtered(lambda g, d=doc: g.case_id == d) for doc in docs},
            "interventions": {
                goal.id: interventions.filtered(lambda i, g=goal: i.goal_id == g) for goal in goals
            },
            "user": self.env.user,
            "printed": format_datetime(self.env, fields.Datetime.now(), dt_format="short"),
            "data": data,
        }
