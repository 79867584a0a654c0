# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.mail import html_to_inner_content

# Register and case numbers (don_core sequences JGD-00001, CAS-2026-0001)
# and measure numbers of this addon: a Driehoek record names none of them.
PERSONAL_REFERENCE = re.compile(r"\b(JGD|CAS|BM)-\d", re.IGNORECASE)


class DonDriehoekMeeting(models.Model):
    """A meeting of the Driehoek (mayor, police chief, Public Prosecutor):
    the priorities it sets, the mandate it gives and its administrative
    decisions. It holds no personal data: no young person, no case."""

    _name = "don.driehoek.meeting"
    _inherit = ["mail.thread"]
    _description = "Driehoek meeting"
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Municipality",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    project_id = fields.Many2one(
        "project.project",
        string="DON project",
        domain="[('is_don_project', '=', True), ('company_id', 'in', (False, company_id))]",
    )
    participants = fields.Char(
        help="The offices present (e.g. mayor, district chief of police, public prosecutor), "
        "no names of young people.",
    )
    priorities = fields.Html(help="The priorities the Driehoek sets for the approach.")
    mandate = fields.Html(help="The mandate the Driehoek gives the Kernteam and the project.")
    decision_ids = fields.One2many(
        "don.driehoek.decision", "meeting_id", string="Decisions", copy=True
    )
    goal_ids = fields.Many2many(
        "don.project.goal",
        string="Goals",
        domain="[('project_id', '=', project_id)]",
        help="The goals of the DON project this meeting discussed.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("final", "Final")], default="draft", required=True, tracking=True
    )

    @api.constrains("name", "participants", "priorities", "mandate", "company_id")
    def _check_no_personal_data(self):
        self._don_check_no_personal_data(
            [(m.company_id, [m.name, m.participants, m.priorities, m.mandate]) for m in self]
        )

    @api.model
    def _don_plain_text(self, texts):
        """The texts as one string to check: each as typed and, when it may
        be html, without its tags, whitespace collapsed. A name or number
        hidden between '<' and '>' in a plain text (read as html it would
        vanish) and one split by tags or marked bold in an html text (as
        plain text it reads "Noah <b>Verbeek</b>") are both found."""
        parts = []
        for text in texts:
            text = text or ""
            parts.append(text)
            if "<" in text:
                parts.append(html_to_inner_content(text))
        return " ".join(" ".join(part.split()) for part in parts)

    @api.model
    def _don_check_no_personal_data(self, items):
        """Refuse texts that name a case or register number, or the full
        name of a young person of the municipality's register.

        ``items``: [(company, [texts])]. The register is searched in SQL,
        without reading it: only whether a name occurs is used, and the
        refusal names none (the user may not see that young person)."""
        for company, texts in items:
            plain = self._don_plain_text(texts)
            if not plain.strip():
                continue
            if PERSONAL_REFERENCE.search(plain):
                raise ValidationError(
                    _(
                        "A Driehoek record holds no personal data: remove the case or "
                        "register number."
                    )
                )
            self.env.cr.execute(
                SQL(
                    """SELECT 1 FROM don_youth
                        WHERE company_id = %s AND length(name) > 3
                          AND strpos(lower(%s), lower(name)) > 0 LIMIT 1""",
                    company.id,
                    plain,
                )
            )
            if self.env.cr.fetchone():
                raise ValidationError(
                    _(
                        "A Driehoek record holds no personal data: the text names a young "
                        "person of the register. Describe the matter without names."
                    )
                )

    def action_final(self):
        self.write({"state": "final"})

    def action_add_decision(self):
        """A new decision of this meeting, in a dialog: the Driehoek role
        records decisions without the right to change the meeting."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a decision"),
            "res_model": "don.driehoek.decision",
            "view_mode": "form",
            "views": [(self.env.ref("don_bestuur.don_driehoek_decision_view_form").id, "form")],
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }
