# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

AUDIENCES = [
    ("internal", "Internal teams"),
    ("school", "Schools"),
    ("sportclub", "Sports clubs"),
    ("parents", "Parents and youth"),
]
# don.indicator has one boolean per audience
AUDIENCE_INDICATOR_FIELD = {
    "internal": "audience_internal",
    "school": "audience_school",
    "sportclub": "audience_sportclub",
    "parents": "audience_parents",
}
# which card an organisation receives, by its DON organisation type
ORG_TYPE_AUDIENCE = {
    "school": "school",
    "sportclub": "sportclub",
    "internal": "internal",
    "youthwork": "internal",
    "police": "internal",
    "om": "internal",
    "care": "internal",
    "other": "parents",
}
CARD_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("superseded", "Superseded"),
]


class DonSignalCard(models.Model):
    """One version of the signal card (signaalkaart) of an audience.

    A draft is filled from the catalogues (indicators of don_signalen, risk and
    protective factors of don_core) and the reporting route of the previous
    version. Publishing freezes its lines: they are copies, so later changes
    in the catalogues never alter a published or superseded version.
    Publishing supersedes the previous published version of the audience,
    which stays readable.
    """

    _name = "don.signal.card"
    _inherit = ["mail.thread"]
    _description = "Signal card version"
    _order = "audience, version desc"

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    audience = fields.Selection(AUDIENCES, required=True, index=True, tracking=True)
    version = fields.Integer(required=True, default=1, readonly=True, copy=False)
    state = fields.Selection(
        CARD_STATES,
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    intro = fields.Text(
        string="Introduction", translate=True, help="Short text at the top of the card."
    )
    date_published = fields.Date(string="Published on", readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", string="Published by", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    line_ids = fields.One2many("don.signal.card.line", "card_id", string="Content", copy=True)
    signal_line_ids = fields.One2many(
        "don.signal.card.line",
        "card_id",
        domain=[("section", "=", "signal")],
        string="Possible signals",
    )
    risk_line_ids = fields.One2many(
        "don.signal.card.line",
        "card_id",
        domain=[("section", "=", "risk")],
        string="Risk factors",
    )
    protective_line_ids = fields.One2many(
        "don.signal.card.line",
        "card_id",
        domain=[("section", "=", "protective")],
        string="Protective factors",
    )
    route_line_ids = fields.One2many(
        "don.signal.card.line",
        "card_id",
        domain=[("section", "=", "route")],
        string="Reporting route",
    )
    display_version = fields.Char(string="Version label", compute="_compute_display_version")

    _sql_constraints = [
        (
            "version_unique",
            "UNIQUE(company_id, audience, version)",
            "There is already a signal card with this version for this audience.",
        ),
    ]

    @api.depends("name", "version")
    def _compute_display_version(self):
        for card in self:
            card.display_version = _("version %s", card.version)

    @api.depends("name", "version", "audience")
    def _compute_display_name(self):
        for card in self:
            card.display_name = _(
                "%(name)s (version %(version)s)", name=card.name, version=card.version
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "version" not in vals and vals.get("audience"):
                company_id = vals.get("company_id") or self.env.company.id
                last = self.with_context(active_test=False).search(
                    [("audience", "=", vals["audience"]), ("company_id", "=", company_id)],
                    order="version desc",
                    limit=1,
                )
                vals["version"] = (last.version or 0) + 1
        return super().create(vals_list)

    def write(self, vals):
        frozen = {
            "name",
            "audience",
            "intro",
            "line_ids",
            "signal_line_ids",
            "risk_line_ids",
            "protective_line_ids",
            "route_line_ids",
            "company_id",
        }
        if frozen & set(vals) and any(card.state != "draft" for card in self):
            raise UserError(
                _("A published signal card cannot be changed. Create a new version instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(card.state != "draft" for card in self):
            raise UserError(_("A published signal card stays readable and cannot be deleted."))

    def _catalogue_line_commands(self):
        """Lines copied from the indicator and factor catalogues."""
        self.ensure_one()
        commands = []
        indicators = self.env["don.indicator"].search(
            [(AUDIENCE_INDICATOR_FIELD[self.audience], "=", True)]
        )
        for seq, indicator in enumerate(indicators, start=1):
            commands.append(
                Command.create(
                    {
                        "section": "signal",
                        "sequence": seq,
                        "name": indicator.name,
                        "description": indicator.description,
                        "group_name": indicator.category_id.name,
                        "indicator_id": indicator.id,
                    }
                )
            )
        factors = self.env["don.factor"].search([("kind", "in", ("risk", "protective"))])
        for seq, factor in enumerate(factors, start=1):
            commands.append(
                Command.create(
                    {
                        "section": factor.kind,
                        "sequence": seq,
                        "name": factor.name,
                        "description": factor.description,
                        "group_name": dict(
                            factor._fields["life_area"]._description_selection(self.env)
                        ).get(factor.life_area),
                        "factor_id": factor.id,
                    }
                )
            )
        return commands

    def action_load_catalogue(self):
        """(Re)fill the signals and factors of a draft from the catalogues;
        the reporting route is kept."""
        for card in self:
            if card.state != "draft":
                raise UserError(_("Only a draft signal card can be refilled."))
            card.write(
                {
                    "line_ids": [
                        Command.delete(line.id) for line in card.line_ids if line.section != "route"
                    ]
                    + card._catalogue_line_commands()
                }
            )
        self._copy_catalogue_translations()
        return True

    def _copy_catalogue_translations(self):
        """The lines were created with the texts in the current language; copy
        the catalogue texts in every language (translated columns are jsonb),
        so the frozen card prints in the reader's language. Set-based SQL on
        lines the user just wrote through the ORM (access checked there)."""
        Line = self.env["don.signal.card.line"]
        Line.flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE don_signal_card_line l
                   SET name = i.name, description = i.description, group_name = c.name
                  FROM don_indicator i
                  JOIN don_signal_category c ON c.id = i.category_id
                 WHERE l.indicator_id = i.id AND l.card_id IN %s
                """,
                tuple(self.ids),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE don_signal_card_line l
                   SET name = f.name, description = f.description
                  FROM don_factor f
                 WHERE l.factor_id = f.id AND l.card_id IN %s
                """,
                tuple(self.ids),
            )
        )
        # life areas are selection labels: one jsonb value per area
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        field = self.env["don.factor"]._fields["life_area"]
        labels = {
            lang: dict(field._description_selection(self.env(context={"lang": lang})))
            for lang in langs
        }
        for value, _label in field.selection:
            translations = {lang: labels[lang].get(value) for lang in langs}
            if "en_US" not in translations:
                translations["en_US"] = dict(field.selection)[value]
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE don_signal_card_line l
                       SET group_name = %s::jsonb
                      FROM don_factor f
                     WHERE l.factor_id = f.id AND f.life_area = %s AND l.card_id IN %s
                    """,
                    json.dumps(translations),
                    value,
                    tuple(self.ids),
                )
            )
        Line.invalidate_model(["name", "description", "group_name"])

    def action_publish(self):
        """Publish this draft; the audience's published version is superseded."""
        for card in self:
            if card.state != "draft":
                raise UserError(_("Only a draft signal card can be published."))
            if not card.signal_line_ids:
                raise UserError(_("A signal card needs at least one possible signal."))
            if not card.route_line_ids:
                raise UserError(_("A signal card needs a reporting route."))
            previous = self.search(
                [
                    ("audience", "=", card.audience),
                    ("company_id", "=", card.company_id.id),
                    ("state", "=", "published"),
                    ("id", "!=", card.id),
                ]
            )
            previous.write({"state": "superseded"})
            card.write(
                {
                    "state": "published",
                    "date_published": fields.Date.context_today(card),
                    "published_by_id": self.env.user.id,
                }
            )
        return True

    def action_new_version(self):
        """A new draft version of this card: same texts and reporting route,
        signals and factors freshly taken from the catalogues."""
        self.ensure_one()
        new = self.create(
            {
                "name": self.name,
                "audience": self.audience,
                "intro": self.intro,
                "company_id": self.company_id.id,
                "line_ids": [
                    Command.create(line.copy_data({"card_id": False})[0])
                    for line in self.route_line_ids
                ],
            }
        )
        new.action_load_catalogue()
        return {
            "type": "ir.actions.act_window",
            "res_model": "don.signal.card",
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _current_for_audience(self, audience, company=None):
        company = company or self.env.company
        return self.search(
            [
                ("audience", "=", audience),
                ("company_id", "=", company.id),
                ("state", "=", "published"),
            ],
            order="version desc",
            limit=1,
        )
