# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The API's reads of side records of DON documents are consultations.

A message of a case or the file of a young person read through JSON-RPC or
XML-RPC (``read``, ``search_read``, ``web_read``, ``web_search_read`` on
``mail.message`` or ``ir.attachment``) shows the same personal data as the
chatter: one access log entry per call and document model
(``don.access.log._log_documents``), for the documents of the rows shown,
not one per row. Only a call the RPC dispatcher (``odoo.api.call_kw``) made
itself is one: server code reading them (the chatter's fetch, which logs
itself; the data-subject export; a PDF) and the reads one of these methods
makes inside (``web_search_read`` calls ``web_read``, ``web_read`` calls
``read``) are not, so that a call is one entry. Nothing the client sends
decides: the dispatcher is a frame of the call stack, the documents are
those of the rows the side guard let through."""

from odoo import api, models

from ..tools.internal import dispatched_by_rpc, internal_flag


class DonSideConsultation(models.AbstractModel):
    _name = "don.side.consultation"
    _description = "DON: API read of a side record is a consultation of its document"

    # How a row names its document (as for don.side.guard).
    _don_doc_columns = ("res_model", "res_id")

    @api.model
    def _don_api_read_action(self, fields):
        """The access log action for an API read of ``fields`` (None: every
        field), or None when what is read shows nothing of the document."""
        return None

    def _don_log_api_read(self, ids, fields, dispatched):
        """Log an API read of the rows ``ids`` (read as the user: the side
        guard left out rows of documents the user may not read now);
        ``dispatched``: the reading method was called by the RPC dispatcher
        (``dispatched_by_rpc``, asked by the method itself: it looks at the
        frames above it)."""
        if not ids or not dispatched or self.env.su or internal_flag(self.env, "don_no_access_log"):
            return
        action = self._don_api_read_action(fields)
        if not action:
            return
        model_col, res_col = self._don_doc_columns
        # sudo: only the document reference of rows the user just read, for
        # the whole set in one query.
        rows = self.browse(ids).sudo()
        documents = {(row[model_col], row[res_col]) for row in rows}
        self.env["don.access.log"]._log_documents(sorted(documents), action)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load=load)
        # No fields (None or []) is every field, for read as for search_read.
        self._don_log_api_read(
            [row["id"] for row in result], fields or None, dispatched_by_rpc("read")
        )
        return result

    # An API read writes the access log: not a read-only request.
    read._readonly = False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._don_log_api_read(
            [row["id"] for row in result], fields or None, dispatched_by_rpc("search_read")
        )
        return result

    search_read._readonly = False

    def web_read(self, specification):
        result = super().web_read(specification)
        self._don_log_api_read(
            [row["id"] for row in result], list(specification), dispatched_by_rpc("web_read")
        )
        return result

    web_read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        result = super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )
        self._don_log_api_read(
            [row["id"] for row in result["records"]],
            list(specification),
            dispatched_by_rpc("web_search_read"),
        )
        return result

    web_search_read._readonly = False
