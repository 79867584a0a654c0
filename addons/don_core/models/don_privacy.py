# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy engine: erase (anonymise or delete) and export everything the
suite holds about one young person or one closed case.

What belongs to a young person is collected by the hook
``don.youth._don_privacy_related_records()`` ({model name: recordset}); every
model listed there implements ``_don_privacy_erase(youth, mode)`` and
``_don_privacy_export(youth)``. Other addons extend the hook to add their own
records (see readme/DEVELOP.md). Everything here runs with sudo(): callers
(the retention job and the data-subject request) check the privacy officer's
rights first.
"""

import logging
import re

import psycopg2

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Context for writes of the privacy engine: no tracking messages (they would
# copy the old values), closed cases may be changed, archived records count.
PRIVACY_CONTEXT = {
    "don_privacy_erase": True,
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "active_test": False,
}
# Fields never exported: technical or chatter plumbing.
EXPORT_SKIP = {
    "id",
    "display_name",
    "don_visible",
    "don_editable",
    "has_message",
    "message_main_attachment_id",
    "write_uid",
    "create_uid",
}
# Models processed last, in this order (dependants first).
LAST_MODELS = ("don.case", "don.youth")


class DonPrivacy(models.AbstractModel):
    _name = "don.privacy"
    _description = "DON privacy engine"

    # ------------------------------------------------------------------
    # Erase
    # ------------------------------------------------------------------
    @api.model
    def _ordered(self, scope):
        names = [name for name in scope if name not in LAST_MODELS]
        names += [name for name in LAST_MODELS if name in scope]
        return names

    @api.model
    def _erase_scope(self, scope, youth, mode):
        """Erase every record of ``scope`` ({model: records}) for ``youth``.
        Each step is idempotent: running it again on a half-processed scope
        finishes the work without errors."""
        youth = youth.sudo().with_context(**PRIVACY_CONTEXT)
        for name in self._ordered(scope):
            records = scope[name].sudo().with_context(**PRIVACY_CONTEXT).exists()
            if records:
                records._don_privacy_erase(youth, mode)
        self.env.flush_all()

    @api.model
    def _purge_traces(self, records):
        """Remove what Odoo keeps next to ``records``: chatter messages (with
        their tracking values and notifications), attachments (stored reports
        and image fields included), activities and followers."""
        if not records:
            return
        env = self.env
        model, ids = records._name, tuple(records.ids)
        env.flush_all()
        env.cr.execute(
            "SELECT id FROM mail_message WHERE model = %s AND res_id IN %s", [model, ids]
        )
        message_ids = [row[0] for row in env.cr.fetchall()]
        if message_ids:
            messages = env["mail.message"].sudo().browse(message_ids)
            messages.attachment_ids.sudo().unlink()
            messages.unlink()
        # Attachments include those of binary fields (res_field set), which
        # the ORM's search hides: select them in SQL.
        env.cr.execute(
            "SELECT id FROM ir_attachment WHERE res_model = %s AND res_id IN %s", [model, ids]
        )
        attachment_ids = [row[0] for row in env.cr.fetchall()]
        if attachment_ids:
            env["ir.attachment"].sudo().browse(attachment_ids).unlink()
        env["mail.activity"].sudo().search(
            [("res_model", "=", model), ("res_id", "in", list(ids))]
        ).unlink()
        env["mail.followers"].sudo().search(
            [("res_model", "=", model), ("res_id", "in", list(ids))]
        ).unlink()

    # ------------------------------------------------------------------
    # Scrubbing a name: only the columns that can hold one, through indexes
    # ------------------------------------------------------------------
    @api.model
    def _name_columns(self, model):
        """The columns of ``model`` that can hold a person's name: the
        model's declaration ``_don_name_fields`` when it has one, otherwise
        every stored free-text field (char, text, html)."""
        declared = getattr(model, "_don_name_fields", None)
        return [
            field.name
            for field in model._fields.values()
            if field.store
            and field.column_type
            and field.type in ("char", "text", "html")
            and not field.translate
            and (declared is None or field.name in declared)
        ]

    @api.model
    def _trigram_available(self):
        """pg_trgm is installed, or can be (the database owner may create
        trusted extensions). Without it the scrub is the same, with
        sequential scans instead of index scans."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cr.fetchone():
            return True
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error:
            _logger.info("pg_trgm is not available: retention scrubs without trigram indexes")
            return False
        return True

    @api.model
    def _ensure_name_indexes(self, table, columns, where=None):
        """Trigram (GIN) indexes that answer ``column ILIKE '%name%'``
        (partial when ``where``, an SQL condition, is given)."""
        if not columns or not self._trigram_available():
            return
        for column in columns:
            name = f"{table}_{column}_don_trgm"[:63]
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON %s USING gin (%s gin_trgm_ops)%s",
                    SQL.identifier(name),
                    SQL.identifier(table),
                    SQL.identifier(column),
                    SQL(" WHERE %s", where) if where else SQL(""),
                )
            )

    def init(self):
        # Chatter and tracking values of DON records are searched for names
        # by the retention job: indexed (the DON tables index their own
        # name columns, see don.secured.mixin.init).
        self._ensure_name_indexes(
            "mail_message", ["body", "subject", "record_name"], SQL("model LIKE %s", "don.%")
        )
        self._ensure_name_indexes(
            "mail_tracking_value",
            ["old_value_char", "new_value_char", "old_value_text", "new_value_text"],
        )

    @api.model
    def _scrub_name(self, name):
        """Safety net: replace the name in chatter messages and tracking
        values of DON records that were not erased themselves (a mention in
        another file's chatter), and in the free text of other DON records.
        One statement per column, each answered by its trigram index."""
        name = (name or "").strip()
        if len(name) < 4:
            return
        placeholder = _("[anonymised]")
        pattern = re.escape(name)
        like = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cr = self.env.cr
        self.env.flush_all()
        for column in ("body", "subject", "record_name"):
            cr.execute(
                SQL(
                    """UPDATE mail_message
                          SET %(col)s = regexp_replace(%(col)s, %(pat)s, %(ph)s, 'gi')
                        WHERE model LIKE %(don)s AND %(col)s ILIKE %(like)s""",
                    don="don.%",
                    col=SQL.identifier(column),
                    pat=pattern,
                    ph=placeholder,
                    like=like,
                )
            )
        for column in ("old_value_char", "new_value_char", "old_value_text", "new_value_text"):
            cr.execute(
                SQL(
                    """UPDATE mail_tracking_value v
                          SET %(col)s = regexp_replace(v.%(col)s, %(pat)s, %(ph)s, 'gi')
                         FROM mail_message m
                        WHERE v.%(col)s ILIKE %(like)s
                          AND m.id = v.mail_message_id AND m.model LIKE %(don)s""",
                    don="don.%",
                    col=SQL.identifier(column),
                    pat=pattern,
                    ph=placeholder,
                    like=like,
                )
            )
        self.env["mail.message"].invalidate_model()
        self.env["mail.tracking.value"].invalidate_model()
        self._scrub_name_in_records(pattern, placeholder, like)

    @api.model
    def _scrub_name_in_records(self, pattern, placeholder, like):
        """The same safety net for the free text of other DON records: a
        contribution, summary, agenda discussion or signal in another file
        that mentions the young person by name. The register of young people
        itself is left alone (another young person may bear the same name).
        In SQL, one statement per name column (declared per model, see
        ``_name_columns``), answered by its trigram index: no tracking value
        is written that would keep the name."""
        cr = self.env.cr
        for model_name in self.env["don.access"]._secured_models():
            if model_name == "don.youth":
                continue
            model = self.env[model_name]
            columns = self._name_columns(model)
            for column in columns:
                cr.execute(
                    SQL(
                        "UPDATE %s SET %s = regexp_replace(%s, %s, %s, 'gi') WHERE %s ILIKE %s",
                        SQL.identifier(model._table),
                        SQL.identifier(column),
                        SQL.identifier(column),
                        pattern,
                        placeholder,
                        SQL.identifier(column),
                        like,
                    )
                )
            if columns:
                model.invalidate_model(columns)

    @api.model
    def _erase_youth(self, youth, mode):
        """Erase everything about ``youth`` (all cases, all addons)."""
        youth = youth.sudo().with_context(**PRIVACY_CONTEXT).exists()
        names = set(youth.mapped("name"))
        for one in youth:
            self._erase_scope(one._don_privacy_related_records(), one, mode)
        for name in names:
            self._scrub_name(name)

    @api.model
    def _erase_case(self, case, mode):
        """Erase one closed case; the young person too when none of their
        cases is left (all deleted or anonymised)."""
        case = case.sudo().with_context(**PRIVACY_CONTEXT).exists()
        if not case:
            return
        youth = case.youth_id
        self._erase_scope(case._don_privacy_case_scope(), youth, mode)
        remaining = youth.case_ids.exists().filtered(lambda c: c.privacy_state != "anonymised")
        if not remaining:
            self._erase_youth(youth, mode)

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    @api.model
    def _export_value(self, record, field, youth):
        value = record[field.name]
        if field.type == "many2one":
            if not value:
                return None
            if value._name == "don.youth" and value != youth:
                # Another young person: never named in this export.
                return _("(another young person)")
            return value.display_name
        if field.type == "many2many":
            if value._name == "don.youth":
                return [
                    v.display_name if v == youth else _("(another young person)") for v in value
                ]
            return value.mapped("display_name")
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return labels.get(value, value) if value else None
        if field.type in ("date", "datetime"):
            return fields.Datetime.to_string(value) if value else None
        if value is False and field.type != "boolean":
            return None
        return value

    @api.model
    def _export_records(self, records, youth, field_names=None, chatter=True):
        """Generic export of ``records``: stored fields, chatter and the list
        of attachments, as JSON-serialisable dicts (``chatter`` False: the
        fields only, for records in another person's file)."""
        result = []
        if not records:
            return result
        fields_list = [
            field
            for name, field in records._fields.items()
            if (field_names is None or name in field_names)
            and field.store
            and name not in EXPORT_SKIP
            and field.type not in ("binary", "one2many", "many2one_reference")
            and not name.startswith(("message_", "activity_", "website_message"))
        ]
        for record in records:
            values = {"id": record.id}
            for field in fields_list:
                values[field.name] = self._export_value(record, field, youth)
            if chatter:
                values["messages"] = self._export_messages(record)
                values["attachments"] = self._export_attachments(record)
            result.append(values)
        return result

    @api.model
    def _export_messages(self, record):
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id)], order="id")
        )
        return [
            {
                "date": fields.Datetime.to_string(message.date),
                "author": message.author_id.name,
                "type": message.message_type,
                "subject": message.subject or None,
                "body": (message.body and str(message.body)) or None,
                "changes": [
                    {
                        "field": value.field_id.field_description,
                        "old": value.old_value_char or value.old_value_text or None,
                        "new": value.new_value_char or value.new_value_text or None,
                    }
                    for value in message.sudo().tracking_value_ids
                ],
            }
            for message in messages
        ]

    @api.model
    def _export_attachments(self, record):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )
        return [{"name": a.name, "mimetype": a.mimetype, "size": a.file_size} for a in attachments]

    @api.model
    def _export_omissions(self, youth):
        """What the export of ``youth`` leaves out and why (AVG art. 15(4)),
        as sentences for the requester. Models add theirs with
        ``_don_privacy_export_omissions(youth)``."""
        youth = youth.sudo().with_context(active_test=False)
        omissions = []
        for records in youth._don_privacy_related_records().values():
            records = records.sudo().with_context(active_test=False).exists()
            if records and hasattr(records, "_don_privacy_export_omissions"):
                for sentence in records._don_privacy_export_omissions(youth):
                    if sentence not in omissions:
                        omissions.append(sentence)
        return omissions

    @api.model
    def _export_youth(self, youth):
        """{model description: [records]} of everything about ``youth``."""
        youth = youth.sudo().with_context(active_test=False)
        result = {}
        for name, records in youth._don_privacy_related_records().items():
            records = records.sudo().with_context(active_test=False).exists()
            if not records:
                continue
            result[name] = records._don_privacy_export(youth)
        return result
