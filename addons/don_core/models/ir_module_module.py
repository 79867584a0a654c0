# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Translations that Odoo's per-module loading misses on DON screens.

1. Selection labels of an inherited field. A DON model that inherits a mixin
   (the sharing level of ``don.shared.mixin``, the activity state of
   ``mail.activity.mixin``) gets its own selection rows, whose external ids
   belong to the mixin's module; that module's translation file was loaded
   before the model existed, so the labels stay English ("Own domain",
   "Today"). After each module's terms are loaded, such rows take the
   translation of the same field, value and English label elsewhere (the
   mixin's own rows).
2. Field labels of Odoo's own models on DON screens that Odoo's translation
   files leave English (project.task's "Sequence" among the group-by options
   of Kernteam > Acties): they take the most common translation of the same
   English label.
3. Creation messages ("Case file aangemaakt") that a module's data or demo
   data wrote before the module's Dutch model names were loaded: they are
   rewritten with the translated model name.
"""

from html import escape

from odoo import models
from odoo.tools import SQL
from odoo.tools.translate import code_translations


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        langs = [lang for lang in langs if lang != "en_US"]
        if langs:
            self._don_fill_inherited_selections(langs)
            self._don_fill_missing_field_labels(langs)
            self._don_fix_creation_messages(langs)
        return res

    def _don_fill_inherited_selections(self, langs):
        """Copy missing selection label translations from the same field,
        value and English label of another model (the mixin's)."""
        self.env.flush_all()
        for lang in langs:
            self.env.cr.execute(
                SQL(
                    """
                    WITH src AS (
                        SELECT DISTINCT ON (target.id) target.id, s.name ->> %(lang)s AS label
                          FROM ir_model_fields_selection target
                          JOIN ir_model_fields target_field
                            ON target_field.id = target.field_id
                           AND target_field.model LIKE %(don_models)s
                          JOIN ir_model_fields f ON f.name = target_field.name
                          JOIN ir_model_fields_selection s
                            ON s.field_id = f.id
                           AND s.value = target.value
                           AND s.name ->> 'en_US' = target.name ->> 'en_US'
                         WHERE NOT target.name ? %(lang)s
                           AND s.name ? %(lang)s
                           AND s.name ->> %(lang)s <> s.name ->> 'en_US'
                         ORDER BY target.id, s.id
                    )
                    UPDATE ir_model_fields_selection target
                       SET name = target.name || jsonb_build_object(%(lang)s, src.label)
                      FROM src
                     WHERE src.id = target.id
                    """,
                    lang=lang,
                    don_models="don.%",
                )
            )
            if self.env.cr.rowcount:
                self.env.registry.clear_cache()
                self.env["ir.model.fields.selection"].invalidate_model(["name"])

    # Odoo models whose records and fields DON shows on its own screens.
    _don_shown_models = ("project.task", "event.event", "event.registration", "calendar.event")

    def _don_fill_missing_field_labels(self, langs):
        self.env.flush_all()
        for lang in langs:
            self.env.cr.execute(
                SQL(
                    """
                    WITH src AS (
                        SELECT DISTINCT ON (target.id) target.id, other.label
                          FROM ir_model_fields target
                          JOIN (
                              SELECT field_description ->> 'en_US' AS en,
                                     field_description ->> %(lang)s AS label,
                                     count(*) AS n
                                FROM ir_model_fields
                               WHERE field_description ? %(lang)s
                               GROUP BY 1, 2
                          ) other ON other.en = target.field_description ->> 'en_US'
                         WHERE target.model IN %(models)s
                           AND NOT target.field_description ? %(lang)s
                         ORDER BY target.id, other.n DESC, other.label
                    )
                    UPDATE ir_model_fields target
                       SET field_description = target.field_description
                           || jsonb_build_object(%(lang)s, src.label)
                      FROM src
                     WHERE src.id = target.id
                    """,
                    lang=lang,
                    models=self._don_shown_models,
                )
            )
            if self.env.cr.rowcount:
                self.env.registry.clear_cache()
                self.env["ir.model.fields"].invalidate_model(["field_description"])

    def _don_fix_creation_messages(self, langs):
        """Rewrite "<English model name> aangemaakt" on DON records and on
        the Odoo records DON shows (demo trainings are events)."""
        Model = self.env["ir.model"]
        # DON's models and the Odoo models DON shows (a DON training is an event).
        don_models = Model.sudo().search(
            ["|", ("model", "=like", "don.%"), ("model", "in", self._don_shown_models)]
        )
        for lang in langs:
            pattern = code_translations.get_python_translations("mail", lang).get("%s created")
            if not pattern or "%s" not in pattern:
                continue
            for model in don_models:
                english = model.with_context(lang="en_US").name
                translated = model.with_context(lang=lang).name
                if not english or english == translated:
                    continue
                # As the body is stored: &, < and > escaped, quotes as they are.
                wrong = escape(pattern % english, quote=False)
                right = escape(pattern % translated, quote=False)
                self.env.cr.execute(
                    SQL(
                        """
                        UPDATE mail_message
                           SET body = replace(body, %(wrong)s, %(right)s)
                         WHERE model = %(model)s
                           AND message_type = 'notification'
                           AND body LIKE %(like)s
                        """,
                        wrong=f"<p>{wrong}</p>",
                        right=f"<p>{right}</p>",
                        model=model.model,
                        like=f"%<p>{wrong}</p>%",
                    )
                )
        self.env["mail.message"].invalidate_model(["body"])
