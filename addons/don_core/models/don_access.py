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

from odoo import api, models, tools
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

ACCESS_TABLE = "don_access_entry"


class DonAccess(models.AbstractModel):
    _name = "don.access"
    _description = "DON access relation"

    @api.model
    def _secured_models(self):
        """Secured models in dependency order: a model's access may depend on
        the access computed for the models before it (items on cases)."""
        return [
            "don.case",
            "don.youth",
            "don.case.note",
            "don.case.factor",
            "don.case.relation",
            "don.intervention",
            "don.meeting",
            "don.agenda.item",
            "don.group",
            "don.network.relation",
        ]

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
            # by migrations/18.0.1.1.0/pre-migrate.py.
            return
        cr.execute(
            SQL(
                """
            CREATE TABLE %(table)s (
                res_model varchar NOT NULL,
                res_id integer NOT NULL,
                user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
                company_id integer,
                active boolean NOT NULL DEFAULT TRUE
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

    def _ensure_partition(self, model):
        """The partition of ``model``'s rows (called from the model's init).
        Rows of the model waiting in the default partition move into it,
        with the company and active flag of their record."""
        self._ensure_table()
        partition = self._partition_name(model)
        if sql.table_exists(self.env.cr, partition):
            return
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
            INSERT INTO %(table)s
                SELECT m.res_model, m.res_id, m.user_id, rec.company_id, %(active)s
                  FROM don_access_entry_moved m JOIN %(rec_table)s rec ON rec.id = m.res_id;
            DROP TABLE don_access_entry_moved;
            """,
                default=default,
                model=model._name,
                active=self._sql_active(model),
                rec_table=SQL.identifier(model._table),
                partition=SQL.identifier(partition),
                key=SQL.identifier(f"{partition}_key"),
                user_idx=SQL.identifier(f"{partition}_user_idx"),
                table=SQL.identifier(ACCESS_TABLE),
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
        return {
            "professional": self._gid("don_core.group_don_professional"),
            "kernteam": self._gid("don_core.group_don_kernteam"),
        }

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

    def _recompute_model(self, model, params, ids, user_ids):
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
            INSERT INTO %(table)s (res_model, res_id, user_id, company_id, active)
            SELECT DISTINCT %(model)s, rec.id, u.id, rec.company_id, %(active)s
              FROM %(rec_table)s rec
              JOIN res_company_users_rel cu ON cu.cid = rec.company_id
              JOIN res_users u ON u.id = cu.user_id AND u.active
              JOIN res_groups_users_rel gp ON gp.uid = u.id AND gp.gid = %(professional)s
             WHERE %(filter)s AND (%(condition)s)
            ON CONFLICT DO NOTHING
            """,
                table=SQL.identifier(ACCESS_TABLE),
                model=model._name,
                rec_table=SQL.identifier(model._table),
                active=self._sql_active(model),
                professional=params["professional"],
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
    def _update_active(self, records):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE %(partition)s a SET active = %(active)s
                     FROM %(rec_table)s rec
                    WHERE a.res_model = %(model)s AND a.res_id = rec.id AND rec.id IN %(ids)s""",
                partition=SQL.identifier(self._partition_name(records)),
                active=self._sql_active(records),
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

        For a search without a filter of its own, the records a user may see
        are exactly their rows in the relation (restricted to the active
        companies and, under ``active_test``, to active records): counting
        the rows avoids joining the relation with the record table, the cost
        that made a Kernteamlid's count of 100,000 visible contributions four
        times slower than the table's own count. Everything the ORM checks
        before counting is checked here too: the model's access rights, the
        strong-login gate, and that no other record rule applies."""
        if domain or model.env.su or not self._counts_through_relation(model._name):
            return None
        model.browse().check_access("read")
        self.env["res.users"]._don_check_2fa()
        if model.env["don.access"]._user_sees_all(model._name, model.env.uid):
            return None  # the company test alone is as fast as this
        where = [
            SQL("user_id = %s", model.env.uid),
            SQL("company_id IN %s", tuple(model.env.companies.ids) or (0,)),
        ]
        if model._active_name and model.env.context.get("active_test", True):
            where.append(SQL("active"))
        query = SQL(
            "SELECT 1 FROM %s WHERE %s",
            SQL.identifier(self._partition_name(model)),
            SQL(" AND ").join(where),
        )
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT count(*) FROM (%s) t", query))
        return self.env.cr.fetchone()[0]

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
                    JOIN res_groups_users_rel gp ON gp.uid = u.id AND gp.gid = %s
                   WHERE u.id = %s AND u.active AND (%s)""",
                params["professional"],
                uid,
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
