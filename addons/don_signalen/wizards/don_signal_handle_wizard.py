# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import unicodedata

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.don_signal import SIGNAL_OUTCOMES

SUGGESTION_LIMIT = 8
NAME_SIMILARITY = 0.3
NAME_MAX = 120
# Where the name ends in a description such as "Daan, 15 jaar" or
# "Daan de Vries (15) uit de Vogelbuurt".
NAME_END = re.compile(
    r"[,;:(\[/]|\s[-\u2013]\s|\s\d|\s(?:uit|op|bij|jaar|is|zit|woont|heeft)\s", re.IGNORECASE
)

NAME_PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "te",
    "ten",
    "ter",
    "in",
    "op",
    "el",
    "al",
    "la",
    "le",
    "du",
    "da",
    "di",
    "dos",
    "bin",
    "ben",
    "ibn",
    "y",
}


def clean_name(value):
    """A name as typed or found in a signal, without control characters (NUL
    bytes included), with single spaces, at most NAME_MAX characters."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in (value or "")
    )
    return " ".join(text.split())[:NAME_MAX].strip()


def name_from_description(description):
    """The name at the start of a signal's description of the young person
    ("Daan, 15 jaar, zit op het Testcollege" gives "Daan"), or ''."""
    lines = [line for line in (description or "").splitlines() if line.strip()]
    if not lines:
        return ""
    first = clean_name(lines[0])
    name = NAME_END.split(first + " ", maxsplit=1)[0].strip()
    # A name is a few capitalised words (Dutch particles aside): a sentence
    # ("Een jongen van een jaar of vijftien") is not a name.
    words = name.split()
    if (
        not words
        or len(words) > 5
        or not words[0][0].isupper()
        or not all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)
    ):
        return ""
    return name


class DonSignalHandleWizard(models.TransientModel):
    """Handle a signal: link it to a case, open a new case (with a new young
    person when needed, carrying the signal's data over), refer it, or take
    no action, always with a reason."""

    _name = "don.signal.handle.wizard"
    _description = "Handle signal"

    signal_id = fields.Many2one("don.signal", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="signal_id.company_id")
    outcome = fields.Selection(SIGNAL_OUTCOMES, required=True, default="linked_case")
    reason = fields.Text(required=True)
    case_id = fields.Many2one(
        "don.case",
        domain="[('company_id', '=', company_id), ('stage', '!=', 'afgesloten')]",
    )
    youth_id = fields.Many2one(
        "don.youth",
        string="Young person",
        domain="[('company_id', '=', company_id)]",
        help="Leave empty to register a new young person.",
    )
    youth_name = fields.Char(
        string="Name of the new young person",
        compute="_compute_youth_defaults",
        store=True,
        readonly=False,
        precompute=True,
    )
    youth_date_of_birth = fields.Date(string="Date of birth")
    youth_school_id = fields.Many2one(
        "res.partner",
        string="School",
        compute="_compute_youth_defaults",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("don_org_type", "=", "school")],
    )
    youth_club_id = fields.Many2one(
        "res.partner",
        string="Sports club",
        compute="_compute_youth_defaults",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("don_org_type", "=", "sportclub")],
    )
    youth_neighbourhood_id = fields.Many2one(
        "don.neighbourhood",
        string="Neighbourhood",
        compute="_compute_youth_defaults",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('company_id', '=', company_id)]",
    )
    youth_suggestion_ids = fields.Many2many(
        "don.youth",
        string="Known young people with a similar name",
        compute="_compute_youth_suggestion_ids",
        help="Young people in the register you may see, with a similar name or the same "
        "date of birth. Choose one above instead of registering the young person twice.",
    )
    director_id = fields.Many2one(
        "res.users",
        string="Case director",
        compute="_compute_case_defaults",
        store=True,
        readonly=False,
        precompute=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("don_core.group_don_professional").id)
        ],
    )
    lead_domain_id = fields.Many2one(
        "don.domain",
        string="Lead domain",
        compute="_compute_case_defaults",
        store=True,
        readonly=False,
        precompute=True,
    )
    involved_user_ids = fields.Many2many(
        "res.users",
        string="Involved professionals",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("don_core.group_don_professional").id)
        ],
        help="Professionals who work on the new case and may see it.",
    )

    @api.model
    def _don_clean_vals(self, vals):
        """What a form sends: the name as it will be stored, no NUL byte in
        any text (PostgreSQL refuses it: that would be a server error)."""
        vals = dict(vals)
        if vals.get("youth_name"):
            vals["youth_name"] = clean_name(vals["youth_name"]) or False
        for fname, value in vals.items():
            if isinstance(value, str) and "\x00" in value:
                vals[fname] = value.replace("\x00", "")
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._don_clean_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._don_clean_vals(vals))

    @api.depends("signal_id")
    def _compute_youth_defaults(self):
        """What the signal holds about the young person: the name at the
        start of its description, the reporting school or club, the
        neighbourhood."""
        for wizard in self:
            signal = wizard.signal_id
            reporter = signal.reporter_partner_id
            wizard.youth_name = name_from_description(signal.youth_description) or False
            wizard.youth_school_id = reporter if reporter.don_org_type == "school" else False
            wizard.youth_club_id = reporter if reporter.don_org_type == "sportclub" else False
            wizard.youth_neighbourhood_id = signal.neighbourhood_id

    @api.depends("signal_id")
    def _compute_case_defaults(self):
        is_professional = self.env.user.has_group("don_core.group_don_professional")
        for wizard in self:
            wizard.director_id = self.env.user if is_professional else False
            wizard.lead_domain_id = wizard.signal_id.domain_id

    @api.depends("youth_name", "youth_date_of_birth", "company_id")
    def _compute_youth_suggestion_ids(self):
        for wizard in self:
            wizard.youth_suggestion_ids = wizard._don_similar_youths()

    def _don_similar_youths(self):
        """Young people of the municipality the user may see (the register's
        record rules apply to the search), with a similar name or the same
        date of birth, the most similar first."""
        self.ensure_one()
        Youth = self.env["don.youth"]
        name = clean_name(self.youth_name)
        parts = [part for part in name.split() if len(part) >= 3]
        if not self.company_id or (not parts and not self.youth_date_of_birth):
            return Youth.browse()
        conditions, score = [], []
        trigram = bool(name) and self.env.registry.has_trigram
        if trigram:
            conditions.append(SQL("similarity(don_youth.name, %s) >= %s", name, NAME_SIMILARITY))
            score.append(SQL("similarity(don_youth.name, %s)", name))
        for part in parts:
            pattern = "%%%s%%" % part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(SQL("don_youth.name ILIKE %s", pattern))
        if self.youth_date_of_birth:
            conditions.append(SQL("don_youth.date_of_birth = %s", self.youth_date_of_birth))
            score.append(
                SQL(
                    "CASE WHEN don_youth.date_of_birth = %s THEN 1 ELSE 0 END",
                    self.youth_date_of_birth,
                )
            )
        Youth.flush_model(["name", "date_of_birth", "company_id", "active"])
        query = Youth._search([("company_id", "=", self.company_id.id)])
        query.add_where(SQL("(%s)", SQL(" OR ").join(conditions)))
        query.order = SQL(
            "%s DESC, don_youth.name, don_youth.id", SQL(" + ").join(score) if score else SQL("0")
        )
        query.limit = SUGGESTION_LIMIT
        return Youth.browse(query)

    @api.onchange("signal_id", "outcome")
    def _onchange_outcome(self):
        if self.outcome == "new_case" and not self.youth_id and len(self.signal_id.youth_ids) == 1:
            self.youth_id = self.signal_id.youth_ids
        if self.outcome == "linked_case" and not self.case_id:
            # The signal's case, else the one open case of its young person.
            # Searched with the user's rights: only a case they may see.
            cases = self.signal_id.case_id or self.env["don.case"].search(
                [
                    ("youth_id", "in", self.signal_id.youth_ids.ids),
                    ("stage", "!=", "afgesloten"),
                ],
                limit=2,
            )
            if len(cases) == 1:
                self.case_id = cases

    def _create_case(self):
        signal = self.signal_id
        youth = self.youth_id
        if not self.director_id or not self.lead_domain_id:
            raise UserError(_("Choose the case director and the lead domain of the new case."))
        if not youth:
            name = clean_name(self.youth_name)
            if not any(char.isalpha() for char in name):
                raise UserError(_("Choose the young person or give the name of a new one."))
            youth = self.env["don.youth"].create(
                {
                    "name": name,
                    "date_of_birth": self.youth_date_of_birth,
                    "company_id": signal.company_id.id,
                    "neighbourhood_id": self.youth_neighbourhood_id.id,
                    "school_id": self.youth_school_id.id,
                    "club_id": self.youth_club_id.id,
                }
            )
        summary = _(
            "Opened from signal %(ref)s (%(date)s): %(name)s",
            ref=signal.reference,
            date=fields.Date.to_string(signal.date_received.date()),
            name=signal.name,
        )
        case = self.env["don.case"].create(
            {
                "youth_id": youth.id,
                "company_id": signal.company_id.id,
                "summary": Markup("<p>%s</p>") % summary,
                "director_id": self.director_id.id,
                "lead_domain_id": self.lead_domain_id.id,
                "involved_user_ids": [Command.link(user.id) for user in self.involved_user_ids],
            }
        )
        if youth not in signal.youth_ids:
            signal.write({"youth_ids": [Command.link(youth.id)]})
        self._don_take_over_decisions(case)
        return case

    def _don_take_over_decisions(self, case):
        """The Kernteam's decisions on the signal, as the user may read them
        (the agenda items' rule), go into the messages of the new case; the
        actions follow the signal to the case (don.signal._don_handle)."""
        items = self.env["don.agenda.item"].search(
            [("signal_id", "=", self.signal_id.id), ("decision", "!=", False)],
            order="id",
        )
        if not items:
            return
        lines = Markup("").join(
            Markup("<li>%s: %s</li>")
            % (fields.Date.to_string(item.meeting_id.date.date()), item.decision)
            for item in items
        )
        case.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                _("Kernteam decisions on signal %(ref)s:", ref=self.signal_id.reference),
                lines,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_confirm(self):
        self.ensure_one()
        case = None
        if self.outcome == "linked_case":
            if not self.case_id:
                raise UserError(_("Choose the case this signal belongs to."))
            case = self.case_id
        elif self.outcome == "new_case":
            case = self._create_case()
        self.signal_id._don_handle(self.outcome, self.reason, case=case)
        if case and self.outcome == "new_case":
            return {
                "type": "ir.actions.act_window",
                "res_model": "don.case",
                "res_id": case.id,
                "view_mode": "form",
                "target": "current",
            }
        return {"type": "ir.actions.act_window_close"}
