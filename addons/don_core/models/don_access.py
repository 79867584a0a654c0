# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access relation: one indexed table (model, record, user).

Every secured DON model has a single global record rule that tests
membership of the current user in this table (see don.secured.mixin).
The rows are derived data: they are recomputed in SQL whenever something
that decides visibility changes (roles, domains, companies, involvement,
sharing level). This gives one place to audit who may see what, and keeps
rule evaluation to one index lookup however many groups a user has.
"""

import logging

from odoo import _, api, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

ACCESS_TABLE = "don_access_entry"
# Columns of the relation that copy a field of the record, so that a count
# with a filter on that field is answered from the relation alone (see
# _count_visible): a model declares which of its fields each one holds in
# ``_don_access_copied`` (don.secured.mixin). Column -> (SQL type, field types).
# The operators of a filter counted in the relation (comparisons of the
# copied values; no joins, sub-queries or hierarchy).
COPIED_OPERATORS = frozenset(("=", "!=", "<", "<=", ">", ">=", "in", "not in"))
COPIED_COLUMNS = {
    "rec_date": ("date", ("date",)),
    "rec_state": ("varchar", ("selection", "char")),
    # A many2one (a contribution's domain, a case's lead domain): filtered
    # and grouped by its id only (see _copied_condition).
    "rec_ref": ("integer", ("many2one",)),
}
# The groupings answered from the rows: counts only, by copied fields.
GROUPED_AGGREGATES = frozenset(("__count",))


class DonAccess(models.AbstractModel):
    _name = "don.access"
    _description = "DON access relation"

    @api.model
    @tools.ormcache()
    def _per_user_fields(self):
        """((secured model, its fields computed per user and not stored), ...)
        for the secured models that have such fields."""
        depends_context = self.env.registry.field_depends_context
        result = []
        for name in self._secured_models():
            per_user = [
                fname
                for fname, field in self.env[name]._fields.items()
                if not field.store and "uid" in depends_context.get(field, ())
            ]
            if per_user:
                result.append((name, tuple(per_user)))
        return tuple(result)

    @api.model
    @tools.ormcache()
    def _secured_models(self):
        """Secured models in dependency order, derived from the registry:
        every concrete model that inherits ``don.secured.mixin``, each after
        the secured models whose access it follows (its declaration, see
        ``don.secured.mixin._don_access_declaration``)."""
        registry = self.env.registry
        names, todo = set(), ["don.secured.mixin"]
        while todo:
            for child in registry[todo.pop()]._inherit_children:
                if child not in names and child in registry:
                    names.add(child)
                    todo.append(child)
        secured = sorted(
            name for name in names if not registry[name]._abstract and not registry[name]._transient
        )
        order, state = [], {}

        def visit(name):
            if state.get(name) == "done":
                return
            if state.get(name) == "visiting":
                raise UserError(
                    _("The access of %(model)s follows itself through other models.", model=name)
                )
            state[name] = "visiting"
            for followed in self.env[name]._don_access_followed_models():
                if followed in secured:
                    visit(followed)
            state[name] = "done"
            order.append(name)

        for name in secured:
            visit(name)
        return tuple(order)

    @api.model
    def _declared_inputs(self, model_name):
        """The fields of ``model_name`` (a model that is not secured itself,
        such as a Kernteam membership) that some secured model's access
        depends on, from the declarations."""
        fnames = set()
        for name in self._secured_models():
            fnames.update(self.env[name]._don_access_declaration()["inputs"].get(model_name, ()))
        return fnames

    @api.model
    def _followers_back(self, model_name):
        """[(secured model, column of ``model_name``)] of the models whose
        access follows ``model_name``'s records back through that column."""
        return [
            (name, column)
            for name in self._secured_models()
            for followed, column in self.env[name]._don_access_declaration()["follows_back"]
            if followed == model_name
        ]

    @api.model
    def _recompute_inputs(self, model_name, user_ids=None, record_ids=None):
        """An input ``model_name`` of the declarations changed (for the users
        ``user_ids``): recompute the models that declare it, and the models
        that follow them."""
        if user_ids is not None and not user_ids:
            return
        names = [
            name
            for name in self._secured_models()
            if model_name in self.env[name]._don_access_declaration()["inputs"]
        ]
        if len(names) == 1:
            self._recompute(names[0], record_ids, user_ids=user_ids)
        elif names:
            # Several models (and those following them): all of them, once.
            self._recompute(user_ids=user_ids)

    def _ensure_table(self):
        """The relation, partitioned by model (one partition per secured
        model, created by the model's ``init``, and a default partition).

        Partitions are for the query planner, not for size: the statistics
        of ``res_id`` are kept per model, so the planner estimates how many
        records of *that* model a user may see. With one table, the ids of
        all models were mixed in one histogram and a professional's share of
        the cases was underestimated about six times, which turned the list
        of 80 cases into a hash join over the whole table instead of a walk
        down the sort index. A model's partition has integer-only keys,
        ``(res_id, user_id)`` unique and ``(user_id, res_id)``, so that the
        rule's probe per listed record compares two integers, and the other
        columns are included so that every reader is answered from an index.
        """
        cr = self.env.cr
        cr.execute(
            "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = %s AND n.nspname = current_schema()",
            [ACCESS_TABLE],
        )
        if cr.fetchone():
            # The plain table of 18.0.1.0.0 is converted before this runs,
            # by migrations/18.0.1.1.0/pre-migrate.py; the copied columns
            # came with 18.0.1.3.0 (nullable: adding them rewrites nothing;
            # only when missing, so that an update takes no table lock).
            missing = [
                column
                for column in COPIED_COLUMNS
                if not sql.column_exists(cr, ACCESS_TABLE, column)
            ]
            if not missing:
                return
            cr.execute(
                SQL(
                    "ALTER TABLE %s %s",
                    SQL.identifier(ACCESS_TABLE),
                    SQL(", ").join(
                        SQL(
                            "ADD COLUMN IF NOT EXISTS %s %s",
                            SQL.identifier(column),
                            SQL(COPIED_COLUMNS[column][0]),
                        )
                        for column in missing
                    ),
                )
            )
            return
        cr.execute(
            SQL(
                """
            CREATE TABLE %(table)s (
                res_model varchar NOT NULL,
                res_id integer NOT NULL,
                user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
                company_id integer,
                active boolean NOT NULL DEFAULT TRUE,
                rec_date date,
                rec_state varchar
            ) PARTITION BY LIST (res_model);
            CREATE TABLE %(default)s PARTITION OF %(table)s DEFAULT;
            CREATE UNIQUE INDEX %(default_key)s ON %(default)s (res_model, res_id, user_id);
            CREATE INDEX %(default_user)s ON %(default)s (user_id, res_model, res_id)
                INCLUDE (company_id, active);
            """,
                table=SQL.identifier(ACCESS_TABLE),
                default=SQL.identifier(f"{ACCESS_TABLE}__default"),
                default_key=SQL.identifier(f"{ACCESS_TABLE}__default_key"),
                default_user=SQL.identifier(f"{ACCESS_TABLE}__default_user_idx"),
            )
        )

    @api.model
    def _sql_active(self, model):
        """The record's active flag as SQL on ``rec`` (TRUE without one)."""
        if model._active_name and model._fields[model._active_name].store:
            return SQL("rec.%s", SQL.identifier(model._active_name))
        return SQL("TRUE")

    @api.model
    def _partition_name(self, model):
        return f"{ACCESS_TABLE}__{model._table}"

    @api.model
    def _copied_fields(self, model):
        """{relation column: field name} of the model's copied fields,
        checked against the model (stored, of the column's type)."""
        copied = dict(getattr(model, "_don_access_copied", {}) or {})
        for column, fname in copied.items():
            field = model._fields.get(fname)
            if (
                column not in COPIED_COLUMNS
                or not field
                or not field.store
                or field.type not in COPIED_COLUMNS[column][1]
            ):
                # A programming error in a model's declaration (raised when
                # the module loads), not something a user can run into.
                raise ValueError(
                    f"{model._name} copies {fname!r} into the access column {column!r}, "
                    "which cannot hold it"
                )
        return copied

    @api.model
    def _sql_copied(self, model):
        """The copied columns and their values as SQL on ``rec``."""
        copied = self._copied_fields(model)
        columns = SQL(", ").join(SQL.identifier(column) for column in COPIED_COLUMNS)
        values = SQL(", ").join(
            SQL("rec.%s", SQL.identifier(copied[column]))
            if column in copied
            else SQL("NULL::%s", SQL(kind))  # typed: SELECT DISTINCT NULL is text
            for column, (kind, _types) in COPIED_COLUMNS.items()
        )
        return columns, values

    def _ensure_partition(self, model):
        """The partition of ``model``'s rows (called from the model's init).
        Rows of the model waiting in the default partition move into it,
        with the company, active flag and copied fields of their record."""
        self._ensure_table()
        partition = self._partition_name(model)
        columns, values = self._sql_copied(model)
        if not sql.table_exists(self.env.cr, partition):
            default = SQL.identifier(f"{ACCESS_TABLE}__default")
            self.env.cr.execute(
                SQL(
                    """
            CREATE TEMPORARY TABLE don_access_entry_moved ON COMMIT DROP AS
                SELECT * FROM %(default)s WHERE res_model = %(model)s;
            DELETE FROM %(default)s WHERE res_model = %(model)s;
            CREATE TABLE %(partition)s PARTITION OF %(table)s FOR VALUES IN (%(model)s);
            CREATE UNIQUE INDEX %(key)s ON %(partition)s (res_id, user_id) INCLUDE (res_model);
            CREATE INDEX %(user_idx)s ON %(partition)s (user_id, res_id)
                INCLUDE (res_model, company_id, active);
            INSERT INTO %(table)s (res_model, res_id, user_id, company_id, active, %(columns)s)
                SELECT m.res_model, m.res_id, m.user_id, rec.company_id, %(active)s, %(values)s
                  FROM don_access_entry_moved m JOIN %(rec_table)s rec ON rec.id = m.res_id;
            DROP TABLE don_access_entry_moved;
            """,
                    default=default,
                    model=model._name,
                    active=self._sql_active(model),
                    columns=columns,
                    values=values,
                    rec_table=SQL.identifier(model._table),
                    partition=SQL.identifier(partition),
                    key=SQL.identifier(f"{partition}_key"),
                    user_idx=SQL.identifier(f"{partition}_user_idx"),
                    table=SQL.identifier(ACCESS_TABLE),
                )
            )
        if not self._copied_fields(model):
            return
        # A model that copies fields: the index that counts a user's rows
        # within a date range (and any copied filter) without the table.
        filter_idx = f"{partition}_filter_idx"
        self.env.cr.execute("SELECT to_regclass(%s)", [filter_idx])
        if self.env.cr.fetchone()[0]:
            return
        # First time (a new model, or an upgrade to 18.0.1.3.0): fill the
        # copies of the rows already there, then index them.
        self.env.cr.execute(
            SQL(
                """UPDATE %(partition)s a SET (%(columns)s) = (SELECT %(values)s)
                     FROM %(rec_table)s rec WHERE rec.id = a.res_id""",
                partition=SQL.identifier(partition),
                columns=columns,
                values=values,
                rec_table=SQL.identifier(model._table),
            )
        )
        self._create_filter_index(model)

    @api.model
    def _create_filter_index(self, model):
        """The index of a user's rows by the copied date: a count or a
        grouping within a date range reads it without the table (the other
        copies are included), and a page ordered by date and id walks it in
        that order and stops after the page (_page_query)."""
        partition = self._partition_name(model)
        self.env.cr.execute(
            SQL(
                """CREATE INDEX %s ON %s (user_id, rec_date, res_id)
                       INCLUDE (company_id, active, rec_state, rec_ref)""",
                SQL.identifier(f"{partition}_filter_idx"),
                SQL.identifier(partition),
            )
        )

    def init(self):
        self._ensure_table()

    # ------------------------------------------------------------------
    # Group ids used by the SQL of the secured models
    # ------------------------------------------------------------------
    @api.model
    def _gid(self, xmlid):
        # The cached xmlid lookup, without a query per call.
        return self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False) or 0

    @api.model
    def _role_params(self):
        params = {
            "professional": self._gid("don_core.group_don_professional"),
            "kernteam": self._gid("don_core.group_don_kernteam"),
        }
        params["implying"], params["domain_groups"], _groups = self._group_closure()
        return params

    @api.model
    @tools.ormcache()
    def _group_closure(self):
        """({group id: ids of the groups whose members are its members},
        the domains' group ids).

        The members of a group are its own members and those of every group
        that implies it, directly or through others. Computed from the
        implied-group relation itself, so that the access relation does not
        rely on ``res_groups_users_rel`` also holding the implied groups (it
        does in 18.0, not in later Odoo). Cached (not in the "groups" cache
        of the ORM, which holds one entry): res.groups and don.domain clear it
        when a group, its implied groups or a domain's group change."""
        self.env.cr.execute(
            """
            WITH RECURSIVE closure(gid, hid) AS (
                SELECT id, id FROM res_groups
                 UNION
                SELECT c.gid, r.hid FROM closure c JOIN res_groups_implied_rel r ON r.gid = c.hid
            )
            SELECT hid, array_agg(gid ORDER BY gid) FROM closure GROUP BY hid
            """
        )
        implying = {hid: tuple(gids) for hid, gids in self.env.cr.fetchall()}
        self.env.cr.execute("SELECT group_id FROM don_domain ORDER BY group_id")
        domain_groups = tuple(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute(
            """SELECT res_id FROM ir_model_data
                WHERE model = 'res.groups' AND module = 'don_core' ORDER BY res_id"""
        )
        access_groups = tuple(
            sorted({row[0] for row in self.env.cr.fetchall()} | set(domain_groups))
        )
        return implying, domain_groups, access_groups

    @api.model
    def _sql_user_in_group(self, params, gid, user=None):
        """SQL: the user (``u.id`` by default) is a member of group ``gid``,
        directly or through an implying group."""
        return SQL(
            "EXISTS (SELECT 1 FROM res_groups_users_rel g WHERE g.uid = %s AND g.gid IN %s)",
            user or SQL("u.id"),
            params["implying"].get(gid) or (gid or 0,),
        )

    @api.model
    def _sql_need_to_know(self):
        """SQL: the user ``u`` is an active agenda member of a Kernteam of a
        municipality that holds agenda members to need to know (the Public
        Prosecutor "op afstand"): they see the cases on the agenda of the
        meetings they were invited to (don.case), not all that a Kernteamlid
        sees."""
        return SQL(
            """EXISTS (SELECT 1 FROM don_kernteam_member km
                         JOIN res_company c ON c.id = km.company_id
                        WHERE km.user_id = u.id AND km.active AND km.is_agenda_member
                          AND c.don_om_need_to_know)"""
        )

    @api.model
    def _cron_need_to_know(self):
        """Daily: the cases whose agenda period ended since yesterday leave
        the access of the agenda members (the condition compares with now)."""
        self.env.cr.execute(
            """SELECT DISTINCT ai.case_id FROM don_agenda_item ai
                 JOIN don_meeting m ON m.id = ai.meeting_id
                 JOIN res_company c ON c.id = m.company_id
                WHERE ai.case_id IS NOT NULL AND c.don_om_need_to_know
                  AND m.date + make_interval(days => c.don_om_period_days)
                      BETWEEN (now() AT TIME ZONE 'UTC') - interval '3 days'
                          AND (now() AT TIME ZONE 'UTC')"""
        )
        self._recompute("don.case", [row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _sql_implying_pairs(self, params, gids):
        """SQL: a VALUES list of (group, implying group) pairs for the groups
        ``gids`` (alias it ``name(hid, via)``), to join a column holding a
        group id with the members of that group through the closure."""
        pairs = [(gid, via) for gid in gids for via in params["implying"].get(gid) or (gid,)]
        return SQL(
            "(VALUES %s)",
            SQL(", ").join(SQL("(%s, %s)", gid, via) for gid, via in pairs) or SQL("(0, 0)"),
        )

    @api.model
    def _access_group_ids(self):
        """The groups the access relation depends on: the DON roles and
        every domain's group (the declared group inputs)."""
        return self._group_closure()[2]

    @api.model
    def _user_access_inputs(self, user_ids=None):
        """{user id: (groups, companies, active, share)} for the users, with
        their groups through the implied-group closure, restricted to the
        groups the access relation depends on. Compared before and after a
        change of users or groups, whatever field or table the change went
        through (fields are renamed between Odoo versions; the state is not)."""
        self.env["res.users"].flush_model()
        self.env["res.groups"].flush_model()
        where = SQL("TRUE") if user_ids is None else SQL("u.id IN %s", tuple(user_ids) or (0,))
        self.env.cr.execute(
            SQL(
                """
            WITH RECURSIVE closure(gid, hid) AS (
                SELECT id, id FROM res_groups
                 UNION
                SELECT c.gid, r.hid FROM closure c JOIN res_groups_implied_rel r ON r.gid = c.hid
            )
            SELECT u.id, u.active, u.share,
                   ARRAY(SELECT DISTINCT c.hid FROM res_groups_users_rel gu
                           JOIN closure c ON c.gid = gu.gid
                          WHERE gu.uid = u.id AND c.hid IN %(groups)s ORDER BY c.hid),
                   ARRAY(SELECT cu.cid FROM res_company_users_rel cu
                          WHERE cu.user_id = u.id ORDER BY cu.cid)
              FROM res_users u WHERE %(where)s
            """,
                groups=tuple(self._access_group_ids()) or (0,),
                where=where,
            )
        )
        return {
            uid: (tuple(groups), tuple(companies), active, share)
            for uid, active, share, groups, companies in self.env.cr.fetchall()
        }

    @api.model
    def _recompute_changed_users(self, before, user_ids=None):
        """Recompute the users whose access inputs differ from ``before``
        (from ``_user_access_inputs``); returns their ids."""
        after = self._user_access_inputs(user_ids)
        changed = [uid for uid in set(before) | set(after) if before.get(uid) != after.get(uid)]
        if changed:
            self._recompute(user_ids=changed)
        return changed

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------
    @api.model
    def _recompute(self, model_name=None, record_ids=None, user_ids=None):
        """Recompute the access rows of ``model_name`` (every secured model
        when None), restricted to ``record_ids`` and/or ``user_ids`` when
        given. Models that depend on it (the youth and the items of a
        recomputed case) follow for the records concerned."""
        if (record_ids is not None and not record_ids) or (user_ids is not None and not user_ids):
            return
        self.env.flush_all()
        names = self._secured_models()
        touched = {}
        if model_name:
            names = names[names.index(model_name) :]
            touched[model_name] = list(record_ids) if record_ids is not None else None
        params = self._role_params()
        for name in names:
            model = self.env[name]
            if model_name and name != model_name:
                ids = model._don_access_scope(touched)
                if ids is not None and not ids:
                    continue
                touched[name] = ids
            else:
                ids = touched.get(name)
            self._recompute_model(model, params, ids, user_ids)
            if ids is None and user_ids is None:
                # A full rebuild changes the table's statistics completely;
                # the next model's condition reads these rows.
                self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(ACCESS_TABLE)))
        for name in names:
            self.env[name].invalidate_model()
        # What the records before them show about these is computed per user
        # (a case's counts of its lines, its "more exists" notice): forgotten
        # too, so that a read later in the transaction counts again.
        for name, per_user in self._per_user_fields():
            if name not in names:
                self.env[name].invalidate_model(per_user)

    def _recompute_model(self, model, params, ids, user_ids):
        copied_columns, copied_values = self._sql_copied(model)
        where = [SQL("TRUE")]
        delete_where = [SQL("res_model = %s", model._name)]
        if ids is not None:
            where.append(SQL("rec.id IN %s", tuple(ids)))
            delete_where.append(SQL("res_id IN %s", tuple(ids)))
        if user_ids is not None:
            where.append(SQL("u.id IN %s", tuple(user_ids)))
            delete_where.append(SQL("user_id IN %s", tuple(user_ids)))
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE %s",
                SQL.identifier(ACCESS_TABLE),
                SQL(" AND ").join(delete_where),
            )
        )
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO %(table)s (res_model, res_id, user_id, company_id, active, %(columns)s)
            SELECT DISTINCT %(model)s, rec.id, u.id, rec.company_id, %(active)s, %(values)s
              FROM %(rec_table)s rec
              JOIN res_company_users_rel cu ON cu.cid = rec.company_id
              JOIN res_users u ON u.id = cu.user_id AND u.active
             WHERE %(filter)s AND %(professional)s AND (%(condition)s)
            ON CONFLICT DO NOTHING
            """,
                table=SQL.identifier(ACCESS_TABLE),
                model=model._name,
                rec_table=SQL.identifier(model._table),
                active=self._sql_active(model),
                columns=copied_columns,
                values=copied_values,
                professional=self._sql_user_in_group(params, params["professional"]),
                filter=SQL(" AND ").join(where),
                condition=model._don_access_condition(params),
            )
        )

    # ------------------------------------------------------------------
    # Helpers for the rule and the audit
    # ------------------------------------------------------------------
    @api.model
    def _visible_ids_sql(self, model_name, uid):
        # The model's own partition, not the partitioned table: the planner
        # then estimates the join with that partition's statistics (through
        # the parent it uses the statistics of all models together), and
        # with the partition's unique (res_id, user_id) it knows each id comes once.
        # (The partition holds this model's rows only: no test of res_model.)
        return SQL(
            "(SELECT res_id FROM %s WHERE user_id = %s)",
            SQL.identifier(self._partition_name(self.env[model_name])),
            uid,
        )

    @api.model
    def _update_copies(self, records):
        """The record's active flag and copied fields, again in its rows
        (archiving or a change of a copied field changes nobody's access)."""
        if not records:
            return
        self.env.flush_all()
        columns, values = self._sql_copied(records)
        self.env.cr.execute(
            SQL(
                """UPDATE %(partition)s a
                      SET (active, %(columns)s) = (SELECT %(active)s, %(values)s)
                     FROM %(rec_table)s rec
                    WHERE a.res_model = %(model)s AND a.res_id = rec.id AND rec.id IN %(ids)s""",
                partition=SQL.identifier(self._partition_name(records)),
                active=self._sql_active(records),
                columns=columns,
                values=values,
                rec_table=SQL.identifier(records._table),
                model=records._name,
                ids=tuple(records.ids),
            )
        )

    # ------------------------------------------------------------------
    # Counting through the relation
    # ------------------------------------------------------------------
    # The rules the relation count stands for: the access rule and the
    # company rule. Any other rule on a model (one an administrator adds)
    # sends its counts back through the ORM.
    COUNTED_RULES = frozenset(
        {"[('don_visible', '=', True)]", "[('company_id', 'in', company_ids)]"}
    )

    @api.model
    def _count_visible(self, model, domain, limit=None):
        """``model.search_count(domain, limit)`` answered from the relation,
        or None when it cannot be.

        The records a user may see are exactly their rows in the relation
        (restricted to the active companies and, under ``active_test``, to
        active records), and a row carries copies of the fields the model
        declares in ``_don_access_copied`` (a date, a stage, a domain). A
        count without a filter, or with a filter on copied fields only,
        counts the rows: this avoids joining the relation with the record
        table, the cost that made a count of the contributions of the last
        year ten times slower for a restricted user than for the superuser.
        See _rows_query for what is checked."""
        query = self._rows_query(model, domain)
        if query is None:
            return None
        if limit:
            query.limit = limit
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT count(*) FROM (%s) t", query.select(SQL("1"))))
        return self.env.cr.fetchone()[0]

    @api.model
    def _grouped_rows_query(self, model, domain, groupby, aggregates, having):
        """The query of ``model._read_group(domain, groupby, aggregates,
        having)`` over the user's rows of the relation, or None when the
        grouping cannot be answered there: every group is a copied field
        (a date at any granularity, a stage, a domain), every aggregate a
        count, and the domain reads copied fields only. The contributions of
        the last year by domain were 1.5-1.9x the superuser's time through
        the table; from the rows it is one index range."""
        if not groupby or not set(aggregates) <= GROUPED_AGGREGATES:
            return None
        if having and any(
            not (isinstance(term, (list, tuple)) and len(term) == 3 and term[0] == "__count")
            for term in expression.normalize_domain(having)
            if term not in ("&", "|", "!")
        ):
            return None
        copied = set(self._copied_fields(model).values())
        for spec in groupby:
            fname = spec.split(":")[0] if isinstance(spec, str) else None
            if fname not in copied or model._fields[fname].groups:
                return None
            if ":" in spec and model._fields[fname].type != "date":
                return None
        return self._rows_query(model, domain)

    @api.model
    def _page_query(self, model, domain, offset, limit, order):
        """The ids of a page of ``model.search(domain, offset, limit,
        order)``, chosen in the user's rows of the relation, or None.

        A list opens on a page ordered by date (the contributions of the
        last year, newest first); through the table, the database walks the
        date index and probes the relation for every record it meets, most
        of which another user may see (1.5-1.6x the superuser's time). The
        rows carry the date: the page is read from the user's date index
        instead. Only for a page (a limit), a domain on copied fields, and an
        order led by the copied date, on copied plain fields and the id; the
        ORM applies the domain and the record rules to the page again
        (_search), so this path can leave a record out but never let one
        in."""
        if not limit:
            return None
        copied = self._copied_fields(model)
        date_field = copied.get("rec_date")
        if not date_field:
            return None
        terms = [term.split() for term in (order or model._order).split(",") if term.strip()]
        names = [term[0].strip('"') for term in terms]
        if not terms or names[0] != date_field:
            return None
        plain = {
            fname
            for fname in copied.values()
            if model._fields[fname].type != "many2one" and not model._fields[fname].groups
        }
        if any(name != "id" and name not in plain for name in names):
            return None
        query = self._rows_query(model, domain)
        if query is None:
            return None
        # The id decides between equal dates, so that pages do not overlap.
        page_order = order or model._order
        if "id" not in names:
            page_order = f"{page_order}, id"
        query.order = model._order_to_sql(page_order, query)
        query.limit = limit
        query.offset = offset
        return query

    @api.model
    def _rows_query(self, model, domain):
        """A Query of the records of ``model`` that the user may see and that
        match ``domain``, over the user's rows of the relation instead of the
        record table, or None.

        The rows stand under the record table's name, with the copies under
        their fields' names, so that the ORM's SQL for the domain (and for a
        grouping) reads them as it reads the table. Everything the ORM checks
        before searching is checked here too: the model's access rights, the
        strong-login gate, that no other record rule applies, and that the
        domain reads copied fields only (_copied_condition)."""
        if model.env.su or not self._counts_through_relation(model._name):
            return None
        if self._copied_condition(model, domain) is None:
            return None
        model.browse().check_access("read")
        self.env["res.users"]._don_check_2fa()
        if model.env["don.access"]._user_sees_all(model._name, model.env.uid):
            return None  # the company test alone is as fast as this
        copied = self._copied_fields(model)
        active_name = model._active_name
        rows = SQL(
            "(SELECT res_id AS id, company_id%s%s FROM %s WHERE user_id = %s)",
            SQL(", active AS %s", SQL.identifier(active_name)) if active_name else SQL(""),
            SQL("").join(
                SQL(", %s AS %s", SQL.identifier(column), SQL.identifier(fname))
                for column, fname in copied.items()
            ),
            SQL.identifier(self._partition_name(model)),
            model.env.uid,
        )
        # sudo only builds the SQL of the domain (terms on copied columns,
        # no joins or sub-queries: _copied_condition); the rows are the
        # user's, in the user's selected municipalities.
        query = model.sudo().with_context(active_test=model.env.context.get("active_test", True))
        query = query._where_calc(domain or [])
        query._tables[model._table] = rows
        query.add_where(
            SQL(
                "%s IN %s",
                SQL.identifier(model._table, "company_id"),
                tuple(model.env.companies.ids) or (0,),
            )
        )
        return query

    @api.model
    def _copied_condition(self, model, domain):
        """The ORM's SQL of ``domain`` when every term of it is on a field
        copied into the relation (TRUE for no domain), else None."""
        if not domain:
            return SQL("TRUE")
        copied = set(self._copied_fields(model).values())
        if not copied or model._active_name in copied:
            return None
        for term in expression.normalize_domain(domain):
            if isinstance(term, str) and term in ("&", "|", "!"):
                continue
            if not (isinstance(term, (list, tuple)) and len(term) == 3):
                return None
            fname, operator, value = term
            if fname not in copied or operator not in COPIED_OPERATORS:
                return None
            if model._fields[fname].groups:
                return None  # the ORM checks who may search on such a field
            if model._fields[fname].type == "many2one" and not self._plain_ids(value):
                return None  # a name is searched on the comodel, with its rules
        # Terms on plain stored columns without joins: the where clause of
        # the ORM's query names the table's columns only (sudo only builds
        # the SQL; the rows counted are the user's, see _count_visible).
        query = model.sudo()._where_calc(domain, active_test=False)
        if query._joins:
            return None
        return query.where_clause

    @staticmethod
    def _plain_ids(value):
        """A many2one's value compared as ids: an id, False, or a list of them."""
        values = value if isinstance(value, (list, tuple)) else [value]
        return all(v is False or (isinstance(v, int) and not isinstance(v, bool)) for v in values)

    @api.model
    @tools.ormcache("model_name")
    def _counts_through_relation(self, model_name):
        """The model's read rules are exactly the access and company rules
        (cached: creating, changing or deleting a rule clears the cache)."""
        model = self.env[model_name]
        if "company_id" not in model._fields or not model._fields["company_id"].store:
            return False
        rules = (
            self.env["ir.rule"]
            .sudo()
            .search([("model_id.model", "=", model_name), ("perm_read", "=", True)])
        )
        domains = {(rule.domain_force or "").strip() for rule in rules}
        return bool(rules) and domains == self.COUNTED_RULES and not rules.groups

    @api.model
    @tools.ormcache("model_name", "uid")
    def _user_sees_all(self, model_name, uid):
        """The user sees every record of ``model_name`` in their
        municipalities (its ``_don_access_all_condition`` holds for them).
        Cached; the registry cache is cleared when a user's groups,
        companies or active flag change, or a DON group's members."""
        params = self._role_params()
        condition = self.env[model_name]._don_access_all_condition(params)
        if condition is None:
            return False
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM res_users u
                   WHERE u.id = %s AND u.active AND %s AND (%s)""",
                uid,
                self._sql_user_in_group(params, params["professional"]),
                condition,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _users_with_access(self, model_name, res_ids):
        """{res_id: set(user ids)} for the given records (audit, mail guard)."""
        result = {res_id: set() for res_id in res_ids}
        if not res_ids:
            return result
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT res_id, user_id FROM %s WHERE res_model = %s AND res_id IN %s",
                SQL.identifier(ACCESS_TABLE),
                model_name,
                tuple(res_ids),
            )
        )
        for res_id, user_id in self.env.cr.fetchall():
            result[res_id].add(user_id)
        return result

    @api.model
    def _user_can_see(self, model_name, res_ids, uid=None):
        """Subset of ``res_ids`` the user may see according to the relation."""
        res_ids = [res_id for res_id in res_ids if isinstance(res_id, int)]
        if not res_ids:
            return set()
        self.env.cr.execute(
            SQL(
                "SELECT res_id FROM %s WHERE user_id = %s AND res_model = %s AND res_id IN %s",
                SQL.identifier(ACCESS_TABLE),
                uid or self.env.uid,
                model_name,
                tuple(res_ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}
