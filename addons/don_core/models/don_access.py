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

from odoo import api, models
from odoo.tools import SQL

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
        self.env.cr.execute(
            SQL(
                """
            CREATE TABLE IF NOT EXISTS %(table)s (
                res_model varchar NOT NULL,
                res_id integer NOT NULL,
                user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
                PRIMARY KEY (res_model, res_id, user_id)
            );
            CREATE INDEX IF NOT EXISTS don_access_entry_user_idx
                ON %(table)s (user_id, res_model, res_id);
            """,
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
        group = self.env.ref(xmlid, raise_if_not_found=False)
        return group.id if group else 0

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
            INSERT INTO %(table)s (res_model, res_id, user_id)
            SELECT DISTINCT %(model)s, rec.id, u.id
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
        return SQL(
            "(SELECT res_id FROM %s WHERE user_id = %s AND res_model = %s)",
            SQL.identifier(ACCESS_TABLE),
            uid,
            model_name,
        )

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
