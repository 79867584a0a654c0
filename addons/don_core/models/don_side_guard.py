# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Side records of DON documents follow the document, now.

Odoo lets the recipients of a message, the partners notified of it and the
assignee of an activity read it whatever the document it belongs to, and lets
anybody read a public attachment or one opened with its token. On a DON
document (a secured model, or an action task of a case) that would keep
information readable by somebody who has no, or no longer, access to it: a
professional removed from a case, a partner put directly on a message.

This abstract model is added to those side models (``mail.message``,
``mail.notification``, ``mail.activity``, ``mail.followers``,
``ir.attachment``, ...): their searches leave out, and their access checks
refuse, the rows of a DON document the current user is not in the access
relation of. One SQL condition per search (an index probe per row of a DON
document), one query per access check.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class DonSideGuard(models.AbstractModel):
    _name = "don.side.guard"
    _description = "DON: side record readable only with its DON document"

    # How a row names its document: two columns of its own (model, id) ...
    _don_doc_columns = ("res_model", "res_id")
    # ... or the document of the message it belongs to (a column to mail.message).
    _don_doc_message_column = None

    @api.model
    def _don_document_models(self):
        """Models whose side records follow DON access: every secured model
        and project.task (the actions on a case)."""
        return [*self.env["don.access"]._secured_models(), "project.task"]

    @api.model
    def _don_hidden_document_sql(self, model, res_id):
        """SQL: (``model``, ``res_id``) is a DON document the current user may
        not read now (False for any other document)."""
        access = self.env["don.access"]
        uid = self.env.uid

        def not_visible(model_name, column):
            # One probe of the unique (res_id, user_id) index of the model's
            # partition per row, evaluated only for rows of that model.
            return SQL(
                "NOT EXISTS (SELECT 1 FROM %s da WHERE da.res_id = %s AND da.user_id = %s)",
                SQL.identifier(access._partition_name(self.env[model_name])),
                column,
                uid,
            )

        branches = [
            SQL("(%s = %s AND %s)", model, name, not_visible(name, res_id))
            for name in access._secured_models()
        ]
        # An action task is a DON document when it concerns a case: the case
        # decides (the rule of project.task says the same).
        branches.append(
            SQL(
                "(%s = 'project.task' AND EXISTS (SELECT 1 FROM project_task dt"
                " WHERE dt.id = %s AND dt.don_case_id IS NOT NULL AND %s))",
                model,
                res_id,
                not_visible("don.case", SQL("dt.don_case_id")),
            )
        )
        return SQL("COALESCE(%s, FALSE)", SQL(" OR ").join(branches))

    @api.model
    def _don_hidden_sql(self, alias):
        """SQL on the row ``alias`` of this model: it belongs to a DON
        document the current user may not read now."""
        if self._don_doc_message_column:
            return SQL(
                "EXISTS (SELECT 1 FROM mail_message dm WHERE dm.id = %s AND %s)",
                SQL.identifier(alias, self._don_doc_message_column),
                self._don_hidden_document_sql(SQL("dm.model"), SQL("dm.res_id")),
            )
        model_col, res_col = self._don_doc_columns
        return self._don_hidden_document_sql(
            SQL.identifier(alias, model_col), SQL.identifier(alias, res_col)
        )

    def _don_flush_document_columns(self):
        if self._don_doc_message_column:
            self.flush_model([self._don_doc_message_column])
            self.env["mail.message"].flush_model(["model", "res_id"])
        else:
            self.flush_model(list(self._don_doc_columns))
        self.env["project.task"].flush_model(["don_case_id"])

    def _don_hidden_records(self):
        """The records of ``self`` that belong to a DON document the current
        user may not read now (one query)."""
        ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        if self.env.su or not ids:
            return self.browse()
        self._don_flush_document_columns()
        rows = self.env.execute_query(
            SQL(
                "SELECT x.id FROM %s x WHERE x.id = ANY(%s) AND %s",
                SQL.identifier(self._table),
                ids,
                self._don_hidden_sql("x"),
            )
        )
        return self.browse(id_ for (id_,) in rows)

    # ------------------------------------------------------------------
    # The two doors: searching and checking access
    # ------------------------------------------------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if self.env.su or query.is_empty():
            return query
        self._don_flush_document_columns()
        query.add_where(SQL("NOT %s", self._don_hidden_sql(self._table)))
        return query

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not self:
            return result
        candidates = self - result[0] if result else self
        hidden = candidates._don_hidden_records()
        if not hidden:
            return result
        forbidden = (result[0] if result else self.browse()) + hidden
        return forbidden, lambda: forbidden._make_don_access_error(operation)

    def _make_don_access_error(self, operation):
        # Names no record: their labels are the very thing not to be shown.
        return AccessError(
            _(
                "This item belongs to a DON record you have no access to "
                "(%(model)s, operation: %(operation)s).",
                model=self._description,
                operation=operation,
            )
        )
