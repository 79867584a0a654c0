# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import itertools

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.internal import INTERNAL, dispatched_by_rpc, internal_flag

# The inputs of what every Kernteamlid sees (_don_sql_kernteam): team
# membership (the agenda member) and the municipality's need-to-know choice.
KERNTEAM_INPUTS = {
    "don.kernteam.member": ("user_id", "kernteam_id", "active", "is_agenda_member"),
    "res.company": ("don_om_need_to_know",),
}

# The search of a grouping answered from the access relation: set by
# _read_group for the one _search call it makes (the recordset and the very
# domain object it passes), consumed there. A Python context variable, not
# an Odoo context key: nothing a client sends can set it.
_GROUPED_ROWS = contextvars.ContextVar("don_grouped_rows", default=None)

# {secured model: column fields}: what a form's web_read is about to read of
# the lines of its one2many fields (the tabs of a case). Set by web_read for
# the read it makes; search_fetch (One2many.read) fetches these columns with
# the lines, so that reading them does not search the lines a second time
# through the record rules. It only adds columns to a search the rules
# restrict. A Python context variable: nothing a client sends can set it.
_LINE_FIELDS = contextvars.ContextVar("don_line_fields", default=None)


class DonSecuredMixin(models.AbstractModel):
    """Records whose visibility is decided by the DON access relation.

    Each concrete model declares one global record rule
    ``[('don_visible', '=', True)]`` (read, write, unlink) and implements
    ``_don_access_condition`` (who may see a record, as SQL). This mixin keeps
    the relation up to date, and closes the side channels: e-mail
    notifications and followers are limited to users with access, and export
    needs the explicit DON export right.
    """

    _name = "don.secured.mixin"
    _description = "DON secured record"

    # ------------------------------------------------------------------
    # The declaration of what a record's access depends on. The triggers
    # (which writes recompute what), the order of the models and the records
    # a change reaches are derived from it (see don.access and
    # readme/DEVELOP.md); tests check that the SQL condition reads nothing
    # that is not declared.
    # ------------------------------------------------------------------
    # Own stored fields whose change alters who may see the record.
    _don_access_fields = ("company_id",)
    # (secured model, column of this model): the record's access reads the
    # access rows of the record ``column`` points to (an item and its case).
    _don_access_follows = ()
    # (secured model, column of that model): the record's access reads the
    # access rows of the records of that model whose ``column`` points to it
    # (a young person and their cases).
    _don_access_follows_back = ()
    # {model: fields}: other models the condition reads (not secured
    # themselves), e.g. Kernteam membership. A change of one of these fields
    # recomputes the users concerned (see don.access._recompute_inputs).
    _don_access_inputs = {}
    # Every model also depends on its users: their groups (through the
    # implied-group closure), companies and active flag (res.users,
    # res.groups and don.access._user_access_inputs).
    # {relation column: field}: fields copied into the record's rows of the
    # access relation (columns in don_access.COPIED_COLUMNS: a date, a
    # stage), so that counts filtered on them are counted in the relation
    # (don.access._count_visible). Kept in step by write() below.
    _don_access_copied = {}
    # Log every opening of a record in the access log (youth, case).
    _don_log_open = False

    don_visible = fields.Boolean(
        string="Visible to me",
        compute="_compute_don_visible",
        search="_search_don_visible",
        # The value depends on the user only: one cache entry shared by the
        # user's env and its sudo() twin (record rules are checked in sudo).
        compute_sudo=True,
        help="Technical: the current user is in the access relation of this record.",
    )

    def init(self):
        result = super().init()
        if not self._abstract:
            self.env["don.access"]._ensure_partition(self)
        # The company rule next to the access rule: with this index the
        # company condition is answered from the index alone and merged with
        # the user's access rows (counts and list pagers of restricted users
        # do not read the table).
        if not self._abstract and "company_id" in self._fields and self._fields["company_id"].store:
            tools.create_index(
                self.env.cr, f"{self._table}_company_id_id_idx", self._table, ["company_id", "id"]
            )
        # The retention job looks for a young person's name in the columns
        # that can hold one: trigram indexes make that an index scan.
        if not self._abstract and self._name != "don.youth":
            Privacy = self.env["don.privacy"]
            Privacy._ensure_name_indexes(self._table, Privacy._name_columns(self))
        return result

    @api.depends_context("uid")
    def _compute_don_visible(self):
        visible = self.env["don.access"]._user_can_see(self._name, self.ids)
        for record in self:
            record.don_visible = record.id in visible

    def _search_don_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on 'Visible to me'."))
        # Strong login: the global rule of every secured model passes here, so
        # a DON user without two-factor authentication gets a clear refusal on
        # every read, search, count and RPC call (not on sudo()).
        self.env["res.users"]._don_check_2fa()
        positive = (operator == "=") == value
        if self.env["don.access"]._user_sees_all(self._name, self.env.uid):
            # A role that sees every record of its municipalities (see
            # _don_access_all_condition): the relation holds a row for each
            # of them, so the company test gives the same records without
            # joining it (counts and groupings stay as fast as the table).
            domain = [("company_id", "in", list(self.env.user._get_company_ids()))]
        else:
            subquery = self.env["don.access"]._visible_ids_sql(self._name, self.env.uid)
            domain = [("id", "in", subquery)]
        return domain if positive else ["!", *domain]

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        lines = _LINE_FIELDS.get()
        if lines and field_names is not None and self._name in lines:
            field_names = [
                *field_names,
                *(
                    fname
                    for fname in lines[self._name]
                    if self._fields[fname].is_accessible(self.env)
                ),
            ]
        if not self.env.su and "company_id" in self._fields and field_names is not None:
            # Reading the records checks the company rule on them: fetch the
            # company with the search, not in a second query of every column.
            field_names = [*field_names, "company_id"]
        records = super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
        if records and not self.env.su:
            # Found through the record rules, whose global rule is this very
            # field: the user sees them. Kept in the cache so that the labels
            # of a list do not ask the access relation again.
            self.env.cache.update(records, self._fields["don_visible"], itertools.repeat(True))
        return records

    # ------------------------------------------------------------------
    # Labels: only users in the access relation get the content of the
    # label (AccessError texts and many2one labels are built with sudo).
    # ------------------------------------------------------------------
    def _don_label(self):
        self.ensure_one()
        return self[self._rec_name] if self._rec_name else ""

    @api.depends_context("uid")
    @api.depends(lambda self: (self._rec_name,) if self._rec_name else ())
    def _compute_display_name(self):
        model_name = None
        for record in self:
            if not isinstance(record.id, int) or record.don_visible:
                record.display_name = record._don_label()
            else:
                if model_name is None:
                    # The model's name in the user's language (ir.model is
                    # translated, _description is the English source).
                    # sudo: model names are not personal data.
                    model_name = (
                        self.env["ir.model"].sudo()._get(self._name).name or self._description
                    )
                record.display_name = _("%(model)s %(id)s", model=model_name, id=record.id)

    # ------------------------------------------------------------------
    # Access relation
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        """SQL condition on ``rec`` (this model's row) and ``u`` (a user who
        is an active DON professional of the record's company)."""
        raise NotImplementedError

    @api.model
    def _don_access_all_condition(self, params):
        """SQL condition on ``u`` alone under which a user sees *every*
        record of this model in their municipalities (a role such as
        Kernteamlid), or None. It must be part of ``_don_access_condition``:
        the rule then tests the company instead of the relation for those
        users, and the tests compare both."""
        return None

    @api.model
    def _don_access_declaration(self):
        """What the access of this model's records depends on."""
        return {
            "fields": tuple(
                dict.fromkeys(
                    (*self._don_access_fields, *(col for _m, col in self._don_access_follows))
                )
            ),
            "follows": tuple(self._don_access_follows),
            "follows_back": tuple(self._don_access_follows_back),
            "inputs": dict(self._don_access_inputs),
            "users": ("groups", "companies", "active", "share"),
        }

    @api.model
    def _don_access_followed_models(self):
        declaration = self._don_access_declaration()
        return {model for model, _col in (*declaration["follows"], *declaration["follows_back"])}

    @api.model
    def _don_access_scope(self, touched):
        """Ids of this model whose access depends on the ``touched`` records
        ({model: ids or None for all}); [] when none, None for all. Derived
        from the declaration (follows and follows_back)."""
        declaration = self._don_access_declaration()
        ids = set()
        for model_name, column in declaration["follows"]:
            if model_name not in touched:
                continue
            if touched[model_name] is None:
                return None
            if touched[model_name]:
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE %s IN %s",
                        SQL.identifier(self._table),
                        SQL.identifier(column),
                        tuple(touched[model_name]),
                    )
                )
                ids.update(row[0] for row in self.env.cr.fetchall())
        for model_name, column in declaration["follows_back"]:
            if model_name not in touched:
                continue
            if touched[model_name] is None:
                return None
            if touched[model_name]:
                self.env.cr.execute(
                    SQL(
                        "SELECT DISTINCT %s FROM %s WHERE id IN %s AND %s IS NOT NULL",
                        SQL.identifier(column),
                        SQL.identifier(self.env[model_name]._table),
                        tuple(touched[model_name]),
                        SQL.identifier(column),
                    )
                )
                ids.update(row[0] for row in self.env.cr.fetchall())
        return list(ids)

    @api.model
    def _don_sql_kernteam(self, params):
        """The user ``u`` is a Kernteamlid who sees what every Kernteamlid
        sees: not an agenda member held to need to know (the Public
        Prosecutor, when their municipality chose so: see
        don.access._sql_need_to_know)."""
        return SQL(
            "(%s AND NOT %s)",
            self._don_sql_in_group(params, params["kernteam"]),
            self.env["don.access"]._sql_need_to_know(),
        )

    @api.model
    def _don_sql_in_group(self, params, gid):
        """The user ``u`` is a member of group ``gid`` (directly or through a
        group that implies it)."""
        return self.env["don.access"]._sql_user_in_group(params, gid)

    @api.model
    def _don_sql_sees(self, model_name, column):
        """The user already has access to the record ``column`` points to."""
        return SQL(
            "EXISTS (SELECT 1 FROM don_access_entry a WHERE a.res_model = %s"
            " AND a.res_id = %s AND a.user_id = u.id)",
            model_name,
            column,
        )

    def _don_recompute_access(self):
        self.env["don.access"]._recompute(self._name, self.ids)

    # ------------------------------------------------------------------
    # A secured model as the input of another (an agenda item decides which
    # cases the agenda member sees): declared by that other model.
    # ------------------------------------------------------------------
    def _don_input_dependents(self, fnames=None):
        """{secured model: ids} of the records whose access reads these
        records as a declared input (for a change of ``fnames``)."""
        result = {}
        for name in self.env["don.access"]._secured_models():
            declared = self.env[name]._don_access_declaration()["inputs"].get(self._name)
            if declared and (fnames is None or set(declared) & set(fnames)):
                result[name] = set(self._don_input_scope(name))
        return result

    def _don_input_scope(self, model_name):
        """Ids of ``model_name`` whose access reads these records (override
        in a model that is declared as an input of another)."""
        raise NotImplementedError(
            f"{self._name} is an input of {model_name}: implement _don_input_scope"
        )

    def _don_input_users(self, model_name):
        """Ids of the users whose access to ``model_name`` these records
        can change as its declared input (created or removed), or None for
        every user (the default). Override where the condition of
        ``model_name`` reads these records only for a few users: the
        recompute, and the models that follow it, then touch those users'
        rows only."""
        return None

    def _don_recompute_dependents(self, before, fnames):
        """Recompute the dependents found ``before`` a write and after it."""
        after = self._don_input_dependents(fnames) if before else {}
        for name, ids in before.items():
            self.env["don.access"]._recompute(name, list(ids | after.get(name, set())))

    @api.model
    def _don_without_nul(self, vals):
        """``vals`` without NUL bytes in its text: the database refuses
        them, and a client can send them (pasted text, generated input)."""
        text = {
            name
            for name in vals
            if name in self._fields and self._fields[name].type in ("char", "text", "html")
        }
        if not any(isinstance(vals[name], str) and "\x00" in vals[name] for name in text):
            return vals
        return {
            name: value.replace("\x00", "") if name in text and isinstance(value, str) else value
            for name, value in vals.items()
        }

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._don_without_nul(vals) for vals in vals_list]
        records = super().create(vals_list)
        records._don_recompute_access()
        for name, ids in records._don_input_dependents().items():
            self.env["don.access"]._recompute(
                name, list(ids), user_ids=records._don_input_users(name)
            )
        if "message_follower_ids" in records._fields and not self.env.context.get(
            "mail_create_nosubscribe"
        ):
            # mail.thread subscribed the author before the access relation
            # existed (and the guard below refused): subscribe them now.
            records._message_subscribe(partner_ids=self.env.user.partner_id.ids)
        return records

    def write(self, vals):
        vals = self._don_without_nul(vals)
        # Secured models whose access follows this one back through a column
        # written here (a case moved to another young person): their records
        # before and after the change are recomputed.
        back = [
            (name, column)
            for name, column in self.env["don.access"]._followers_back(self._name)
            if column in vals
        ]
        old_targets = {key: self.mapped(key[1]) for key in back}
        dependents = self._don_input_dependents(list(vals))
        result = super().write(vals)
        self._don_recompute_dependents(dependents, list(vals))
        for (name, column), old in old_targets.items():
            self.env["don.access"]._recompute(name, (old | self.mapped(column)).ids)
        if any(fname in vals for fname in self._don_access_declaration()["fields"]):
            self._don_recompute_access()
        elif (self._active_name and self._active_name in vals) or any(
            fname in vals for fname in self._don_access_copied.values()
        ):
            # Archiving or a new date or stage changes nobody's access; the
            # relation keeps the flag and the copies for counting
            # (search_count below).
            self.env["don.access"]._update_copies(self)
        return result

    @api.model
    def search_count(self, domain, limit=None):
        count = self.env["don.access"]._count_visible(self, domain, limit)
        if count is None:
            return super().search_count(domain, limit=limit)
        return count

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        # A count per copied field (contributions of a period per domain, cases
        # per stage) is counted in the user's rows of the relation; the ORM
        # builds the grouping on them as on the table (don.access._rows_query).
        query = self.env["don.access"]._grouped_rows_query(
            self, domain, groupby, aggregates, having
        )
        if query is None:
            return super()._read_group(
                domain, groupby, aggregates, having, offset=offset, limit=limit, order=order
            )
        self.env.flush_all()
        token = _GROUPED_ROWS.set((self, domain, query))
        try:
            return super()._read_group(
                domain, groupby, aggregates, having, offset=offset, limit=limit, order=order
            )
        finally:
            _GROUPED_ROWS.reset(token)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        pending = _GROUPED_ROWS.get()
        if pending is not None and pending[0] is self and pending[1] is domain:
            _GROUPED_ROWS.set(None)
            query = pending[2]
            if order:
                query.order = self._order_to_sql(order, query)
            query.limit = limit
            query.offset = offset
            return query
        page = self.env["don.access"]._page_query(self, domain, offset, limit, order)
        if page is not None:
            # The page's ids come from the user's rows of the relation; the
            # domain and the record rules apply to them as to any search.
            self.env.flush_all()
            return super()._search(
                expression.AND([domain or [], [("id", "in", page)]]), order=order
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def unlink(self):
        ids = self.ids
        dependents = self._don_input_dependents()
        users = {name: self._don_input_users(name) for name in dependents}
        result = super().unlink()
        for name, dependent_ids in dependents.items():
            self.env["don.access"]._recompute(name, list(dependent_ids), user_ids=users[name])
        if ids:
            self.env.cr.execute(
                "DELETE FROM don_access_entry WHERE res_model = %s AND res_id IN %s",
                [self._name, tuple(ids)],
            )
        return result

    # ------------------------------------------------------------------
    # Access log: every consultation of personal data (models with
    # ``_don_log_open``): a form (one entry for the record, none for the
    # lines it shows), a page of a list or a search_read call (one entry for
    # the page), an export (one entry for the file). Written after the read
    # succeeded, so a refused read logs nothing.
    # ------------------------------------------------------------------
    def _don_log_youths(self):
        """The young people these records are about (self is sudo, read
        once for the whole set; the caller fetched _don_log_fields)."""
        if self._name == "don.youth":
            return self
        youths = self.env["don.youth"]
        fnames = [
            fname
            for fname in ("youth_id", "youth_ids")
            if fname in self._fields and self._fields[fname].comodel_name == "don.youth"
        ]
        for fname in fnames:
            youths |= self[fname]
        if "case_id" in self._fields and self._fields["case_id"].comodel_name == "don.case":
            # Only the young person of the cases (see _don_log_fields).
            self.case_id.fetch(["youth_id"])
            youths |= self.case_id.youth_id
        return youths

    # The fields to users that make a user explicitly involved in a record.
    _DON_INVOLVING_FIELDS = ("director_id", "involved_user_ids", "handler_id", "user_ids")

    def _don_log_fields(self):
        """The fields an entry of the access log reads of these records,
        fetched at once and only these columns: reading a field that is not
        in memory fetches every column of the records (a case's texts
        included)."""
        names = ["reference", "company_id", "youth_id", "youth_ids", "case_id"]
        names += self._DON_INVOLVING_FIELDS
        if self._name == "don.youth":
            names.append("name")
        return [
            fname
            for fname in names
            if (field := self._fields.get(fname)) is not None
            and field.store
            and not (field.type == "many2many" and field.comodel_name == "res.users")
        ]

    def _don_log_listing(self, user):
        """The ids of the records of ``self`` (sudo) in which ``user`` is
        listed: the case director, an involved professional, the handler or
        a listed user. A many2many is asked in its relation table for the
        whole set (one query per field, no read of the users)."""
        found = set()
        if not self:
            # A young person without a case, an item without one.
            return found
        fields_ = [
            field
            for fname in self._DON_INVOLVING_FIELDS
            if (field := self._fields.get(fname)) is not None and field.comodel_name == "res.users"
        ]
        listed = [field for field in fields_ if field.type == "many2many" and field.store]
        others = [field for field in fields_ if field not in listed]
        # Only these columns (see _don_log_fields); the cases of items are
        # not fetched by the caller.
        self.fetch([field.name for field in others])
        for field in others:
            found.update(record.id for record in self if user in record[field.name])
        for field in listed:
            # As the field reads its users: its domain (e.g. professionals
            # only) applies to the user.
            if field.get_domain_list(self) and not self._don_user_fits(user.id, field.name):
                continue
            self.flush_model([field.name])
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE %s IN %s AND %s = %s",
                    SQL.identifier(field.column1),
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column1),
                    tuple(self.ids),
                    SQL.identifier(field.column2),
                    user.id,
                )
            )
            found.update(row[0] for row in self.env.cr.fetchall())
        return found

    @api.model
    @tools.ormcache("uid", "self._name", "fname")
    def _don_user_fits(self, uid, fname):
        """The user ``uid`` is one the many2many ``fname`` to users can hold:
        its domain applies to them (the involved professionals of a case are
        professionals). Asked for each logged consultation, so cached per
        user: the domains of these fields are about the user's groups, and a
        change of a user's groups or of a group clears the registry's caches
        (res.users and res.groups write; DON's res.users write for any other
        input of access)."""
        domain = self._fields[fname].get_domain_list(self)
        users = self.env["res.users"].sudo().with_context(active_test=False)
        return bool(users.search_count([("id", "=", uid), *domain], limit=1))

    def _don_log_involved(self, user):
        """The user is explicitly involved in these records (or in their
        case): the case director, an involved professional, the handler or a
        listed user. For a set: involved in every one of them. Self is sudo
        and holds stored records (the access log's consultation)."""
        if not self:
            return False
        listed = self._don_log_listing(user)
        if listed.issuperset(self.ids):
            return True
        case_field = self._fields.get("case_id")
        if self._name == "don.case" or not case_field or case_field.comodel_name != "don.case":
            return False
        in_cases = self.case_id._don_log_listing(user)
        return all(record.id in listed or record.case_id.id in in_cases for record in self)

    def _don_log_opened_record(self):
        """The record whose opening the form of this record logs ("open"):
        itself; a model whose form logs the opening of another record (a
        mayor's measure logs its case) returns that one, so that what the
        form loads with it (the chatter, its thumbnails) is recognised as
        part of the same consultation."""
        return self

    def _don_log_consultation(self, action):
        # The flag is set by the wrappers below (INTERNAL, which no client
        # can send): a client sending don_no_access_log is still logged.
        if not self._don_log_open or internal_flag(self.env, "don_no_access_log"):
            return
        # Records being edited (an onchange reads a new record) are no
        # consultation of stored data.
        records = self.browse([rid for rid in self.ids if isinstance(rid, int)])
        if records:
            self.env["don.access.log"]._log_records(records, action=action)

    def _don_user_tags(self, specification):
        """The many2many fields to users of which ``specification`` asks only
        the names (the tags of a form: the involved professionals)."""
        cache = self.env.cache
        return [
            fname
            for fname, field_spec in specification.items()
            if (field := self._fields.get(fname)) is not None
            and field.type == "many2many"
            and field.comodel_name == "res.users"
            and isinstance(field_spec, dict)
            and set(field_spec) <= {"fields", "context"}
            and field_spec.get("fields") == {"display_name": {}}
            # Only users this web_read reads from the database, through the
            # rules of res.users: not ids already in memory (a web_save's
            # read of the users just written, whatever the writer could see).
            and len(list(cache.get_missing_ids(self, field))) == len(self)
        ]

    def _don_line_fields(self, specification):
        """{secured model: column fields} the one2many fields of
        ``specification`` read of their lines."""
        lines = {}
        for fname, field_spec in specification.items():
            field = self._fields.get(fname)
            if (
                field is None
                or field.type != "one2many"
                or not isinstance(field_spec, dict)
                or not isinstance(field_spec.get("fields"), dict)
            ):
                continue
            comodel = self.env[field.comodel_name]
            if not isinstance(comodel, DonSecuredMixin):
                continue
            columns = lines.setdefault(comodel._name, [])
            columns.extend(
                name
                for name in field_spec["fields"]
                if name in comodel._fields and comodel._fields[name].column_type
            )
        return lines

    def web_read(self, specification):
        # User tags: the ORM reads which users they hold through the record
        # rules of res.users (in the many2many's query); their names are then
        # read as Odoo reads the name of a many2one, with sudo, instead of
        # checking the rules of res.users a second time in Python for them.
        tags = self._don_user_tags(specification)
        if tags:
            specification = {**specification, **{fname: {} for fname in tags}}
        # The lines a form shows (x2many) are read through their own
        # web_read: not separate openings.
        token = _LINE_FIELDS.set(self._don_line_fields(specification))
        try:
            result = super(DonSecuredMixin, self.with_context(don_no_access_log=INTERNAL)).web_read(
                specification
            )
        finally:
            _LINE_FIELDS.reset(token)
        if tags and result:
            user_ids = {uid for values in result for fname in tags for uid in values[fname]}
            # sudo: only the users the ORM just read in these fields from the
            # database for the current user (the rules of res.users applied
            # in the many2many's query, see _don_user_tags), only their names.
            names = {
                user.id: user.display_name for user in self.env["res.users"].browse(user_ids).sudo()
            }
            for values in result:
                for fname in tags:
                    values[fname] = [
                        {"id": uid, "display_name": names[uid]} for uid in values[fname]
                    ]
        if self and set(specification) - {"id", "display_name"}:
            # One record is a form; several (an API call, more lines of a
            # one2many loaded on their own) are one list consultation.
            self._don_log_consultation("open" if len(self) == 1 else "list")
        return result

    # Consultations write the access log: not read-only requests.
    web_read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # Rows of a list or kanban are not openings of each file: the page
        # is one consultation.
        result = super(
            DonSecuredMixin, self.with_context(don_no_access_log=INTERNAL)
        ).web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )
        if result["records"] and set(specification) - {"id", "display_name"}:
            self.browse([row["id"] for row in result["records"]])._don_log_consultation("list")
        return result

    web_search_read._readonly = False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        # The API's list (JSON-RPC, XML-RPC): one entry per call.
        result = super(DonSecuredMixin, self.with_context(don_no_access_log=INTERNAL)).search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        if result and not self.env.su:
            self.browse([row["id"] for row in result])._don_log_consultation("list")
        return result

    search_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        # The API's read (JSON-RPC /web/dataset/call_kw, /jsonrpc
        # execute_kw, XML-RPC): one entry per call, "open" for one record,
        # "list" for several. Server code reading records (web_read and
        # search_read read inside, computations, reports) is not a
        # consultation of its own: only a read the RPC dispatcher called
        # is logged here. A read of the names only (the web client's
        # many2one after a save) is not, as for web_read.
        log = (
            self._don_log_open
            and not self.env.su
            # No fields (None or []) is every field.
            and (not fields or set(fields) - {"id", "display_name"})
            and dispatched_by_rpc("read")
        )
        if not log:
            return super().read(fields, load=load)
        # The timeline computed for it is part of this consultation.
        result = super(
            DonSecuredMixin,
            self.with_context(don_no_access_log=INTERNAL, don_timeline_in_form=INTERNAL),
        ).read(fields, load=load)
        if result:
            self.browse([row["id"] for row in result])._don_log_consultation(
                "open" if len(result) == 1 else "list"
            )
        return result

    read._readonly = False

    @api.model
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        # A grouped list or kanban shows the names of the groups: grouped by
        # a young person or a case, those names are a consultation (one
        # entry per call and model shown, for the groups on the screen).
        result = super(
            DonSecuredMixin, self.with_context(don_no_access_log=INTERNAL)
        ).web_read_group(
            domain, fields, groupby, limit=limit, offset=offset, orderby=orderby, lazy=lazy
        )
        self._don_log_group_labels(result["groups"], domain, fields, groupby, lazy)
        return result

    web_read_group._readonly = False

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        result = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        # The API's read_group; web_read_group (above) and the kanban's
        # progress bars call it inside and are not logged again.
        if dispatched_by_rpc("read_group"):
            self._don_log_group_labels(result, domain, fields, groupby, lazy)
        return result

    read_group._readonly = False

    @api.model
    def _don_log_group_labels(self, groups, domain, fields, groupby, lazy):
        """Log what the labels and aggregates of ``groups`` show of logged
        models, one entry per model, unless a wrapper logs the call already:
        the records named by a many2one or many2many group (a young person,
        a case), and, for a logged model itself, its records when the groups
        are labelled by their text or personal fields (grouped by name, date
        of birth) or aggregate their values (``name:array_agg``)."""
        if self.env.su or not groups or internal_flag(self.env, "don_no_access_log"):
            return
        if isinstance(groupby, str):
            groupby = [groupby]
        specs = list(groupby[:1] if lazy else groupby)
        shown = {}
        own = False
        for spec in specs:
            fname = spec.split(":")[0].split(".")[0]
            field = self._fields.get(fname)
            if not field:
                continue
            if self._don_log_open and (
                field.type in ("char", "text", "html")
                or fname in getattr(self, "_don_privacy_fields", ())
            ):
                own = True
            if field.type not in ("many2one", "many2many"):
                continue
            comodel = self.env[field.comodel_name]
            if not getattr(comodel, "_don_log_open", False):
                continue
            ids = shown.setdefault(field.comodel_name, [])
            for group in groups:
                value = group.get(spec)
                if isinstance(value, (tuple, list)) and value and value[0] not in ids:
                    ids.append(value[0])
        for spec in fields or ():
            # "name:array_agg" or "names:array_agg(name)": the values
            # themselves (not for the ids).
            if self._don_log_open and isinstance(spec, str) and ":array_agg" in spec:
                alias, func = spec.split(":", 1)
                inner = func.partition("(")[2].rstrip(")").strip() or alias.strip()
                if inner != "id":
                    own = True
        if own:
            # The records behind the groups (one search, as the reader).
            records = self.search(domain or [])
            shown.setdefault(self._name, []).extend(
                rid for rid in records.ids if rid not in shown.get(self._name, [])
            )
        for model, ids in shown.items():
            if ids:
                self.env[model].browse(ids)._don_log_consultation("list")

    def export_data(self, fields_to_export):
        if not self.env.su and not self.env.user.has_group("don_core.group_don_export"):
            raise AccessError(
                _(
                    "Exporting DON records is not allowed for your account. "
                    "Ask the DON administrator for the export right."
                )
            )
        result = super(DonSecuredMixin, self.with_context(don_no_access_log=INTERNAL)).export_data(
            fields_to_export
        )
        # The export file is one consultation of the records in it.
        self._don_log_consultation("export")
        return result

    # ------------------------------------------------------------------
    # Side channels
    # ------------------------------------------------------------------
    def _don_users_with_access(self):
        """{record id: user ids} from the access relation."""
        return self.env["don.access"]._users_with_access(self._name, self.ids)

    def _don_allowed_partner_ids(self):
        users = set().union(*self._don_users_with_access().values()) if self else set()
        # sudo: only the partner ids of users that the access relation already
        # lists for this record are read, to compare them with followers.
        return set(self.env["res.users"].browse(users).sudo().partner_id.ids)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # Notifications (inbox and e-mail) only reach users who may see the
        # record: a mention or a follower without access gets nothing.
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self:
            return recipients
        allowed = set().union(*self._don_users_with_access().values())
        return [r for r in recipients if r.get("uid") and r["uid"] in allowed]

    def message_post(self, **kwargs):
        # A partner listed as recipient may read the message itself (rules of
        # mail.message), whatever their access to the record: only partners
        # of users who may see the record stay on it.
        if self and kwargs.get("partner_ids"):
            allowed = self._don_allowed_partner_ids()
            kwargs["partner_ids"] = [pid for pid in kwargs["partner_ids"] if pid in allowed]
        return super().message_post(**kwargs)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Only users with access can follow: followers see the record's name
        # and receive its messages.
        if partner_ids and len(self) > 1:
            for record in self:
                record._message_subscribe(partner_ids, subtype_ids, customer_ids)
            return True
        if partner_ids:
            allowed = self._don_allowed_partner_ids()
            partner_ids = [pid for pid in partner_ids if pid in allowed]
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    # ------------------------------------------------------------------
    # Privacy lifecycle hooks (see don.privacy and readme/DEVELOP.md).
    # Called with sudo() by the privacy engine only.
    # ------------------------------------------------------------------
    # Fields that may identify a person: blanked (or set to a neutral text
    # when required) on anonymisation.
    _don_privacy_fields = ()

    def _don_anonymise(self):
        """Remove what identifies the young person, keep the figures."""
        vals = {}
        for fname in self._don_privacy_fields:
            field = self._fields[fname]
            vals[fname] = _("Anonymised") if field.required else False
        if vals:
            self.write(vals)

    def _don_privacy_erase(self, youth, mode):
        """Anonymise (mode 'anonymise') or delete (mode 'delete') these
        records of ``youth``, with their chatter, attachments and activities.
        Idempotent. Override for records that also concern other people."""
        if mode == "delete":
            self.env["don.privacy"]._purge_traces(self)
            self.unlink()
        else:
            self._don_anonymise()
            self.env["don.privacy"]._purge_traces(self)

    def _don_privacy_export(self, youth):
        """JSON-serialisable dicts of these records for the data-subject
        export of ``youth``. Override to leave out other people's data."""
        return self.env["don.privacy"]._export_records(self, youth)
