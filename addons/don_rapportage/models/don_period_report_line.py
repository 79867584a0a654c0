# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .don_period_report import SECTION_LABELS, SECTIONS


class DonPeriodReportLine(models.Model):
    """A frozen figure of a period report: already anonymised and
    suppressed when it was generated, never recomputed."""

    _name = "don.period.report.line"
    _description = "DON period report figure"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("don.period.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    section = fields.Selection(SECTION_LABELS, required=True)
    dimension = fields.Char(required=True)
    # Frozen with the figures, in every installed language (see
    # don.period.report.action_generate): shown in the reader's language.
    dimension_label = fields.Char(string="Breakdown", translate=True)
    key_label = fields.Char(string="Item", translate=True)
    is_key_figure = fields.Boolean()
    value = fields.Integer(string="Published number")
    suppressed_cells = fields.Integer()
    extra_cells = fields.Integer(
        string="Suppressed cells of the threshold or more",
        help="Of the suppressed cells, those of the threshold or more (shown as '≥5').",
    )
    display_value = fields.Char(string="Number")
    previous_display = fields.Char(string="Previous period")
    indicator = fields.Char()
    unit = fields.Char()
    target_value = fields.Float(string="Target")
    measured_value = fields.Float(string="Measured")
    progress = fields.Float(string="Progress (%)")

    def _don_store_label_translations(self, translations):
        """Store the labels of these lines in every language at once.

        ``translations``: {sequence: {field: {lang: label}}}. One query for
        all lines (the lines were just created, in a draft report)."""
        rows = []
        for line in self:
            labels = translations.get(line.sequence) or {}
            rows.append(
                (
                    line.id,
                    json.dumps(labels.get("dimension_label") or {}),
                    json.dumps(labels.get("key_label") or {}),
                )
            )
        if not rows:
            return
        self.flush_model(["dimension_label", "key_label"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE don_period_report_line AS line
                   SET dimension_label = COALESCE(line.dimension_label, '{}') || t.dim::jsonb,
                       key_label = COALESCE(line.key_label, '{}') || t.item::jsonb
                  FROM (VALUES %s) AS t(id, dim, item)
                 WHERE line.id = t.id
                """,
                SQL(", ").join(SQL("(%s, %s, %s)", *row) for row in rows),
            )
        )
        self.invalidate_model(["dimension_label", "key_label"])

    def _don_translate_frozen_labels(self):
        """Upgrade of lines frozen in one language (before 18.0.1.2.0, and
        the demo reports generated before their addon's translations were
        loaded): the breakdown and the selection parts of the item ("Youth
        consultant", "Fed back late", "Total") get their label in every
        installed language; names of records (channels, categories) stay as
        frozen in each language."""
        langs = self.env["don.period.report"]._label_langs()
        cube_of = {section: cube for section, cube, _dims in SECTIONS}
        translations = {}
        for line in self.with_context(lang="en_US"):
            cube_name = cube_of.get(line.section)
            if not cube_name:
                continue
            cube = self.env[cube_name]
            keys = next(
                (k for dim, _c, k in cube._don_cube_dimensions if dim == line.dimension), None
            )
            if keys is None:
                continue
            labels = {"dimension_label": {}, "key_label": {}}
            parts = (line.key_label or "").split(" / ") if keys else [line.key_label or ""]
            for lang in langs:
                env = self.with_context(lang=lang).env
                # Names of records as frozen in this language (the English
                # name where none was frozen in it).
                frozen = line.with_context(lang=lang).key_label or ""
                frozen_parts = frozen.split(" / ") if keys else [frozen]
                if len(frozen_parts) != len(parts):
                    frozen_parts = parts
                dims = dict(cube._fields["dimension"]._description_selection(env))
                labels["dimension_label"][lang] = dims.get(line.dimension, line.dimension_label)
                translated = []
                en_env = self.with_context(lang="en_US").env
                words = {en_env._("Total"): env._("Total"), en_env._("Unknown"): env._("Unknown")}
                for position, part in enumerate(parts):
                    field = cube._fields[keys[position]] if position < len(keys) else None
                    if part in words:
                        translated.append(words[part])
                    elif field is not None and field.type == "selection":
                        english = {
                            label: value for value, label in field._description_selection(en_env)
                        }
                        local = dict(field._description_selection(env))
                        translated.append(local.get(english.get(part), part))
                    else:
                        translated.append(frozen_parts[position])
                labels["key_label"][lang] = " / ".join(translated)
            translations[line.sequence, line.report_id.id] = labels
        for report_lines in self.grouped("report_id").values():
            report_lines._don_store_label_translations(
                {
                    line.sequence: translations[line.sequence, line.report_id.id]
                    for line in report_lines
                    if (line.sequence, line.report_id.id) in translations
                }
            )

    def _check_draft(self, reports):
        if reports.filtered(lambda report: report.state != "draft"):
            raise UserError(_("The figures of an approved period report cannot be changed."))

    @api.model_create_multi
    def create(self, vals_list):
        report_ids = {vals.get("report_id") for vals in vals_list}
        self._check_draft(self.env["don.period.report"].browse(report_ids))
        return super().create(vals_list)

    def write(self, vals):
        self._check_draft(self.report_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        # Deleting an approved report is refused by the report itself.
        self._check_draft(self.report_id.filtered(lambda report: report.state != "draft"))
