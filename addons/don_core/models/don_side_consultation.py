# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The API's reads of side records of DON documents are consultations.

A message of a case, the file of a young person, an activity's note or the
old and new values of a tracked field read through JSON-RPC or XML-RPC
(``read``, ``search_read``, ``web_read``, ``web_search_read``,
``name_search``, ``read_group``, ``web_read_group`` on ``mail.message``,
``ir.attachment``, ``mail.activity`` or ``mail.tracking.value``) shows the
same personal data as the chatter: one access log entry per call and document model
(``don.access.log._log_documents``), for the documents of the rows shown,
not one per row. Only a call the RPC dispatcher (``odoo.api.call_kw``) made
itself is one: server code reading them (the chatter's fetch, which logs
itself; the data-subject export; a PDF) and the reads one of these methods
makes inside (``web_search_read`` calls ``web_read``, ``web_read`` calls
``read``) are not, so that a call is one entry. Nothing the client sends
decides: the dispatcher is a frame of the call stack, the documents are
those of the rows the side guard let through (an action task's are its
case's: ``don.access.log._documents_of_tasks``). A read_group is a read of
what its groups show (``_don_api_group_action``); a count per kind of
document (grouped by the model column only) shows none."""

from odoo import api, models
from odoo.tools import SQL

from ..tools.internal import dispatched_by_rpc, internal_flag


class DonSideConsultation(models.AbstractModel):
    _name = "don.side.consultation"
    _description = "DON: API read of a side record is a consultation of its document"

    # How a row names its document (as for don.side.guard: two columns of
    # its own, or the document of its message).
    _don_doc_columns = ("res_model", "res_id")
    _don_doc_message_column = None

    @api.model
    def _don_api_read_action(self, fields):
        """The access log action for an API read of ``fields`` (None: every
        field), or None when what is read shows nothing of the document."""
        return None

    def _don_side_documents(self, where):
        """The (model, id) of the documents of the rows of this model
        matching the SQL condition ``where`` on the alias ``x`` (one query,
        for the whole set)."""
        # The side guard's: the document columns (and the message's) written.
        self._don_flush_document_columns()
        if self._don_doc_message_column:
            doc_model, doc_id = SQL("m.model"), SQL("m.res_id")
            source = SQL(
                "%s x JOIN mail_message m ON m.id = %s",
                SQL.identifier(self._table),
                SQL.identifier("x", self._don_doc_message_column),
            )
        else:
            model_col, res_col = self._don_doc_columns
            doc_model, doc_id = SQL.identifier("x", model_col), SQL.identifier("x", res_col)
            source = SQL("%s x", SQL.identifier(self._table))
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT %s, %s FROM %s WHERE %s AND %s IS NOT NULL AND %s IS NOT NULL",
                doc_model,
                doc_id,
                source,
                where,
                doc_model,
                doc_id,
            )
        )
        return sorted(rows)

    def _don_log_side(self, where, action):
        # In SQL, without the ORM's rules: only the document references of
        # rows the user just read (the side guard let them through).
        documents = self._don_side_documents(where)
        self.env["don.access.log"]._log_documents(documents, action)

    def _don_log_skipped(self, dispatched):
        return not dispatched or self.env.su or internal_flag(self.env, "don_no_access_log")

    def _don_log_api_read(self, ids, fields, dispatched):
        """Log an API read of the rows ``ids`` (read as the user: the side
        guard left out rows of documents the user may not read now);
        ``dispatched``: the reading method was called by the RPC dispatcher
        (``dispatched_by_rpc``, asked by the method itself: it looks at the
        frames above it)."""
        if not ids or self._don_log_skipped(dispatched):
            return
        action = self._don_api_read_action(fields)
        # One query for the document references of the rows (not a read per
        # row); an action task's rows are logged as its case.
        if action:
            self._don_log_side(SQL("x.id = ANY(%s)", list(ids)), action)

    @api.model
    def _don_api_group_action(self, fields, groupby, lazy):
        """The access log action for a read_group showing the groups
        ``groupby`` (the first one only when ``lazy``) and the aggregates
        ``fields``, or None: what the groups show is read as those fields;
        grouped by the document's id, the groups name the documents that have
        such records (as their display name would); a count per model of
        document shows nothing of any document."""
        if isinstance(groupby, str):
            groupby = [groupby]
        specs = list(groupby or ())
        if lazy:
            specs = specs[:1]
        shown = {spec.split(":")[0].split(".")[0] for spec in specs if isinstance(spec, str)}
        for spec in fields or ():
            if not isinstance(spec, str):
                continue
            alias, _sep, func = spec.partition(":")
            # "file_size", "file_size:sum", "ids:array_agg(res_id)".
            inner = func.partition("(")[2].rstrip(")").strip() or alias.strip()
            shown.add(inner.split(".")[0])
        shown -= {"__count", "id"}
        model_col, res_col = self._don_doc_columns
        shown -= {model_col, "res_model_id"} if not self._don_doc_message_column else set()
        if not shown:
            return None
        if not self._don_doc_message_column and res_col in shown:
            shown.add("display_name")
        return self._don_api_read_action(sorted(shown))

    def _don_log_api_groups(self, groups, domain, fields, groupby, lazy, dispatched):
        """Log an API read_group: one entry per document model, for the
        documents of the rows behind the groups (one search, as the user:
        the side guard leaves out the rows of documents they may not read)."""
        if not groups or self._don_log_skipped(dispatched):
            return
        action = self._don_api_group_action(fields, groupby, lazy)
        if action:
            query = self._search(domain or [])
            self._don_log_side(SQL("x.id IN %s", query.subselect()), action)

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

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # The names of the rows found (of a file, its name).
        result = super().name_search(name, args, operator=operator, limit=limit)
        self._don_log_api_read(
            [id_ for id_, _label in result], ["display_name"], dispatched_by_rpc("name_search")
        )
        return result

    name_search._readonly = False

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        result = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        # web_read_group calls it inside: logged there, not again here.
        self._don_log_api_groups(
            result, domain, fields, groupby, lazy, dispatched_by_rpc("read_group")
        )
        return result

    read_group._readonly = False

    @api.model
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        result = super().web_read_group(
            domain, fields, groupby, limit=limit, offset=offset, orderby=orderby, lazy=lazy
        )
        self._don_log_api_groups(
            result["groups"], domain, fields, groupby, lazy, dispatched_by_rpc("web_read_group")
        )
        return result

    web_read_group._readonly = False
